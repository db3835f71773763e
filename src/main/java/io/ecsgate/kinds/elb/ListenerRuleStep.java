package io.ecsgate.kinds.elb;

import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;

/** The calls the listener rule executor makes. */
public sealed interface ListenerRuleStep extends Step {

  record Create(Key listener, ListenerRuleSpec desired, int priority, Map<String, String> tags)
      implements ListenerRuleStep {
    @Override
    public List<Key> needs() {
      return List.of(listener, Key.of(TargetGroupSpec.KIND, desired.forward().name()));
    }
  }

  /** ModifyRule: conditions and forward action in place, so routing never has a gap. */
  record Modify(String arn, ListenerRuleSpec desired) implements ListenerRuleStep {
    @Override
    public List<Key> needs() {
      return List.of(Key.of(TargetGroupSpec.KIND, desired.forward().name()));
    }
  }

  /** One SetRulePriorities call with every move on the listener (AWS applies them together). */
  record SetPriorities(Map<String, Integer> priorityByRuleArn) implements ListenerRuleStep {}

  record Delete(String arn) implements ListenerRuleStep {}
}
