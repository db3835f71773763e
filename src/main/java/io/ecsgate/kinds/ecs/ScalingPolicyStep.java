package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;

/**
 * Application Auto Scaling for one service: RegisterScalableTarget when the target is missing or
 * its bounds differ ({@code minTasks} null: leave the target alone), then one PutScalingPolicy per
 * target-tracking policy that is missing or differs.
 */
public record ScalingPolicyStep(
    Key service, String resourceId, Integer minTasks, Integer maxTasks, List<Policy> policies)
    implements Step {

  public ScalingPolicyStep {
    policies = List.copyOf(policies);
  }

  /**
   * A target-tracking policy on a predefined ECS metric (ECSServiceAverageCPUUtilization or
   * ...MemoryUtilization).
   */
  public record Policy(String name, String metric, double targetValue) {}

  @Override
  public List<Key> needs() {
    return List.of(service);
  }

  /**
   * DeregisterScalableTarget (AWS deletes the target's policies with it): the YAML no longer
   * declares auto scaling.
   */
  public record Deregister(String resourceId) implements Step {}
}
