package io.ecsgate.yaml;

import java.util.Map;

/** User tags: checked against AWS's limits and the prefixes reserved for AWS and for ecsgate. */
public final class Tags {
  private Tags() {}

  public static Map<String, String> read(Fields spec, Problems problems) {
    Map<String, String> tags = spec.stringMap("tags");
    tags.forEach(
        (key, value) -> {
          if (key.startsWith("aws:") || key.startsWith("ecsgate:")) {
            problems.add(
                spec.at("tags"),
                Problem.Rule.PATTERN,
                "tag key '"
                    + key
                    + "' uses a reserved prefix (aws: and ecsgate: are not for users)");
          }
          if (key.isEmpty() || key.length() > 128) {
            problems.add(
                spec.at("tags"),
                Problem.Rule.RANGE,
                "tag key '" + key + "' must be 1-128 characters");
          }
          if (value.length() > 256) {
            problems.add(
                spec.at("tags"),
                Problem.Rule.RANGE,
                "tag '" + key + "' has a value over 256 characters");
          }
        });
    if (tags.size() > 40) {
      problems.add(
          spec.at("tags"),
          Problem.Rule.RANGE,
          "at most 40 user tags (AWS allows 50 and ecsgate uses some)");
    }
    return Map.copyOf(tags);
  }
}
