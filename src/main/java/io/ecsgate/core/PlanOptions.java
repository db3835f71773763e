package io.ecsgate.core;

/**
 * How bold a plan may be: {@code prune} deletes owned resources no longer declared; {@code
 * maxDeletes} bounds the deletions that need it or replace something, per apply and per daemon
 * cycle (the rest wait for the next one); {@code allowReplace} lets a change AWS cannot make in
 * place (such as an ECS service's launch type) delete and re-create the resource instead of
 * blocking; {@code keepTaskDefinitions} is how many ACTIVE revisions of an owned family are kept
 * when a new one is registered (0: never deregister); {@code allowMassDelete} lifts the guard that
 * refuses to delete more than half of what ecsgate owns at once; {@code passRoles} are the IAM
 * roles (ARNs, or names in any account) a task definition may name as its task or execution role,
 * as {@code --pass-role} lists them (empty: any role, the IAM policy alone decides).
 */
public record PlanOptions(
    boolean prune,
    int maxDeletes,
    boolean allowReplace,
    int keepTaskDefinitions,
    boolean allowMassDelete,
    java.util.List<String> passRoles) {
  public static final int DEFAULT_KEEP_TASK_DEFINITIONS = 5;
  public static final int DEFAULT_MAX_DELETES = 20;
  public static final PlanOptions DEFAULT = new PlanOptions(false, DEFAULT_MAX_DELETES);

  public PlanOptions {
    passRoles = java.util.List.copyOf(passRoles);
  }

  public PlanOptions(
      boolean prune,
      int maxDeletes,
      boolean allowReplace,
      int keepTaskDefinitions,
      boolean allowMassDelete) {
    this(
        prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete, java.util.List.of());
  }

  public PlanOptions(boolean prune, int maxDeletes) {
    this(prune, maxDeletes, false, DEFAULT_KEEP_TASK_DEFINITIONS);
  }

  public PlanOptions(boolean prune, int maxDeletes, boolean allowReplace, int keepTaskDefinitions) {
    this(prune, maxDeletes, allowReplace, keepTaskDefinitions, false);
  }

  public PlanOptions withPrune(boolean prune) {
    return new PlanOptions(
        prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete, passRoles);
  }

  public PlanOptions withAllowReplace(boolean allowReplace) {
    return new PlanOptions(
        prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete, passRoles);
  }

  public PlanOptions withAllowMassDelete(boolean allowMassDelete) {
    return new PlanOptions(
        prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete, passRoles);
  }

  public PlanOptions withPassRoles(java.util.List<String> passRoles) {
    return new PlanOptions(
        prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete, passRoles);
  }

  /**
   * May a task definition name this role ARN? Yes when {@code --pass-role} named none, or named
   * this ARN, or the role's name (the part after the last {@code /}).
   */
  public boolean mayPassRole(String roleArn) {
    if (passRoles.isEmpty()) return true;
    String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return passRoles.contains(roleArn) || passRoles.contains(name);
  }
}
