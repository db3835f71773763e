package io.ecsgate.kinds.elb;

import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Elastic Load Balancing as observed in one cycle. Listeners and rules are read only for load
 * balancers that are ours or declared; targets only for groups whose targets ecsgate manages.
 * {@code albIps} holds the private IPs of each observed load balancer (by ARN) whose IPs a target
 * group (an ALB's) or a security group rule ({@link LoadBalancerIpRefs}, any type) needs.
 */
public record ElbSnapshot(
    List<LoadBalancer> loadBalancers,
    Map<String, List<Listener>> listeners,
    Map<String, List<Rule>> rules,
    List<TargetGroup> targetGroups,
    Map<String, Map<String, String>> tags,
    Map<String, List<TargetDescription>> targets,
    Map<String, List<String>> albIps)
    implements Snapshot {

  public static final ElbSnapshot EMPTY =
      new ElbSnapshot(List.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(), Map.of());

  /** The ELB part of an observation. */
  public static ElbSnapshot of(ObservedState observed) {
    return observed.find(ElbSnapshot.class).orElse(EMPTY);
  }

  /** Load balancers, target groups and rules, by ARN (the tags are read for all three). */
  @Override
  public List<Tagged> tagged() {
    List<Tagged> tagged = new ArrayList<>();
    tags.forEach((arn, t) -> tagged.add(new Tagged(arn, t)));
    return tagged;
  }

  public Map<String, String> tagsOf(String arn) {
    return tags.getOrDefault(arn, Map.of());
  }

  public List<Listener> listenersOf(String loadBalancerArn) {
    return listeners.getOrDefault(loadBalancerArn, List.of());
  }

  public List<Rule> rulesOf(String listenerArn) {
    return rules.getOrDefault(listenerArn, List.of());
  }

  public Optional<LoadBalancer> loadBalancerNamed(String name) {
    return loadBalancers.stream().filter(lb -> lb.loadBalancerName().equals(name)).findFirst();
  }

  public Optional<LoadBalancer> loadBalancerByArn(String arn) {
    return loadBalancers.stream().filter(lb -> lb.loadBalancerArn().equals(arn)).findFirst();
  }

  public Optional<TargetGroup> targetGroupByArn(String arn) {
    return targetGroups.stream().filter(tg -> tg.targetGroupArn().equals(arn)).findFirst();
  }

  /**
   * ELB names the interfaces of {@code arn:...:loadbalancer/app/<name>/<id>} as {@code ELB
   * app/<name>/<id>} (an NLB's {@code ELB net/<name>/<id>}).
   */
  public static String interfaceDescription(String loadBalancerArn) {
    return "ELB "
        + loadBalancerArn.substring(
            loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
  }
}
