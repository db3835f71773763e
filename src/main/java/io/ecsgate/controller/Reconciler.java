package io.ecsgate.controller;

import io.ecsgate.apply.Applier;
import io.ecsgate.apply.ApplyResult;
import io.ecsgate.apply.Outcome;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.ObservedState;
import io.ecsgate.aws.Observer;
import io.ecsgate.model.DesiredState;
import io.ecsgate.model.Ownership;
import io.ecsgate.plan.Pass;
import io.ecsgate.plan.Plan;
import io.ecsgate.plan.PlanContext;
import io.ecsgate.plan.PlanOptions;
import io.ecsgate.plan.Planner;
import java.util.function.Consumer;

/** The real {@link Engine}: observe live AWS, plan against the desired state, apply the plan. */
public final class Reconciler implements Engine {
  private final Observer observer;
  private final Planner planner = new Planner();
  private final Applier applier;
  private final Ownership ownership;

  public Reconciler(AwsClients clients, Ownership ownership) {
    this.observer = new Observer(clients, ownership);
    this.applier = new Applier(clients);
    this.ownership = ownership;
  }

  /** The first pass's plan: what {@code plan} shows and {@code apply} starts with. */
  public Plan plan(DesiredState desired, PlanOptions options) {
    return plan(desired, options, Pass.FIRST, observed -> {});
  }

  @Override
  public Plan plan(
      DesiredState desired, PlanOptions options, Pass pass, Consumer<ObservedState> observedHook) {
    ObservedState observed = observer.observe(desired);
    observedHook.accept(observed);
    return planner.plan(new PlanContext(desired, observed, ownership, options, pass));
  }

  @Override
  public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
    return applier.apply(plan, progress);
  }

  /** Plans and applies in passes; see {@link Convergence#converge}. */
  public Convergence converge(
      DesiredState desired, PlanOptions options, Convergence.Progress progress) {
    return Convergence.converge(this, desired, options, progress);
  }
}
