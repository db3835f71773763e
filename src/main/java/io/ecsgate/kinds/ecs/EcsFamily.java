package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;

/**
 * ECS and Application Auto Scaling: clusters, services with their task definitions and scaling. Its
 * steps make their own calls ({@link io.ecsgate.core.Step#run}).
 */
public final class EcsFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return new EcsObservation(clients, ownership);
  }
}
