package io.ecsgate.core;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The whole truth about one pass: the ordered {@code actions} apply executes (and the blocked ones
 * that explain what it cannot), the ARNs already known for {@link Key}s, the {@code waits} for
 * something not ready yet, the deletions {@code withheld} by a guard, and {@code notes} for people.
 * Actions are in execution order ({@link PlanBuilder} sorts them): creates and updates forward in
 * kind order, deletes afterwards in reverse, so nothing is deleted while still referenced. Control
 * flow reads the typed parts, never the notes. The {@code inventory} the plan was checked against,
 * and the resources {@code untracked}: tagged as ecsgate's but not in it, which no action touches;
 * {@code creating}: the resources the plan's actions create (an inventory entry is marked pending
 * before each such create).
 */
public record Plan(
    List<Action> actions,
    Map<Key, String> knownIds,
    List<Wait> waits,
    List<Withheld> withheld,
    List<String> notes,
    Set<Key> creating,
    Inventory inventory,
    List<Inventory.Untracked> untracked) {

  public Plan {
    actions = List.copyOf(actions);
    knownIds = Map.copyOf(knownIds);
    waits = List.copyOf(waits);
    withheld = List.copyOf(withheld);
    notes = List.copyOf(notes);
    untracked = List.copyOf(untracked);
    creating = Set.copyOf(creating);
    java.util.Objects.requireNonNull(inventory);
  }

  public Plan(
      List<Action> actions,
      Map<Key, String> knownIds,
      List<Wait> waits,
      List<Withheld> withheld,
      List<String> notes) {
    this(actions, knownIds, waits, withheld, notes, Set.of(), Inventory.UNCHECKED, List.of());
  }

  /** The same plan, checked against {@code inventory}, reporting {@code untracked}. */
  public Plan checkedAgainst(Inventory inventory, List<Inventory.Untracked> untracked) {
    return new Plan(actions, knownIds, waits, withheld, notes, creating, inventory, untracked);
  }

  /** The same plan, whose actions create the resources of {@code creating}. */
  public Plan creating(Set<Key> creating) {
    return new Plan(actions, knownIds, waits, withheld, notes, creating, inventory, untracked);
  }

  public Plan(List<Action> actions, Map<Key, String> knownIds, List<String> notes) {
    this(actions, knownIds, List.of(), List.of(), notes);
  }

  /** Apply has something to execute. */
  public boolean hasChanges() {
    return actions.stream().anyMatch(a -> !a.isBlocked());
  }

  /**
   * Live AWS differs from the desired state in any way: changes to make, blocked ones, work
   * waiting, or deletions withheld (such as owned resources that only {@code --prune} would
   * delete).
   */
  public boolean hasDifferences() {
    return !actions.isEmpty() || !waits.isEmpty() || !withheld.isEmpty();
  }

  public boolean isBlocked() {
    return actions.stream().anyMatch(Action::isBlocked);
  }

  public List<Action> blocked() {
    return actions.stream().filter(Action::isBlocked).toList();
  }

  public List<Action> executable() {
    return actions.stream().filter(a -> !a.isBlocked()).toList();
  }

  /** The same plan without the actions {@code drop} selects. */
  public Plan without(Predicate<Action> drop) {
    return new Plan(
        actions.stream().filter(drop.negate()).toList(),
        knownIds,
        waits,
        withheld,
        notes,
        creating,
        inventory,
        untracked);
  }

  /**
   * What can run while some actions are blocked: everything but the actions on a blocked key, those
   * that need one of those (directly or through another held action), and every deletion (a delete
   * is only safe when all else went as planned).
   */
  public Plan withoutDependentsOfBlocked() {
    if (!isBlocked()) return this;
    Set<Key> held = new HashSet<>();
    blocked().forEach(a -> held.add(a.key()));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Action action : executable()) {
        if (held.contains(action.key())) continue;
        if (action.step().needs().stream().anyMatch(held::contains)) grew |= held.add(action.key());
      }
    }
    return without(a -> !a.isBlocked() && (held.contains(a.key()) || a.verb() == Verb.DELETE));
  }
}
