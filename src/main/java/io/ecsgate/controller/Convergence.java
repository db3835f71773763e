package io.ecsgate.controller;

import io.ecsgate.core.Action;
import io.ecsgate.core.ApplyResult;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import java.util.HashSet;
import java.util.Set;

/**
 * How one apply or one daemon cycle ended: passes run, changes made, whether every change that ran
 * succeeded and nothing was blocked, and the last plan. {@link #converge} is the one pass loop, for
 * the CLI and the daemon alike.
 */
public record Convergence(int passes, int changes, boolean succeeded, Plan lastPlan) {

  /** At most this many observe-plan-apply passes in one apply or cycle. */
  public static final int MAX_PASSES = 3;

  /** Hears what {@link #converge} does, and decides what of each plan may run. */
  public interface Progress {
    default void observed(ObservedState observed) {}

    void planned(Plan plan, int pass);

    /**
     * What of {@code plan} runs. The default refuses a blocked plan whole, as {@code apply} must:
     * nothing is written while any action is blocked.
     */
    default Plan runnable(Plan plan) {
      return plan.isBlocked() ? plan.without(action -> true) : plan;
    }

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
   * Observes, plans and applies; observes and applies again only while the plan waits on something
   * this apply created or changed (an NLB's targets wait for the ALB just created, routes for the
   * VPC link just created to become AVAILABLE), at most {@link #MAX_PASSES} passes. Every pass
   * after the first knows what earlier ones deleted, so {@code --max-deletes} and the mass-deletion
   * guard hold for the apply as a whole, and it does not count as a new observation for the ALB-IP
   * hysteresis.
   */
  public static Convergence converge(
      Engine engine, DesiredState desired, PlanOptions options, Progress progress) {
    Pass pass = Pass.FIRST;
    int changes = 0;
    Set<Key> changed = new HashSet<>();
    while (true) {
      Plan plan = engine.plan(desired, options, pass, progress::observed);
      progress.planned(plan, pass.number());
      Plan runnable = progress.runnable(plan);
      if (!runnable.hasChanges())
        return new Convergence(pass.number(), changes, !plan.isBlocked(), plan);
      Tally tally = new Tally();
      ApplyResult result =
          engine.apply(
              runnable,
              outcome -> {
                tally.add(outcome);
                progress.outcome(outcome);
              });
      changes += (int) result.count(Outcome.Status.DONE);
      changed.addAll(tally.changed);
      boolean again = plan.waits().stream().anyMatch(wait -> changed.contains(wait.on()));
      if (!result.succeeded() || !again || pass.number() == MAX_PASSES)
        return new Convergence(
            pass.number(), changes, result.succeeded() && !plan.isBlocked(), plan);
      pass = pass.next(tally.budgeted, tally.deleted);
    }
  }

  /** What one pass changed: the keys it touched and the deletions it made. */
  private static final class Tally {
    final Set<Key> changed = new HashSet<>();
    int budgeted;
    int deleted;

    void add(Outcome outcome) {
      if (outcome.status() != Outcome.Status.DONE) return;
      Action action = outcome.action();
      changed.add(action.key());
      if (action.verb() == Verb.BLOCKED || !action.deletes().deletesSomething()) return;
      deleted++;
      if (action.deletes().budgeted()) budgeted++;
    }
  }
}
