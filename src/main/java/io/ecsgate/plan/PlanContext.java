package io.ecsgate.plan;

import io.ecsgate.aws.ObservedState;
import io.ecsgate.model.DesiredState;
import io.ecsgate.model.Ownership;

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
