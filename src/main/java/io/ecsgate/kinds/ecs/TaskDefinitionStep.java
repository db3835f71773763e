package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Step;
import java.util.Map;

/** The calls the task definition executor makes. */
public sealed interface TaskDefinitionStep extends Step {

  /** RegisterTaskDefinition. */
  record Register(ServiceSpec.TaskDefinition desired, Map<String, String> tags)
      implements TaskDefinitionStep {}

  /** DeregisterTaskDefinition of one owned revision the new one pushes beyond the newest N. */
  record Deregister(String arn) implements TaskDefinitionStep {}
}
