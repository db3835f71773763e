package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Step;
import java.util.Map;

/** TagResource on one existing ECS resource (cluster, service, task definition revision). */
public record EcsTagsStep(String arn, Map<String, String> add) implements Step {
  public EcsTagsStep {
    add = Map.copyOf(add);
  }
}
