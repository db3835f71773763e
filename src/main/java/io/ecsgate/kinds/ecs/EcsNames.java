package io.ecsgate.kinds.ecs;

import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import java.util.regex.Pattern;

/** ECS's rule for the names of clusters, services, task families and containers. */
final class EcsNames {
  /** The rule, as the loader's messages state it. */
  static final String RULE = "1-255 letters, digits, hyphens and underscores";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private EcsNames() {}

  /** Reports a document's {@code metadata.name} that is not a valid name of a {@code what}. */
  static void check(Metadata metadata, String what, Problems problems) {
    check(
        metadata.name(),
        metadata.at(),
        problems,
        "metadata.name '" + metadata.name() + "' is not a valid " + what + " name (" + RULE + ")");
  }

  /** Reports {@code problem} at {@code at} when {@code name} breaks the rule. */
  static void check(String name, Mark at, Problems problems, String problem) {
    if (!VALID.matcher(name).matches()) problems.add(at, Problem.Rule.PATTERN, problem);
  }
}
