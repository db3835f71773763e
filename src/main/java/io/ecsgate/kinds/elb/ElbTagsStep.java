package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;

/** AddTags and/or RemoveTags on one existing ELB resource (load balancer, target group, rule). */
public record ElbTagsStep(String arn, Map<String, String> add, List<String> remove)
    implements Step {
  public ElbTagsStep {
    add = Map.copyOf(add);
    remove = List.copyOf(remove);
  }

  @Override
  public String run(AwsClients aws, Ids ids) {
    ElbRequests.retag(aws.elb(), arn, add, remove);
    return "tagged " + arn;
  }
}
