package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/** RegisterTargets, DeregisterTargets and the tracking tags of one target group. */
public final class NlbTargetsExecutor implements Executor {
  private final ElasticLoadBalancingV2Client elb;

  public NlbTargetsExecutor(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof NlbTargetsStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    NlbTargetsStep step = (NlbTargetsStep) action.step();
    String arn = ids.get(step.targetGroup());
    // register first, then deregister: the group never holds fewer live targets than it needs
    if (!step.register().isEmpty())
      elb.registerTargets(r -> r.targetGroupArn(arn).targets(targets(step.register())));
    if (!step.deregister().isEmpty())
      elb.deregisterTargets(r -> r.targetGroupArn(arn).targets(targets(step.deregister())));
    if (!step.stateTags().isEmpty())
      elb.addTags(r -> r.resourceArns(arn).tags(ElbTagsExecutor.tags(step.stateTags())));
    if (!step.removeStateTags().isEmpty())
      elb.removeTags(r -> r.resourceArns(arn).tagKeys(step.removeStateTags()));
    return "registered " + step.register().size() + ", deregistered " + step.deregister().size();
  }

  private static List<TargetDescription> targets(List<NlbTargetsStep.Target> targets) {
    return targets.stream()
        .map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build())
        .toList();
  }
}
