package io.ecsgate.controller;

import io.ecsgate.apply.ApplyResult;
import io.ecsgate.apply.Outcome;
import io.ecsgate.aws.ObservedState;
import io.ecsgate.model.DesiredState;
import io.ecsgate.plan.Pass;
import io.ecsgate.plan.Plan;
import io.ecsgate.plan.PlanOptions;
import java.util.function.Consumer;

/**
 * What {@link Convergence} drives: observe and plan, then apply. {@link Reconciler} is the real
 * one.
 */
public interface Engine {
  /**
   * Observes live AWS (handing the snapshot to {@code observed}) and plans {@code pass} of an apply
   * against {@code desired}.
   */
  Plan plan(DesiredState desired, PlanOptions options, Pass pass, Consumer<ObservedState> observed);

  /** Applies the plan's executable actions, reporting each outcome as it happens. */
  ApplyResult apply(Plan plan, Consumer<Outcome> progress);
}
