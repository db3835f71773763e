package io.ecsgate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A family's snapshot, as far as the engine needs to know it: what this controller owns in it. */
public interface Snapshot {

  /** One resource that carries tags, by the ARN or ID ecsgate's inventory records it under. */
  record Tagged(String id, Map<String, String> tags) {}

  /**
   * Every resource of an inventoried kind in the snapshot, with its tags: what ownership is decided
   * on ({@link Ownership}, tags and inventory).
   */
  List<Tagged> tagged();

  /**
   * The {@code Kind/name} of every resource in the snapshot that is this controller's (its tags and
   * the inventory agree), once per resource (duplicates show twice).
   */
  default List<String> ownedResources(Ownership ownership) {
    List<String> owned = new ArrayList<>();
    for (Tagged t : tagged()) ownership.resourceOf(t.tags(), t.id()).ifPresent(owned::add);
    return owned;
  }

  /** The resources tagged as this controller's that the inventory does not hold. */
  default List<Inventory.Untracked> untracked(Ownership ownership) {
    List<Inventory.Untracked> untracked = new ArrayList<>();
    for (Tagged t : tagged()) ownership.untracked(t.tags(), t.id()).ifPresent(untracked::add);
    return untracked;
  }

  /**
   * How many parts of owned resources the snapshot holds (an API's resources and methods, a
   * service's scaling target and policies, task definition revisions): they count for the
   * mass-deletion guard.
   */
  default int ownedParts(Ownership ownership) {
    return 0;
  }
}
