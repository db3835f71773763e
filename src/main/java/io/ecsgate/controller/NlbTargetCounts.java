package io.ecsgate.controller;

import io.ecsgate.core.Change;
import io.ecsgate.core.Kinds;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.yaml.DesiredState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * NLB target figures for the metrics: targets registered and ALB IPs seen per group, and target
 * changes made.
 */
final class NlbTargetCounts {
  private NlbTargetCounts() {}

  static Map<String, Map<String, Integer>> of(DesiredState desired, ObservedState observed) {
    ElbSnapshot elb = observed.elb();
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    elb.targets()
        .forEach(
            (arn, targets) ->
                elb.targetGroupByArn(arn)
                    .ifPresent(
                        group ->
                            counts
                                .computeIfAbsent(
                                    group.targetGroupName(), k -> new LinkedHashMap<>())
                                .put("registered", targets.size())));
    for (TargetGroupSpec spec : desired.targetGroups()) {
      if (spec.targets().isEmpty()
          || !(spec.targets().get() instanceof TargetGroupSpec.IpsOfLoadBalancer ips)) continue;
      elb.loadBalancerNamed(ips.loadBalancer().name())
          .map(lb -> elb.albIps().get(lb.loadBalancerArn()))
          .ifPresent(
              albIps ->
                  counts
                      .computeIfAbsent(spec.name(), k -> new LinkedHashMap<>())
                      .put("alb", albIps.size()));
    }
    return counts;
  }

  /** Each target an applied NlbTargets action registered or deregistered. */
  static void changes(Outcome outcome, BiConsumer<String, String> change) {
    if (outcome.status() != Outcome.Status.DONE
        || !outcome.action().kind().equals(Kinds.NLB_TARGETS)) return;
    for (Change c : outcome.action().changes()) {
      if (!c.field().startsWith("target ")) continue;
      if (c.desired().equals("registered")) change.accept(outcome.action().name(), "registered");
      else if (c.desired().equals("(none)")) change.accept(outcome.action().name(), "deregistered");
    }
  }
}
