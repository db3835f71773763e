package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Spec;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import java.util.Map;
import java.util.Set;

/**
 * An ECS cluster: its Container Insights setting (changed in place with UpdateCluster) and tags.
 */
public record ClusterSpec(Metadata metadata, String containerInsights, Map<String, String> tags)
    implements Spec {

  public static final String KIND = "Cluster";

  /** How its documents are read and checked. */
  public static final SpecType<ClusterSpec> TYPE =
      SpecType.of(KIND, ClusterSpec.class, ClusterSpec::read);

  static final Set<String> CONTAINER_INSIGHTS = Set.of("enabled", "disabled", "enhanced");

  public static ClusterSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    EcsNames.check(metadata, "cluster", problems);
    String insights = spec.oneOf("containerInsights", CONTAINER_INSIGHTS).orElse("disabled");
    Map<String, String> tags = Tags.read(spec, problems);
    return new ClusterSpec(metadata, insights, tags);
  }
}
