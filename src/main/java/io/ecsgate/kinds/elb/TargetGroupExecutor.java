package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;

/** CreateTargetGroup, ModifyTargetGroup (only the fields that changed), DeleteTargetGroup. */
public final class TargetGroupExecutor implements Executor {
  private final ElasticLoadBalancingV2Client elb;

  public TargetGroupExecutor(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof TargetGroupStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    TargetGroupStep step = (TargetGroupStep) action.step();
    if (step instanceof TargetGroupStep.Create create) {
      TargetGroupSpec desired = create.desired();
      TargetGroupSpec.HealthCheck hc = desired.healthCheck();
      CreateTargetGroupRequest.Builder request =
          CreateTargetGroupRequest.builder()
              .name(create.awsName())
              .targetType(desired.targetType())
              .protocol(desired.protocol())
              .port(desired.port())
              .vpcId(create.vpcId())
              .healthCheckProtocol(hc.protocol())
              .healthCheckPath(hc.path())
              .healthCheckPort(hc.port())
              .healthCheckIntervalSeconds(hc.intervalSeconds())
              .healthCheckTimeoutSeconds(hc.timeoutSeconds())
              .healthyThresholdCount(hc.healthyThreshold())
              .unhealthyThresholdCount(hc.unhealthyThreshold())
              .tags(ElbTagsExecutor.tags(create.tags()));
      if (hc.matcher() != null) request.matcher(m -> m.httpCode(hc.matcher()));
      String arn = elb.createTargetGroup(request.build()).targetGroups().get(0).targetGroupArn();
      ids.put(Key.of(TargetGroupSpec.KIND, desired.name()), arn);
      return "created " + arn;
    }
    if (step instanceof TargetGroupStep.Modify modify) {
      TargetGroupSpec.HealthCheck hc = modify.changed();
      ModifyTargetGroupRequest.Builder request =
          ModifyTargetGroupRequest.builder()
              .targetGroupArn(modify.arn())
              .healthCheckProtocol(hc.protocol())
              .healthCheckPath(hc.path())
              .healthCheckPort(hc.port())
              .healthCheckIntervalSeconds(hc.intervalSeconds())
              .healthCheckTimeoutSeconds(hc.timeoutSeconds())
              .healthyThresholdCount(hc.healthyThreshold())
              .unhealthyThresholdCount(hc.unhealthyThreshold());
      if (hc.matcher() != null) request.matcher(m -> m.httpCode(hc.matcher()));
      elb.modifyTargetGroup(request.build());
      return "modified " + modify.arn();
    }
    TargetGroupStep.Delete delete = (TargetGroupStep.Delete) step;
    elb.deleteTargetGroup(r -> r.targetGroupArn(delete.arn()));
    return "deleted " + delete.arn();
  }
}
