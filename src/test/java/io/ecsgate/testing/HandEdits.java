package io.ecsgate.testing;

import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** Changes made by hand in the emulator, as someone in the console would, for drift tests. */
public final class HandEdits {
  private HandEdits() {}

  /** Sets the path of the ALB's first listener's priority-10 rule to /oops; returns the rule. */
  public static Rule editFirstRulePath(ElasticLoadBalancingV2Client elb) {
    LoadBalancer alb =
        elb.describeLoadBalancers().loadBalancers().stream()
            .filter(lb -> "application".equals(lb.typeAsString()))
            .findFirst()
            .orElseThrow();
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
            .listeners()
            .get(0)
            .listenerArn();
    Rule rule =
        elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
            .filter(r -> "10".equals(r.priority()))
            .findFirst()
            .orElseThrow();
    elb.modifyRule(
        r ->
            r.ruleArn(rule.ruleArn())
                .conditions(
                    c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/oops"))));
    return rule;
  }
}
