package io.ecsgate.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects what the planners decide, in the order they decide it. */
public final class PlanBuilder {
  private final List<Action> actions = new ArrayList<>();
  private final Map<Key, String> knownIds = new HashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final java.util.Set<Key> pending = new java.util.HashSet<>();
  private final List<Action> pruned = new ArrayList<>();
  private int deletesLeft;
  private int deletesDeferred;

  public PlanBuilder(PlanOptions options) {
    this.deletesLeft = options.maxDeletes();
  }

  public void add(Action action) {
    actions.add(action);
  }

  /** Records that {@code key} exists as {@code id} and is kept by this plan. */
  public void known(Key key, String id) {
    knownIds.put(key, id);
  }

  /** Records that {@code key} will be created by this plan; its id is known only at apply time. */
  public void pending(Key key) {
    pending.add(key);
  }

  public Optional<String> idOf(Key key) {
    return Optional.ofNullable(knownIds.get(key));
  }

  public boolean isPending(Key key) {
    return pending.contains(key);
  }

  public void note(String note) {
    notes.add(note);
  }

  /** Adds a prune deletion if this cycle's budget allows; otherwise defers it. */
  public void prune(Action delete) {
    if (deletesLeft > 0) {
      deletesLeft--;
      actions.add(delete);
      pruned.add(delete);
    } else {
      deletesDeferred++;
    }
  }

  /** Withdraws every prune deletion and blocks the plan with {@code reason} instead. */
  public void refusePrune(String reason) {
    if (pruned.isEmpty() && deletesDeferred == 0) return;
    actions.removeAll(pruned);
    pruned.clear();
    deletesDeferred = 0;
    actions.add(Action.blocked("Prune", "--prune", reason));
  }

  public List<Action> actions() {
    return actions;
  }

  public Plan build() {
    if (deletesDeferred > 0)
      notes.add(deletesDeferred + " more deletion(s) deferred to later cycles (--max-deletes)");
    return new Plan(actions, knownIds, notes);
  }
}
