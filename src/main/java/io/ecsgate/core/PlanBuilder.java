package io.ecsgate.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects what the planners decide, and holds the one guarded path every deletion takes: {@link
 * #delete} and {@link #removePart} only propose; {@link #build} decides, for all kinds at once and
 * in delete order, which deletions run (see {@link Deletes}) and which are withheld.
 */
public final class PlanBuilder {
  private final PlanOptions options;
  private final Pass pass;
  private final List<Action> actions = new ArrayList<>();
  private final List<Action> deletions = new ArrayList<>();
  private final Map<Key, String> knownIds = new HashMap<>();
  private final List<Wait> waits = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<Key> pending = new HashSet<>();
  private final Map<Action, Key> owners = new java.util.IdentityHashMap<>();

  private final Comparator<Action> order;

  /**
   * {@code kindOrder}: the action kinds in the order they are created and updated; deletes run in
   * reverse, after all of them.
   */
  public PlanBuilder(PlanOptions options, Pass pass, List<String> kindOrder) {
    this.options = options;
    this.pass = pass;
    this.order = Comparator.comparingInt(action -> rank(kindOrder, action));
  }

  private static int rank(List<String> kindOrder, Action action) {
    int kind = kindOrder.indexOf(action.kind());
    if (kind < 0) kind = kindOrder.size();
    return action.verb() == Verb.DELETE ? 2 * kindOrder.size() + 1 - kind : kind;
  }

  /** Adds a create, update, adoption or blocked action. */
  public void add(Action action) {
    if (action.deletes().deletesSomething())
      throw new IllegalArgumentException("deletions go through delete() or removePart()");
    actions.add(action);
  }

  /**
   * Proposes deleting a whole resource; {@link #build} applies the guards {@code cause} calls for.
   */
  public void delete(String kind, String name, Step step, Deletes cause, String reason) {
    delete(kind, name, step, cause, List.of(), reason);
  }

  public void delete(
      String kind, String name, Step step, Deletes cause, List<Change> changes, String reason) {
    deletions.add(Action.delete(kind, name, step, cause, changes, reason));
  }

  /**
   * Proposes deleting a part of {@code owner} (a resource proposed for deletion too): it runs
   * exactly when the owner's deletion does, and is withheld, for the same reason, when that is.
   */
  public void deleteWith(Key owner, String kind, String name, Step step, String reason) {
    Action action = Action.delete(kind, name, step, Deletes.WITH_OWNER, List.of(), reason);
    owners.put(action, owner);
    deletions.add(action);
  }

  /**
   * Proposes removing a part of a declared resource (a route, a method): an update, in the update
   * phase, that counts for the mass-deletion guard only.
   */
  public void removePart(String kind, String name, Step step, List<Change> changes) {
    deletions.add(Action.removal(kind, name, step, changes));
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

  /** {@code subject} cannot be planned until {@code on} is ready. */
  public void waitFor(Key subject, Key on, String why) {
    waits.add(new Wait(subject, on, why));
  }

  /** A remark for people; never read by code. */
  public void note(String note) {
    notes.add(note);
  }

  public List<Action> actions() {
    return actions;
  }

  /**
   * The plan, with the deletion guards applied across all kinds: in delete order (dependents
   * first), a deletion that needs {@code --prune} runs only with it; budgeted ones run while the
   * {@code --max-deletes} budget left by earlier passes lasts; and if what would be deleted in this
   * apply exceeds half of what ecsgate owns (and 2), none runs unless {@code --allow-mass-delete}.
   *
   * @param owned how many resources and parts this controller owns as observed now
   * @param prunesEverything the desired state shares nothing with what is owned (a wrong path)
   */
  public Plan build(int owned, boolean prunesEverything) {
    List<Withheld> withheld = new ArrayList<>();
    List<Action> accepted = new ArrayList<>();
    int budget = Math.max(0, options.maxDeletes() - pass.budgeted());
    List<Action> ordered = new ArrayList<>(deletions);
    ordered.sort(order);
    Map<Key, Withheld.Why> withheldOwners = new HashMap<>();
    Set<Key> acceptedOwners = new HashSet<>();
    for (Action deletion : ordered) {
      Deletes cause = deletion.deletes();
      if (cause == Deletes.WITH_OWNER) continue; // decided by its owner, below
      if (cause.needsPrune() && !options.prune()) {
        withheld.add(new Withheld(deletion, Withheld.Why.NEEDS_PRUNE));
      } else if (cause.needsPrune() && prunesEverything) {
        withheld.add(new Withheld(deletion, Withheld.Why.PRUNES_EVERYTHING));
      } else if (cause.budgeted() && budget == 0) {
        withheld.add(new Withheld(deletion, Withheld.Why.OVER_BUDGET));
      } else {
        if (cause.budgeted()) budget--;
        accepted.add(deletion);
      }
    }
    for (Withheld w : withheld) withheldOwners.putIfAbsent(w.action().key(), w.why());
    accepted.forEach(a -> acceptedOwners.add(a.key()));
    for (Action part : ordered) {
      if (part.deletes() != Deletes.WITH_OWNER) continue;
      Key owner = owners.get(part);
      if (acceptedOwners.contains(owner)) accepted.add(part);
      else if (withheldOwners.containsKey(owner))
        withheld.add(new Withheld(part, withheldOwners.get(owner)));
      // an owner not proposed for deletion keeps its parts
    }
    if (withheld.stream().anyMatch(w -> w.why() == Withheld.Why.PRUNES_EVERYTHING))
      actions.add(
          Action.blocked(
              "Prune",
              "--prune",
              "none of the resources this controller owns is declared in this desired state, so --prune would delete them all;"
                  + " check the path and --controller-id (nothing is deleted)"));
    long deferred = withheld.stream().filter(w -> w.why() == Withheld.Why.OVER_BUDGET).count();
    if (deferred > 0)
      notes.add(deferred + " more deletion(s) deferred to later cycles (--max-deletes)");
    int total = pass.deleted() + accepted.size();
    if (isMassDeletion(total, owned + pass.deleted()) && !options.allowMassDelete()) {
      accepted.forEach(a -> withheld.add(new Withheld(a, Withheld.Why.MASS_DELETION)));
      actions.add(
          Action.blocked(
              "Deletion",
              "mass-deletion-guard",
              "this apply would delete "
                  + total
                  + " of the "
                  + (owned + pass.deleted())
                  + " resources and parts ecsgate owns (more than half); nothing is deleted."
                  + " Check the desired state, or run with --allow-mass-delete"));
    } else {
      actions.addAll(accepted);
    }
    List<Action> sorted = new ArrayList<>(actions);
    sorted.sort(order);
    return new Plan(sorted, knownIds, waits, withheld, notes).creating(pending);
  }

  /** More than half of what is owned, and more than 2. */
  static boolean isMassDeletion(int deleting, int owned) {
    return deleting > 2 && deleting * 2 > owned;
  }
}
