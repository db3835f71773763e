package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * RegisterScalableTarget and PutScalingPolicy (target tracking), only for what the plan says
 * differs; DeregisterScalableTarget.
 */
public final class ScalingPolicyExecutor implements Executor {
  private final ApplicationAutoScalingClient autoScaling;

  public ScalingPolicyExecutor(ApplicationAutoScalingClient autoScaling) {
    this.autoScaling = autoScaling;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof ScalingPolicyStep || step instanceof ScalingPolicyStep.Deregister;
  }

  @Override
  public String execute(Action action, Ids ids) {
    if (action.step() instanceof ScalingPolicyStep.Deregister deregister) {
      autoScaling.deregisterScalableTarget(
          r ->
              r.serviceNamespace(ServiceNamespace.ECS)
                  .resourceId(deregister.resourceId())
                  .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
      return "deregistered the scalable target of " + deregister.resourceId();
    }
    ScalingPolicyStep step = (ScalingPolicyStep) action.step();
    if (step.minTasks() != null) {
      autoScaling.registerScalableTarget(
          r ->
              r.serviceNamespace(ServiceNamespace.ECS)
                  .resourceId(step.resourceId())
                  .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                  .minCapacity(step.minTasks())
                  .maxCapacity(step.maxTasks()));
    }
    for (ScalingPolicyStep.Policy policy : step.policies()) {
      autoScaling.putScalingPolicy(
          r ->
              r.policyName(policy.name())
                  .serviceNamespace(ServiceNamespace.ECS)
                  .resourceId(step.resourceId())
                  .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                  .policyType(PolicyType.TARGET_TRACKING_SCALING)
                  .targetTrackingScalingPolicyConfiguration(
                      c ->
                          c.targetValue(policy.targetValue())
                              .predefinedMetricSpecification(
                                  m -> m.predefinedMetricType(policy.metric()))));
    }
    return (step.minTasks() != null
            ? "tasks " + step.minTasks() + ".." + step.maxTasks() + "; "
            : "")
        + step.policies().size()
        + " policy(ies) put";
  }
}
