package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Step;
import java.util.Map;

/** The calls the cluster executor makes. */
public sealed interface ClusterStep extends Step {

  record Create(String name, String containerInsights, Map<String, String> tags)
      implements ClusterStep {}

  /** UpdateCluster with the Container Insights setting. */
  record UpdateSettings(String name, String containerInsights) implements ClusterStep {}
}
