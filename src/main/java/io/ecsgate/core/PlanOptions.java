package io.ecsgate.core;

/**
 * How bold a plan may be: {@code prune} deletes owned resources no longer declared; {@code
 * maxDeletes} bounds the deletions that need it or replace something, per apply and per daemon
 * cycle (the rest wait for the next one); {@code allowReplace} lets a change AWS cannot make in
 * place (such as an ECS service's launch type) delete and re-create the resource instead of
 * blocking; {@code keepTaskDefinitions} is how many ACTIVE revisions of an owned family are kept
 * when a new one is registered (0: never deregister); {@code allowMassDelete} lifts the guard that
 * refuses to delete more than half of what ecsgate owns at once.
 */
public record PlanOptions(
    boolean prune,
    int maxDeletes,
    boolean allowReplace,
    int keepTaskDefinitions,
    boolean allowMassDelete) {
  public static final int DEFAULT_KEEP_TASK_DEFINITIONS = 5;
  public static final int DEFAULT_MAX_DELETES = 20;
  public static final PlanOptions DEFAULT = new PlanOptions(false, DEFAULT_MAX_DELETES);

  public PlanOptions(boolean prune, int maxDeletes) {
    this(prune, maxDeletes, false, DEFAULT_KEEP_TASK_DEFINITIONS);
  }

  public PlanOptions(boolean prune, int maxDeletes, boolean allowReplace, int keepTaskDefinitions) {
    this(prune, maxDeletes, allowReplace, keepTaskDefinitions, false);
  }

  public PlanOptions withPrune(boolean prune) {
    return new PlanOptions(prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete);
  }

  public PlanOptions withAllowReplace(boolean allowReplace) {
    return new PlanOptions(prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete);
  }

  public PlanOptions withAllowMassDelete(boolean allowMassDelete) {
    return new PlanOptions(prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete);
  }
}
