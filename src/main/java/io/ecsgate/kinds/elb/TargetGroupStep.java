package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;

/** CreateTargetGroup, ModifyTargetGroup (only the fields that changed), DeleteTargetGroup. */
public sealed interface TargetGroupStep extends Step {

  record Create(TargetGroupSpec desired, String awsName, String vpcId, Map<String, String> tags)
      implements TargetGroupStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      CreateTargetGroupRequest.Builder request =
          CreateTargetGroupRequest.builder()
              .name(awsName)
              .targetType(desired.targetType())
              .protocol(desired.protocol())
              .port(desired.port())
              .vpcId(vpcId)
              .tags(ElbRequests.tags(tags));
      ElbRequests.healthCheck(request, desired.healthCheck());
      String arn =
          aws.elb().createTargetGroup(request.build()).targetGroups().get(0).targetGroupArn();
      ids.put(Key.of(TargetGroupSpec.KIND, desired.name()), arn);
      return "created " + arn;
    }
  }

  /** One ModifyTargetGroup carrying only the health-check fields that differ (the others null). */
  record Modify(String arn, TargetGroupSpec.HealthCheck changed) implements TargetGroupStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb()
          .modifyTargetGroup(
              ElbRequests.healthCheck(
                      ModifyTargetGroupRequest.builder().targetGroupArn(arn), changed)
                  .build());
      return "modified " + arn;
    }
  }

  record Delete(String arn) implements TargetGroupStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb().deleteTargetGroup(r -> r.targetGroupArn(arn));
      return "deleted " + arn;
    }
  }
}
