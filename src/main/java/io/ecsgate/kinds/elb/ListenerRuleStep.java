package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/** CreateRule, ModifyRule, SetRulePriorities, DeleteRule. */
public sealed interface ListenerRuleStep extends Step {

  record Create(Key listener, ListenerRuleSpec desired, int priority, Map<String, String> tags)
      implements ListenerRuleStep {
    @Override
    public List<Key> needs() {
      return List.of(listener, Key.of(TargetGroupSpec.KIND, desired.forward().name()));
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String listenerArn = ids.get(listener);
      String arn =
          aws.elb()
              .createRule(
                  r ->
                      r.listenerArn(listenerArn)
                          .priority(priority)
                          .conditions(ElbRequests.conditions(desired))
                          .actions(ElbRequests.forward(desired.forward(), ids))
                          .tags(ElbRequests.tags(tags)))
              .rules()
              .get(0)
              .ruleArn();
      ids.put(Key.of(ListenerRuleSpec.KIND, desired.name()), arn);
      return "created " + arn;
    }
  }

  /** ModifyRule: conditions and forward action in place, so routing never has a gap. */
  record Modify(String arn, ListenerRuleSpec desired) implements ListenerRuleStep {
    @Override
    public List<Key> needs() {
      return List.of(Key.of(TargetGroupSpec.KIND, desired.forward().name()));
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb()
          .modifyRule(
              r ->
                  r.ruleArn(arn)
                      .conditions(ElbRequests.conditions(desired))
                      .actions(ElbRequests.forward(desired.forward(), ids)));
      return "modified " + arn;
    }
  }

  /** One SetRulePriorities call with every move on the listener (AWS applies them together). */
  record SetPriorities(Map<String, Integer> priorityByRuleArn) implements ListenerRuleStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      List<RulePriorityPair> pairs = new ArrayList<>();
      priorityByRuleArn.forEach(
          (arn, priority) ->
              pairs.add(RulePriorityPair.builder().ruleArn(arn).priority(priority).build()));
      aws.elb().setRulePriorities(r -> r.rulePriorities(pairs));
      return pairs.size() + " priorities set";
    }
  }

  record Delete(String arn) implements ListenerRuleStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb().deleteRule(r -> r.ruleArn(arn));
      return "deleted " + arn;
    }
  }
}
