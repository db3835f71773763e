package io.ecsgate.kinds.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;

class NetworkNamesTest {
  private static Map.Entry<String, List<Tag>> named(String id, String name) {
    return Map.entry(id, List.of(Tag.builder().key("Name").value(name).build()));
  }

  @Test
  void onlyANameExactlyOneResourceCarriesIsUsed() {
    Map<String, String> names =
        NetworkNames.names(
            List.of(
                named("subnet-1", "public-a"),
                named("subnet-2", "twin"),
                named("subnet-3", "twin"),
                Map.entry("subnet-4", List.of())));

    assertEquals(Map.of("subnet-1", "public-a"), names);
    NetworkNames network = NetworkNames.of(Map.of(), names, Map.of());
    assertEquals("public-a", network.subnet("subnet-1"));
    assertEquals("subnet-2", network.subnet("subnet-2"), "an ambiguous name: the ID");
  }
}
