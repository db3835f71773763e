package io.ecsgate.controller;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.NlbTargetsStep;
import io.ecsgate.kinds.elb.TargetGroupSpec;
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
    ElbSnapshot elb = ElbSnapshot.of(observed);
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
    for (TargetGroupSpec spec : desired.all(TargetGroupSpec.class)) {
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
        || !(outcome.action().step() instanceof NlbTargetsStep step)) return;
    step.register().forEach(t -> change.accept(outcome.action().name(), "registered"));
    step.deregister().forEach(t -> change.accept(outcome.action().name(), "deregistered"));
  }
}
