package io.ecsgate.core;

/** Everything a planner reads. Planners are pure: same context, same plan. */
public record PlanContext(
    DesiredState desired,
    ObservedState observed,
    Ownership ownership,
    PlanOptions options,
    Pass pass) {

  public PlanContext(
      DesiredState desired, ObservedState observed, Ownership ownership, PlanOptions options) {
    this(desired, observed, ownership, options, Pass.FIRST);
  }
}
