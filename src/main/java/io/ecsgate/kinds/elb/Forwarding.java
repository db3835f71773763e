package io.ecsgate.kinds.elb;

import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.yaml.Ref;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

/** Where a listener's default action or a rule forwards to, compared with the declared group. */
final class Forwarding {
  private Forwarding() {}

  /** The target group a forward action sends to (simple form or single-group forward config). */
  static String target(Action action) {
    if (action.targetGroupArn() != null) return action.targetGroupArn();
    if (action.forwardConfig() != null && action.forwardConfig().targetGroups().size() == 1) {
      return action.forwardConfig().targetGroups().get(0).targetGroupArn();
    }
    return action.typeAsString();
  }

  /**
   * The change to {@code field} when it does not forward to the declared group as this plan knows
   * it (a group the plan creates or replaces is always a change).
   */
  static Optional<Change> drift(
      String field, String actualTarget, Ref targetGroup, PlanBuilder out) {
    Key tg = Key.of(TargetGroupSpec.KIND, targetGroup.name());
    Optional<String> desiredTarget = out.idOf(tg);
    if (desiredTarget.isPresent() && desiredTarget.get().equals(actualTarget))
      return Optional.empty();
    return Optional.of(Change.of(field, actualTarget, desiredTarget.orElse(tg + " (new)")));
  }
}
