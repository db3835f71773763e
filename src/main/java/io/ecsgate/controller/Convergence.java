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
import io.ecsgate.core.Wait;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

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
   * VPC link just created to become AVAILABLE), at most {@link #MAX_PASSES} passes. A later pass
   * reads again only the families that hold what the pass before wrote (or tried to) and what the
   * plan waits on; the others' snapshots are the pass before's, which nothing this apply wrote can
   * have changed. Every pass after the first knows what earlier ones deleted, so {@code
   * --max-deletes} and the mass-deletion guard hold for the apply as a whole, and it does not count
   * as a new observation for the ALB-IP hysteresis.
   */
  public static Convergence converge(
      Engine engine, DesiredState desired, PlanOptions options, Progress progress) {
    Pass pass = Pass.FIRST;
    int changes = 0;
    Set<Key> changed = new HashSet<>();
    ObservedState[] observed = {null};
    Consumer<ObservedState> hook =
        snapshot -> {
          observed[0] = snapshot;
          progress.observed(snapshot);
        };
    Set<String> stale = null;
    while (true) {
      Plan plan =
          stale == null || observed[0] == null
              ? engine.plan(desired, options, pass, hook)
              : engine.plan(desired, options, pass, observed[0], stale, hook);
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
      List<Wait> waits = plan.waits().stream().filter(wait -> changed.contains(wait.on())).toList();
      if (!result.succeeded() || waits.isEmpty() || pass.number() == MAX_PASSES)
        return new Convergence(
            pass.number(), changes, result.succeeded() && !plan.isBlocked(), plan);
      stale = new HashSet<>(tally.written);
      for (Wait wait : waits) stale.add(wait.on().kind());
      pass = pass.next(tally.budgeted, tally.deleted);
    }
  }

  /** What one pass changed: the keys it touched, the kinds it wrote and the deletions it made. */
  private static final class Tally {
    final Set<Key> changed = new HashSet<>();

    /** The action kinds of every action that ran, done or failed: AWS may have changed either. */
    final Set<String> written = new HashSet<>();

    int budgeted;
    int deleted;

    void add(Outcome outcome) {
      if (outcome.status() != Outcome.Status.SKIPPED) written.add(outcome.action().kind());
      if (outcome.status() != Outcome.Status.DONE) return;
      Action action = outcome.action();
      changed.add(action.key());
      if (action.verb() == Verb.BLOCKED || !action.deletes().deletesSomething()) return;
      deleted++;
      if (action.deletes().budgeted()) budgeted++;
    }
  }
}
