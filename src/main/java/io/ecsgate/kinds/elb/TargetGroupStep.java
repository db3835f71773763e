package io.ecsgate.kinds.elb;

import io.ecsgate.core.Step;
import java.util.Map;

/** The calls the target group executor makes. */
public sealed interface TargetGroupStep extends Step {

  record Create(TargetGroupSpec desired, String awsName, String vpcId, Map<String, String> tags)
      implements TargetGroupStep {}

  /** One ModifyTargetGroup carrying only the health-check fields that differ (the others null). */
  record Modify(String arn, TargetGroupSpec.HealthCheck changed) implements TargetGroupStep {}

  record Delete(String arn) implements TargetGroupStep {}
}
