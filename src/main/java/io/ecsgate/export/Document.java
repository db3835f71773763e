package io.ecsgate.export;

import java.util.List;
import java.util.Map;

/**
 * One desired-state document as {@code export} writes it: its kind and name, its {@code spec} with
 * only the fields that differ from AWS's defaults (in the order written; values are strings,
 * numbers, booleans, lists and maps of them), and comment lines written above it (placeholders the
 * user must fill, for instance). Every exported document carries {@code metadata.adopt: true}.
 */
public record Document(String kind, String name, Map<String, Object> spec, List<String> comments) {
  public Document {
    spec = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spec));
    comments = List.copyOf(comments);
  }

  public Document(String kind, String name, Map<String, Object> spec) {
    this(kind, name, spec, List.of());
  }

  /**
   * Adds {@code tags:} to a spec: the resource's tags without the reserved prefixes ({@code aws:},
   * {@code ecsgate:}), sorted; nothing when none is left.
   */
  public static void putUserTags(Map<String, Object> spec, Map<String, String> tags) {
    Map<String, Object> user = new java.util.TreeMap<>();
    tags.forEach(
        (key, value) -> {
          if (!key.startsWith("aws:") && !key.startsWith("ecsgate:")) user.put(key, value);
        });
    if (!user.isEmpty()) spec.put("tags", user);
  }
}
