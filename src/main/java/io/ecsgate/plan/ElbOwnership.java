package io.ecsgate.plan;

import io.ecsgate.aws.ElbSnapshot;
import io.ecsgate.model.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Finding ELB resources by ecsgate's ownership tag, and the tag diffs that keep them marked. */
final class ElbOwnership {
  private ElbOwnership() {}

  /** Resources of {@code kind} that are ours, keyed by their declared name. */
  static <T> Map<String, List<T>> oursByName(
      List<T> resources,
      Function<T, String> arn,
      ElbSnapshot elb,
      Ownership ownership,
      String kind) {
    Map<String, List<T>> byName = new LinkedHashMap<>();
    for (T item : resources) {
      ownership
          .resourceOf(elb.tagsOf(arn.apply(item)))
          .filter(r -> r.startsWith(kind + "/"))
          .ifPresent(
              r ->
                  byName
                      .computeIfAbsent(r.substring(kind.length() + 1), k -> new ArrayList<>())
                      .add(item));
    }
    return byName;
  }

  /**
   * The user tags that are missing or different on the resource; ecsgate never removes tags it did
   * not declare.
   */
  static Map<String, String> missingTags(Map<String, String> desired, Map<String, String> actual) {
    Map<String, String> add = new LinkedHashMap<>();
    desired.forEach(
        (key, value) -> {
          if (!value.equals(actual.get(key))) add.put(key, value);
        });
    return add;
  }

  static List<Change> tagChanges(Map<String, String> add, Map<String, String> actual) {
    List<Change> changes = new ArrayList<>();
    add.forEach(
        (key, value) ->
            changes.add(Change.of("tags." + key, actual.getOrDefault(key, "(none)"), value)));
    return changes;
  }
}
