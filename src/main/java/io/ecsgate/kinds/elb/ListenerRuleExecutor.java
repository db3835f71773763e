package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/** CreateRule, ModifyRule, SetRulePriorities, DeleteRule. */
public final class ListenerRuleExecutor implements Executor {
  private final ElasticLoadBalancingV2Client elb;

  public ListenerRuleExecutor(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof ListenerRuleStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    ListenerRuleStep step = (ListenerRuleStep) action.step();
    if (step instanceof ListenerRuleStep.Create create) {
      String listenerArn = ids.get(create.listener());
      String arn =
          elb.createRule(
                  r ->
                      r.listenerArn(listenerArn)
                          .priority(create.priority())
                          .conditions(conditions(create.desired()))
                          .actions(forward(create.desired(), ids))
                          .tags(ElbTagsExecutor.tags(create.tags())))
              .rules()
              .get(0)
              .ruleArn();
      return "created " + arn;
    }
    if (step instanceof ListenerRuleStep.Modify modify) {
      elb.modifyRule(
          r ->
              r.ruleArn(modify.arn())
                  .conditions(conditions(modify.desired()))
                  .actions(forward(modify.desired(), ids)));
      return "modified " + modify.arn();
    }
    if (step instanceof ListenerRuleStep.SetPriorities set) {
      List<RulePriorityPair> pairs = new ArrayList<>();
      set.priorityByRuleArn()
          .forEach(
              (arn, priority) ->
                  pairs.add(RulePriorityPair.builder().ruleArn(arn).priority(priority).build()));
      elb.setRulePriorities(r -> r.rulePriorities(pairs));
      return pairs.size() + " priorities set";
    }
    ListenerRuleStep.Delete delete = (ListenerRuleStep.Delete) step;
    elb.deleteRule(r -> r.ruleArn(delete.arn()));
    return "deleted " + delete.arn();
  }

  static List<RuleCondition> conditions(ListenerRuleSpec desired) {
    List<RuleCondition> conditions = new ArrayList<>();
    if (!desired.pathPatterns().isEmpty()) {
      conditions.add(
          RuleCondition.builder()
              .field("path-pattern")
              .pathPatternConfig(c -> c.values(desired.pathPatterns()))
              .build());
    }
    if (!desired.hostHeaders().isEmpty()) {
      conditions.add(
          RuleCondition.builder()
              .field("host-header")
              .hostHeaderConfig(c -> c.values(desired.hostHeaders()))
              .build());
    }
    return conditions;
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action forward(
      ListenerRuleSpec desired, Ids ids) {
    String tg = ids.get(Key.of(TargetGroupSpec.KIND, desired.forward().name()));
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
        .type(ActionTypeEnum.FORWARD)
        .targetGroupArn(tg)
        .build();
  }
}
