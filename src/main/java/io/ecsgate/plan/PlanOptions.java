package io.ecsgate.plan;

/**
 * How bold a plan may be: {@code prune} deletes owned resources no longer declared (at most
 * {@code maxDeletes} a cycle; the rest wait for the next one).
 */
public record PlanOptions(boolean prune, int maxDeletes) {
  public static final PlanOptions DEFAULT = new PlanOptions(false, 20);

  public PlanOptions withPrune(boolean prune) {
    return new PlanOptions(prune, maxDeletes);
  }
}
