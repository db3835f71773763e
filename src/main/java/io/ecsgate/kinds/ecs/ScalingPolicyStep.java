package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;

/**
 * Application Auto Scaling for one service: RegisterScalableTarget when the target is missing or
 * its bounds differ ({@code minTasks} null: leave the target alone), then one PutScalingPolicy per
 * target-tracking or step policy that is missing or differs (a step policy's ARN is recorded for
 * its alarm). The target is registered with ecsgate's ownership tags, so that IAM can limit the
 * deregistration and the policies to targets tagged as ecsgate's (deploy/iam-policy.json, {@code
 * ScaleOwnedServices}).
 */
public record ScalingPolicyStep(
    Key service,
    String resourceId,
    Integer minTasks,
    Integer maxTasks,
    List<Policy> policies,
    List<StepPolicy> stepPolicies,
    Map<String, String> tags)
    implements Step {

  public ScalingPolicyStep {
    policies = List.copyOf(policies);
    stepPolicies = List.copyOf(stepPolicies);
    tags = Map.copyOf(tags);
  }

  /**
   * A step scaling policy: {@code adjustment} tasks (positive out, negative in) once its alarm
   * fires, for any breach of the alarm's threshold (one step from the threshold on: lower bound 0
   * out, upper bound 0 in), then {@code cooldownSeconds} before the next.
   */
  public record StepPolicy(
      String name, int adjustment, int cooldownSeconds, String metricAggregationType) {}

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
    for (StepPolicy policy : stepPolicies)
      ids.put(ScalingPolicyPlanner.policyKey(resourceId, policy.name()), put(autoScaling, policy));
    return (changesBounds() ? "tasks " + minTasks + ".." + maxTasks + "; " : "")
        + (policies.size() + stepPolicies.size())
        + " policy(ies) put";
  }

  /** PutScalingPolicy of a step policy; its ARN, which its alarm names as its action. */
  private String put(ApplicationAutoScalingClient autoScaling, StepPolicy policy) {
    return autoScaling
        .putScalingPolicy(
            r ->
                r.policyName(policy.name())
                    .serviceNamespace(ServiceNamespace.ECS)
                    .resourceId(resourceId)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.STEP_SCALING)
                    .stepScalingPolicyConfiguration(
                        c ->
                            c.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                                .cooldown(policy.cooldownSeconds())
                                .metricAggregationType(policy.metricAggregationType())
                                .stepAdjustments(step(policy))))
        .policyARN();
  }

  /** The one step: from the threshold up (out) or down (in), unbounded beyond it. */
  static StepAdjustment step(StepPolicy policy) {
    return policy.adjustment() > 0
        ? StepAdjustment.builder()
            .metricIntervalLowerBound(0.0)
            .scalingAdjustment(policy.adjustment())
            .build()
        : StepAdjustment.builder()
            .metricIntervalUpperBound(0.0)
            .scalingAdjustment(policy.adjustment())
            .build();
  }

  /** DeleteScalingPolicy: a policy of the kind of scaling the service no longer declares. */
  public record DeletePolicy(String resourceId, String policyName) implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.autoScaling()
          .deleteScalingPolicy(
              r ->
                  r.policyName(policyName)
                      .serviceNamespace(ServiceNamespace.ECS)
                      .resourceId(resourceId)
                      .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
      return "deleted scaling policy " + policyName;
    }
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
