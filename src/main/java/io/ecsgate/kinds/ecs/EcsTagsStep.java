package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import java.util.Map;

/** TagResource on one existing ECS resource (cluster, service, task definition revision). */
public record EcsTagsStep(String arn, Map<String, String> add) implements Step {
  public EcsTagsStep {
    add = Map.copyOf(add);
  }

  @Override
  public String run(AwsClients aws, Ids ids) {
    aws.ecs().tagResource(r -> r.resourceArn(arn).tags(EcsRequests.tags(add)));
    return "tagged " + arn;
  }
}
