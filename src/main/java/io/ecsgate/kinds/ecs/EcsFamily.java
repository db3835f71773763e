package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import java.util.List;

/** ECS and Application Auto Scaling: clusters, services with their task definitions and scaling. */
public final class EcsFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return new EcsObservation(clients, ownership);
  }

  @Override
  public List<Executor> executors(AwsClients clients) {
    return List.of(
        new ClusterExecutor(clients.ecs()),
        new TaskDefinitionExecutor(clients.ecs()),
        new ServiceExecutor(clients.ecs()),
        new ScalingPolicyExecutor(clients.autoScaling()),
        new EcsTagsExecutor(clients.ecs()));
  }
}
