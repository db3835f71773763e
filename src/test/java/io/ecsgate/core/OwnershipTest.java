package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which resources are ecsgate's, one row per question: the tags alone (for parts that follow an
 * owner) against the tags and the inventory together (for everything that is changed or deleted).
 */
class OwnershipTest {
  private static final Ownership TAGS_ONLY = new Ownership("ecsgate");
  private static final Ownership CHECKED =
      TAGS_ONLY.withInventory(Inventory.of(new Inventory.Entry("Service", "web", "id-1")));

  private static Map<String, String> tagged(String resource) {
    return Map.of(Ownership.MANAGED_BY, "ecsgate", Ownership.RESOURCE, resource);
  }

  static Stream<Arguments> names() {
    return Stream.of(
        // tags, id -> taggedName(Service), nameOf(Service) with the inventory, isResource web
        Arguments.of(tagged("Service/web"), "id-1", "web", "web", true),
        Arguments.of(tagged("Service/web"), "id-2", "web", null, false),
        Arguments.of(tagged("Cluster/web"), "id-1", null, null, false),
        Arguments.of(tagged("ServiceX/web"), "id-1", null, null, false),
        Arguments.of(tagged("Service/api"), "id-1", "api", null, false),
        Arguments.of(
            Map.of(Ownership.MANAGED_BY, "other", Ownership.RESOURCE, "Service/web"),
            "id-1",
            null,
            null,
            false),
        Arguments.of(Map.of(Ownership.MANAGED_BY, "ecsgate"), "id-1", null, null, false),
        Arguments.of(Map.of(Ownership.RESOURCE, "Service/web"), "id-1", null, null, false));
  }

  @ParameterizedTest(name = "{0} {1}: tagged {2}, ours {3}")
  @MethodSource("names")
  void aNameIsOursOnlyOfItsKindAndWhenTheInventoryAgrees(
      Map<String, String> tags, String id, String tagged, String ours, boolean isWeb) {
    assertEquals(Optional.ofNullable(tagged), CHECKED.taggedName(tags, "Service"));
    assertEquals(tagged != null && tagged.equals("web"), CHECKED.taggedAs(tags, "Service", "web"));
    assertEquals(Optional.ofNullable(ours), CHECKED.nameOf(tags, "Service", id));
    assertEquals(isWeb, CHECKED.isResource(tags, "Service", "web", id));
    assertEquals(ours != null, CHECKED.owns(tags, id));
  }

  @Test
  void withoutTheInventoryTheTagsDecide() {
    assertEquals(true, TAGS_ONLY.isResource(tagged("Service/web"), "Service", "web", "any"));
    assertEquals(false, TAGS_ONLY.isResource(tagged("Service/web"), "Service", "api", "any"));
    assertEquals(Optional.of("web"), TAGS_ONLY.nameOf(tagged("Service/web"), "Service", "any"));
  }

  static Stream<Arguments> untracked() {
    return Stream.of(
        // resource tag -> the untracked entry reported by a checked inventory (none when held)
        Arguments.of("Service/web", null),
        Arguments.of("Service/api", new Inventory.Untracked("Service", "api", "id-1")),
        Arguments.of("noslash", new Inventory.Untracked("noslash", "", "id-1")),
        Arguments.of("/web", new Inventory.Untracked("", "web", "id-1")));
  }

  @ParameterizedTest(name = "{0}: untracked {1}")
  @MethodSource("untracked")
  void aTaggedResourceTheInventoryDoesNotHoldIsReportedAsUntracked(
      String resource, Inventory.Untracked untracked) {
    assertEquals(Optional.ofNullable(untracked), CHECKED.untracked(tagged(resource), "id-1"));
  }

  @Test
  void aResourceTagWithoutAKindIsOursOnlyWhenNothingIsChecked() {
    assertEquals(true, TAGS_ONLY.owns(tagged("noslash"), "id-1"));
    assertEquals(false, CHECKED.owns(tagged("noslash"), "id-1"));
    assertEquals(
        true,
        TAGS_ONLY
            .withInventory(Inventory.of(new Inventory.Entry("", "web", "id-1")))
            .owns(tagged("/web"), "id-1"),
        "an empty kind is looked up in the inventory like any other");
  }

  @Test
  void theOwnershipTagsAreTheOnesUnderTheEcsgatePrefix() {
    assertEquals(true, TAGS_ONLY.isOwnershipTag("ecsgate:managed-by"));
    assertEquals(true, TAGS_ONLY.isOwnershipTag("ecsgate:anything"));
    assertEquals(false, TAGS_ONLY.isOwnershipTag("team"));
    assertEquals(false, TAGS_ONLY.isOwnershipTag("x-ecsgate:resource"));
  }

  @Test
  void theTagsOfACreatedResourceAreTheUsersPlusOwnership() {
    assertEquals(
        Map.of("team", "a", Ownership.MANAGED_BY, "ecsgate", Ownership.RESOURCE, "Service/web"),
        TAGS_ONLY.tags("Service", "web", Map.of("team", "a")));
  }

  @Test
  void aBlankControllerIdOrNoInventoryIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Ownership(" "));
    assertThrows(IllegalArgumentException.class, () -> new Ownership(null));
    assertThrows(IllegalArgumentException.class, () -> new Ownership("e", null));
  }
}
