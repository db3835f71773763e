package io.ecsgate.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The user tags a declared resource should carry, as a diff against the tags it has. */
public final class Tagging {
  private Tagging() {}

  /**
   * The user tags that are missing or different on the resource; ecsgate never removes tags it did
   * not declare.
   */
  public static Map<String, String> missingTags(
      Map<String, String> desired, Map<String, String> actual) {
    Map<String, String> add = new LinkedHashMap<>();
    desired.forEach(
        (key, value) -> {
          if (!value.equals(actual.get(key))) add.put(key, value);
        });
    return add;
  }

  public static List<Change> tagChanges(Map<String, String> add, Map<String, String> actual) {
    List<Change> changes = new ArrayList<>();
    add.forEach(
        (key, value) ->
            changes.add(Change.of("tags." + key, actual.getOrDefault(key, "(none)"), value)));
    return changes;
  }
}
