package io.ecsgate.plan;

import io.ecsgate.model.ServiceSpec;
import java.util.Map;

/** The calls the task definition executor makes. */
public sealed interface TaskDefinitionStep extends Step {

  /**
   * RegisterTaskDefinition; then, when {@code keep} is above 0, DeregisterTaskDefinition for the
   * family's ACTIVE revisions beyond the newest {@code keep} that carry ecsgate's tags.
   */
  record Register(ServiceSpec.TaskDefinition desired, Map<String, String> tags, int keep)
      implements TaskDefinitionStep {}
}
