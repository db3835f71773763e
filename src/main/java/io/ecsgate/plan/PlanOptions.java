package io.ecsgate.plan;

/**
 * How bold a plan may be: {@code prune} deletes owned resources no longer declared (at most {@code
 * maxDeletes} a cycle; the rest wait for the next one); {@code allowReplace} lets a change AWS
 * cannot make in place (such as an ECS service's launch type) delete and re-create the resource
 * instead of blocking; {@code keepTaskDefinitions} is how many ACTIVE revisions of an owned family
 * are kept when a new one is registered (0: never deregister).
 */
public record PlanOptions(
    boolean prune, int maxDeletes, boolean allowReplace, int keepTaskDefinitions) {
  public static final int DEFAULT_KEEP_TASK_DEFINITIONS = 5;
  public static final PlanOptions DEFAULT = new PlanOptions(false, 20);

  public PlanOptions(boolean prune, int maxDeletes) {
    this(prune, maxDeletes, false, DEFAULT_KEEP_TASK_DEFINITIONS);
  }

  public PlanOptions withPrune(boolean prune) {
    return new PlanOptions(prune, maxDeletes, allowReplace, keepTaskDefinitions);
  }

  public PlanOptions withAllowReplace(boolean allowReplace) {
    return new PlanOptions(prune, maxDeletes, allowReplace, keepTaskDefinitions);
  }
}
