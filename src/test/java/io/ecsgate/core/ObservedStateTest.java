package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the mass-deletion guard and the untracked report count over all snapshots, what the
 * inventory becomes once an apply writes to it, and the desired state's own accessors.
 */
class ObservedStateTest {
  private static final Ownership OWNERSHIP =
      new Ownership("ecsgate")
          .withInventory(
              Inventory.of(
                  new Inventory.Entry("A", "a", "id-a"), new Inventory.Entry("B", "b", "id-b")));

  /** A snapshot of tagged resources, with {@code parts} owned parts. */
  record Tags(List<Snapshot.Tagged> tagged, int parts) implements Snapshot {
    @Override
    public int ownedParts(Ownership ownership) {
      return parts;
    }
  }

  private static Snapshot.Tagged tagged(String resource, String id) {
    return new Snapshot.Tagged(
        id, Map.of(Ownership.MANAGED_BY, "ecsgate", Ownership.RESOURCE, resource));
  }

  @Test
  void theOwnedCountAddsEveryFamilysOwnedResourcesAndParts() {
    ObservedState observed =
        ObservedState.of(
            new Tags(List.of(tagged("A/a", "id-a"), tagged("A/x", "id-x")), 3),
            "not a snapshot",
            new Tags(List.of(tagged("B/b", "id-b")), 4));

    assertEquals(1 + 3 + 1 + 4, observed.ownedCount(OWNERSHIP));
    assertEquals(Set.of("A/a", "B/b"), observed.ownedResources(OWNERSHIP));
    assertEquals(List.of(new Inventory.Untracked("A", "x", "id-x")), observed.untracked(OWNERSHIP));
    assertEquals(Optional.of("not a snapshot"), observed.find(String.class));
    assertEquals(Optional.empty(), ObservedState.of().find(String.class));
  }

  @Test
  void anInventoryWrittenToIsATableThereafterUnlessNothingIsChecked() {
    Inventory.Entry entry = new Inventory.Entry("A", "a", "id-a");
    assertEquals(Inventory.Source.TABLE, Inventory.NO_TABLE.with(entry).source());
    assertEquals(Inventory.Source.UNCHECKED, Inventory.UNCHECKED.with(entry).source());
    assertEquals(Inventory.Source.TABLE, Inventory.of().with(entry).source());
    assertEquals(true, Inventory.NO_TABLE.with(entry).holds("A", "a", "id-a"));
  }

  record AnySpec(Metadata metadata) implements Spec {
    @Override
    public Map<String, String> tags() {
      return Map.of();
    }
  }

  @Test
  void theDesiredStateIsItsRevisionSpecsAndFiles() {
    Spec a = new AnySpec(new Metadata("A", "a", Mark.file("a.yaml"), false, false));
    DesiredState desired = new DesiredState("r1", List.of(a), List.of("a.yaml"));

    assertEquals("r1", desired.revision());
    assertEquals(List.of("a.yaml"), desired.files());
    assertEquals(1, desired.size());
    assertEquals(false, desired.isEmpty());
    assertEquals(true, new DesiredState("r1", List.of()).isEmpty());
    assertEquals(List.of(a), desired.all(AnySpec.class));
    assertEquals(Optional.of(a), desired.find(AnySpec.class, "a"));
    assertEquals(Optional.empty(), desired.find(AnySpec.class, "b"));
    assertEquals(new DesiredState("r1", List.of(a), List.of("a.yaml")), desired);
    assertEquals(
        new DesiredState("r1", List.of(a), List.of("a.yaml")).hashCode(), desired.hashCode());
    assertNotEquals(new DesiredState("r2", List.of(a), List.of("a.yaml")), desired);
    assertNotEquals(new DesiredState("r1", List.of(), List.of("a.yaml")), desired);
    assertNotEquals(new DesiredState("r1", List.of(a), List.of()), desired);
    assertNotEquals(desired, "r1");
    assertEquals(true, desired.toString().contains("r1"), desired.toString());
  }
}
