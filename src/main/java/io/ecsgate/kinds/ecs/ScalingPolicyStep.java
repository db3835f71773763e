package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Application Auto Scaling for one service: RegisterScalableTarget when the target is missing or
 * its bounds differ ({@code minTasks} null: leave the target alone), then one PutScalingPolicy per
 * target-tracking policy that is missing or differs. The target is registered with ecsgate's
 * ownership tags, so that IAM can limit the deregistration and the policies to targets tagged as
 * ecsgate's (deploy/iam-policy.json, {@code ScaleOwnedServices}).
 */
public record ScalingPolicyStep(
    Key service,
    String resourceId,
    Integer minTasks,
    Integer maxTasks,
    List<Policy> policies,
    Map<String, String> tags)
    implements Step {

  public ScalingPolicyStep {
    policies = List.copyOf(policies);
    tags = Map.copyOf(tags);
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

  @Override
  public String run(AwsClients aws, Ids ids) {
    ApplicationAutoScalingClient autoScaling = aws.autoScaling();
    if (changesBounds()) {
      autoScaling.registerScalableTarget(
          r ->
              r.serviceNamespace(ServiceNamespace.ECS)
                  .resourceId(resourceId)
                  .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                  .minCapacity(minTasks)
                  .maxCapacity(maxTasks)
                  .tags(tags));
    }
    for (Policy policy : policies) put(autoScaling, policy);
    return (changesBounds() ? "tasks " + minTasks + ".." + maxTasks + "; " : "")
        + policies.size()
        + " policy(ies) put";
  }

  /** The scalable target is registered (again) with new bounds. */
  private boolean changesBounds() {
    return minTasks != null;
  }

  private void put(ApplicationAutoScalingClient autoScaling, Policy policy) {
    autoScaling.putScalingPolicy(
        r ->
            r.policyName(policy.name())
                .serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(
                    c ->
                        c.targetValue(policy.targetValue())
                            .predefinedMetricSpecification(
                                m -> m.predefinedMetricType(policy.metric()))));
  }

  /**
   * DeregisterScalableTarget (AWS deletes the target's policies with it): the YAML no longer
   * declares auto scaling.
   */
  public record Deregister(String resourceId) implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.autoScaling()
          .deregisterScalableTarget(
              r ->
                  r.serviceNamespace(ServiceNamespace.ECS)
                      .resourceId(resourceId)
                      .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
      return "deregistered the scalable target of " + resourceId;
    }
  }
}
