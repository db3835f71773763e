package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Takes the once-per-cycle snapshot of live AWS: each family reads its part with the fewest calls
 * its batch limits allow, and the families (independent AWS services) read at the same time, each
 * within its own client-side rate limits. The only place that reads AWS.
 */
public final class Observer {
  private final List<Family> families;
  private final List<Family.Observation> observations;
  private final List<Optional<Set<String>>> kinds;

  /** Observes {@code families}, in this order, through {@code clients}. */
  public Observer(List<Family> families, AwsClients clients, Ownership ownership) {
    this.families = List.copyOf(families);
    this.observations = families.stream().map(f -> f.observation(clients, ownership)).toList();
    this.kinds = families.stream().map(Family::kinds).toList();
  }

  /**
   * The snapshot a plan needs, whatever the plan's options: owned resources the desired state no
   * longer declares are read too, so that every plan shows them. A family whose reads fail (a
   * runtime exception out of its observation) does not stop the others: its place holds an {@link
   * ObservationFailure} instead of a snapshot ({@link ObservedState#failures()}).
   */
  public ObservedState observe(DesiredState desired) {
    return observe(desired, Inventory.UNCHECKED, all(true));
  }

  /**
   * The first pass's snapshot, each family reading its tags as {@code freshTags} (in family order)
   * says: false lets it take the tags of resources it already knows from what it read before
   * ({@link Family.Reading}); {@code inventory} is the state table's, read before.
   */
  public ObservedState observe(DesiredState desired, Inventory inventory, List<Boolean> freshTags) {
    return observe(desired, null, all(true), inventory, freshTags);
  }

  /**
   * {@code previous} with the families {@code again} names (in family order) read once more, every
   * tag of theirs read: what a plan that would write, made on tags of the last audit, reads first.
   */
  public ObservedState observeAgain(
      DesiredState desired, ObservedState previous, List<Boolean> again, Inventory inventory) {
    return observe(desired, previous, again, inventory, all(true));
  }

  /**
   * Which families read every tag (in family order): all of them on an {@code audit}; otherwise
   * those that hold a kind in {@code written} (what ecsgate wrote since their last observation: the
   * tags it knows of them may be its own old ones), and those that declare no kinds.
   */
  public List<Boolean> freshTags(boolean audit, Set<String> written) {
    if (audit) return all(true);
    return kinds.stream()
        .map(k -> k.map(own -> !Collections.disjoint(own, written)).orElse(true))
        .toList();
  }

  private List<Boolean> all(boolean value) {
    return Collections.nCopies(observations.size(), value);
  }

  /**
   * The snapshot for a later pass of the same apply, made by this observer for the same desired
   * state after {@code previous}: a family is read again only when one of its kinds is in {@code
   * stale} (the action kinds the pass before wrote, and those of the resources the plan waits on).
   * The other families' snapshots are taken from {@code previous} as they are: nothing ecsgate
   * wrote since changes what they read (a failure of the pass before included: nothing of its kinds
   * was planned, so nothing of them was written). A family that declares no kinds, or a stale kind
   * that no family declares, is read again.
   */
  public ObservedState observe(DesiredState desired, ObservedState previous, Set<String> stale) {
    return observe(desired, previous, readAgain(previous, stale), Inventory.UNCHECKED, all(true));
  }

  /** Which families a later pass reads again, in family order. */
  List<Boolean> readAgain(ObservedState previous, Set<String> stale) {
    Set<String> declared = new HashSet<>();
    kinds.forEach(k -> k.ifPresent(declared::addAll));
    if (previous == null
        || previous.snapshots().size() != observations.size()
        || !declared.containsAll(stale)) return Collections.nCopies(observations.size(), true);
    return kinds.stream()
        .map(k -> k.map(own -> !Collections.disjoint(own, stale)).orElse(true))
        .toList();
  }

  private ObservedState observe(
      DesiredState desired,
      ObservedState previous,
      List<Boolean> readAgain,
      Inventory inventory,
      List<Boolean> freshTags) {
    int reading = (int) readAgain.stream().filter(again -> again).count();
    if (reading == 0) return previous == null ? new ObservedState(List.of()) : previous;
    List<Object> snapshots = new ArrayList<>();
    ExecutorService readers =
        Executors.newFixedThreadPool(
            reading,
            task -> {
              Thread thread = new Thread(task, "ecsgate-observe");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<CompletableFuture<Object>> reads = new ArrayList<>();
      for (int i = 0; i < observations.size(); i++) {
        Family.Observation observation = observations.get(i);
        Family.Reading how = new Family.Reading(freshTags.get(i), inventory);
        reads.add(
            readAgain.get(i)
                ? CompletableFuture.supplyAsync(() -> observation.observe(desired, how), readers)
                : CompletableFuture.completedFuture(previous.snapshots().get(i)));
      }
      for (int i = 0; i < reads.size(); i++) {
        try {
          snapshots.add(reads.get(i).join());
        } catch (CompletionException e) {
          if (e.getCause() instanceof Error error) throw error;
          snapshots.add(ObservationFailure.of(families.get(i), unwrap(e)));
        }
      }
      return new ObservedState(snapshots);
    } finally {
      readers.shutdownNow();
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    return e.getCause() instanceof RuntimeException cause ? cause : e;
  }
}
