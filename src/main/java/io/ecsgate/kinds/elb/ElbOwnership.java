package io.ecsgate.kinds.elb;

import io.ecsgate.core.Ownership;
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
}
