package io.ecsgate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Family;
import io.ecsgate.core.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryTest {
  @Test
  void everyActionKindIsHeldByExactlyOneFamily() {
    List<String> declared = new ArrayList<>();
    for (Family family : Registry.FAMILIES) {
      assertTrue(family.kinds().isPresent(), "every family declares its kinds");
      declared.addAll(family.kinds().get());
    }
    assertEquals(Registry.order().size(), declared.size(), declared::toString);
    assertEquals(Set.copyOf(Registry.order()), Set.copyOf(declared));
  }

  @Test
  void everyNeedNamesAnEarlierKindOrAFamily() {
    Set<String> families = new java.util.HashSet<>();
    Registry.FAMILIES.forEach(family -> families.add(family.name()));
    assertEquals(Registry.FAMILIES.size(), families.size(), "family names are unique");
    Set<String> earlier = new java.util.HashSet<>();
    for (Kind kind : Registry.KINDS) {
      for (String need : kind.needs())
        assertTrue(
            earlier.contains(need) || families.contains(need),
            kind.name() + " needs " + need + ", neither an earlier kind nor a family");
      earlier.addAll(kind.actionKinds());
    }
  }
}
