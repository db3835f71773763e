package io.ecsgate.kinds.elb;

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
}
