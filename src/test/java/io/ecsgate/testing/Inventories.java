package io.ecsgate.testing;

import io.ecsgate.core.Inventory;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checked inventories for unit tests of ownership. */
public final class Inventories {
  private Inventories() {}

  /**
   * The inventory of everything {@code observed} tags as ecsgate's, but the resources {@code
   * untracked} (by ARN or ID): as if someone else had tagged those.
   */
  public static Inventory allTaggedBut(
      ObservedState observed, Ownership ownership, String... untracked) {
    Set<String> left = Set.of(untracked);
    List<Inventory.Entry> entries = new ArrayList<>();
    for (Object snapshot : observed.snapshots())
      if (snapshot instanceof Snapshot tagged)
        for (Snapshot.Tagged t : tagged.tagged()) {
          if (left.contains(t.id())) continue;
          ownership
              .taggedResource(t.tags())
              .filter(r -> r.indexOf('/') > 0)
              .ifPresent(
                  r ->
                      entries.add(
                          new Inventory.Entry(
                              r.substring(0, r.indexOf('/')),
                              r.substring(r.indexOf('/') + 1),
                              t.id())));
        }
    return Inventory.read(entries);
  }
}
