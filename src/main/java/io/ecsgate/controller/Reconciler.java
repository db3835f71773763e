package io.ecsgate.controller;

import io.ecsgate.apply.Applier;
import io.ecsgate.apply.ApplyResult;
import io.ecsgate.apply.Outcome;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.ObservedState;
import io.ecsgate.aws.Observer;
import io.ecsgate.model.DesiredState;
import io.ecsgate.model.Ownership;
import io.ecsgate.plan.Plan;
import io.ecsgate.plan.PlanContext;
import io.ecsgate.plan.PlanOptions;
import io.ecsgate.plan.Planner;
import java.util.function.Consumer;

/**
 * One reconcile cycle's parts: observe live AWS, plan against the desired state, apply the plan.
 */
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

  public Plan plan(DesiredState desired, PlanOptions options) {
    return plan(desired, options, observed -> {});
  }

  @Override
  public Plan plan(
      DesiredState desired, PlanOptions options, Consumer<ObservedState> observedHook) {
    ObservedState observed = observer.observe(desired, options.prune());
    observedHook.accept(observed);
    return planner.plan(new PlanContext(desired, observed, ownership, options));
  }

  @Override
  public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
    return applier.apply(plan, progress);
  }

  /** Hears what {@link #converge} does. */
  public interface Progress {
    void planned(Plan plan, int pass);

    void outcome(Outcome outcome);

    Progress SILENT =
        new Progress() {
          @Override
          public void planned(Plan plan, int pass) {}

          @Override
          public void outcome(Outcome outcome) {}
        };
  }

  /**
   * How an apply ended: passes run, changes made, whether every change succeeded, and the last
   * plan.
   */
  public record Convergence(int passes, int changes, boolean succeeded, Plan lastPlan) {}

  /**
   * Plans and applies; when the plan defers work that needs something it creates (an NLB's targets
   * need the new ALB's IPs), observes and applies again, at most {@link #MAX_PASSES} passes.
   */
  public Convergence converge(DesiredState desired, PlanOptions options, Progress progress) {
    int changes = 0;
    Plan plan = null;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      plan = plan(desired, options);
      progress.planned(plan, pass);
      if (!plan.hasChanges()) return new Convergence(pass, changes, !plan.isBlocked(), plan);
      ApplyResult result = apply(plan, progress::outcome);
      changes += (int) result.count(Outcome.Status.DONE);
      if (!result.succeeded() || plan.isBlocked())
        return new Convergence(pass, changes, false, plan);
      if (plan.notes().isEmpty()) return new Convergence(pass, changes, true, plan);
    }
    return new Convergence(MAX_PASSES, changes, true, plan);
  }

  public static final int MAX_PASSES = 3;
}
