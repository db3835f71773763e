package io.ecsgate.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One consistent-enough snapshot of live AWS, taken once per cycle: one snapshot per {@link
 * Family}, found by type, or, for a family whose reads failed, an {@link ObservationFailure} in its
 * place (never found as a snapshot, never counted as owning anything).
 */
public record ObservedState(List<Object> snapshots) {

  public ObservedState {
    snapshots = List.copyOf(snapshots);
  }

  public static ObservedState of(Object... snapshots) {
    return new ObservedState(List.of(snapshots));
  }

  /** The families whose reads failed, in family order. */
  public List<ObservationFailure> failures() {
    return snapshots.stream()
        .filter(ObservationFailure.class::isInstance)
        .map(ObservationFailure.class::cast)
        .toList();
  }

  /** At least one family was read (or there is none): AWS answered. */
  public boolean readAny() {
    return snapshots.isEmpty() || failures().size() < snapshots.size();
  }

  public <T> Optional<T> find(Class<T> type) {
    return snapshots.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Every {@code Kind/name} that is this controller's (tags and inventory agree). */
  public Set<String> ownedResources(Ownership ownership) {
    Set<String> owned = new TreeSet<>();
    for (Object snapshot : snapshots)
      if (snapshot instanceof Snapshot s) owned.addAll(s.ownedResources(ownership));
    return owned;
  }

  /**
   * The resources tagged as this controller's that the inventory does not hold, sorted: reported,
   * never changed or deleted.
   */
  public List<Inventory.Untracked> untracked(Ownership ownership) {
    Set<Inventory.Untracked> untracked = new TreeSet<>();
    for (Object snapshot : snapshots)
      if (snapshot instanceof Snapshot s) untracked.addAll(s.untracked(ownership));
    return List.copyOf(untracked);
  }

  /**
   * How many resources and parts this controller owns, for the mass-deletion guard: every resource
   * that is its (tags and inventory), and the parts of owned resources each snapshot holds.
   */
  public int ownedCount(Ownership ownership) {
    int count = 0;
    for (Object snapshot : snapshots)
      if (snapshot instanceof Snapshot s)
        count += s.ownedResources(ownership).size() + s.ownedParts(ownership);
    return count;
  }
}
