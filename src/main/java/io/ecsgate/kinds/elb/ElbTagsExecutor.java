package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** AddTags / RemoveTags on ELB resources. */
public final class ElbTagsExecutor implements Executor {
  private final ElasticLoadBalancingV2Client elb;

  public ElbTagsExecutor(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof ElbTagsStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    ElbTagsStep step = (ElbTagsStep) action.step();
    if (!step.add().isEmpty()) elb.addTags(r -> r.resourceArns(step.arn()).tags(tags(step.add())));
    if (!step.remove().isEmpty())
      elb.removeTags(r -> r.resourceArns(step.arn()).tagKeys(step.remove()));
    return "tagged " + step.arn();
  }

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
