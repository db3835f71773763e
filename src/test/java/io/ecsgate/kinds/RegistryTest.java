package io.ecsgate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Family;
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
}
