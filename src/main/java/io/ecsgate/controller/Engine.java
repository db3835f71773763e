package io.ecsgate.controller;

import io.ecsgate.core.ApplyResult;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import java.util.Set;
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

  /**
   * Plans a later {@code pass} of the same apply: as {@link #plan}, but only the families that hold
   * a {@code stale} action kind need be read again; the others' snapshots may be taken from {@code
   * previous}, this engine's observation of the pass before ({@link
   * io.ecsgate.core.Observer#observe(DesiredState, ObservedState, Set)}). By default everything is
   * read again.
   */
  default Plan plan(
      DesiredState desired,
      PlanOptions options,
      Pass pass,
      ObservedState previous,
      Set<String> stale,
      Consumer<ObservedState> observed) {
    return plan(desired, options, pass, observed);
  }

  /** Applies the plan's executable actions, reporting each outcome as it happens. */
  ApplyResult apply(Plan plan, Consumer<Outcome> progress);
}
