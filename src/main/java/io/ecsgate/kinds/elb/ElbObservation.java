package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Elastic Load Balancing as one snapshot a cycle, with the fewest reads the batch limits allow:
 * every load balancer and target group (400 a page) and their tags (20 ARNs a call); listeners and
 * rules only of load balancers that are ours or declared; targets only of groups whose targets we
 * manage (or are about to adopt); the IPs of ALBs (and of load balancers a security group rule
 * admits) in one DescribeNetworkInterfaces call.
 */
public final class ElbObservation implements Family.Observation {
  private final AwsClients clients;
  private final Ownership ownership;

  /**
   * The tags of every load balancer, target group and rule read at the last observation, by ARN:
   * between tag audits only the ARNs not in it have their tags read ({@link Family.Reading}).
   */
  private final Map<String, Map<String, String>> knownTags = new ConcurrentHashMap<>();

  public ElbObservation(AwsClients clients, Ownership ownership) {
    this.clients = clients;
    this.ownership = ownership;
  }

  @Override
  public ElbSnapshot observe(DesiredState desired) {
    return observe(desired, Family.Reading.FRESH);
  }

  /**
   * As {@link #observe(DesiredState)}; when the reading allows it, DescribeTags reads only the ARNs
   * whose tags no earlier observation read (a new resource, foreign or ecsgate's), and takes the
   * others' from {@link #knownTags}.
   */
  @Override
  public ElbSnapshot observe(DesiredState desired, Family.Reading reading) {
    Elbv2Reads reads = new Elbv2Reads(clients.elb());
    List<LoadBalancer> loadBalancers = reads.describeLoadBalancersAsList();
    List<TargetGroup> targetGroups = reads.describeTargetGroupsAsList();
    Set<String> declaredLoadBalancers = new LinkedHashSet<>();
    desired.all(LoadBalancerSpec.class).forEach(lb -> declaredLoadBalancers.add(lb.name()));
    Map<String, List<Listener>> listeners = new HashMap<>();
    Map<String, List<Rule>> rules = new HashMap<>();

    // Declared load balancers are read by name first (ecsgate never renames one), so that the tags
    // of
    // load balancers, target groups and rules all go into the same 20-ARN DescribeTags batches.
    List<String> arns = new ArrayList<>();
    loadBalancers.forEach(lb -> arns.add(lb.loadBalancerArn()));
    targetGroups.forEach(tg -> arns.add(tg.targetGroupArn()));
    for (LoadBalancer lb : loadBalancers) {
      if (declaredLoadBalancers.contains(lb.loadBalancerName()))
        arns.addAll(readListeners(reads, lb, listeners, rules));
    }
    Map<String, Map<String, String>> tags = new HashMap<>(tags(reads, arns, reading));
    // Load balancers of ours that are no longer declared: read only for pruning what is on them.
    List<String> moreArns = new ArrayList<>();
    for (LoadBalancer lb : loadBalancers) {
      boolean ours =
          ownership.owns(tags.getOrDefault(lb.loadBalancerArn(), Map.of()), lb.loadBalancerArn());
      if (ours && !declaredLoadBalancers.contains(lb.loadBalancerName()))
        moreArns.addAll(readListeners(reads, lb, listeners, rules));
    }
    if (!moreArns.isEmpty()) tags.putAll(tags(reads, moreArns, reading));
    knownTags.keySet().retainAll(tags.keySet());

    Map<String, List<TargetDescription>> targets = new HashMap<>();
    Set<String> albsWhoseIpsWeNeed = new LinkedHashSet<>();
    for (TargetGroupSpec spec : desired.all(TargetGroupSpec.class)) {
      if (spec.targets().isEmpty()) continue;
      for (TargetGroup tg : targetGroups) {
        Map<String, String> tgTags = tags.getOrDefault(tg.targetGroupArn(), Map.of());
        boolean ours =
            ownership.isResource(tgTags, TargetGroupSpec.KIND, spec.name(), tg.targetGroupArn());
        // a group this plan adopts: its targets are what the adoption keeps (not registered again)
        boolean adopting =
            spec.metadata().adopt()
                && tg.targetGroupName().equals(spec.name())
                && ownership.taggedResource(tgTags).isEmpty();
        if (ours || adopting)
          targets.put(tg.targetGroupArn(), reads.describeTargetsAsList(tg.targetGroupArn()));
      }
      if (spec.targets().get() instanceof TargetGroupSpec.IpsOfLoadBalancer ips)
        albsWhoseIpsWeNeed.add(ips.loadBalancer().name());
    }
    for (LoadBalancerIpRefs refs : desired.all(LoadBalancerIpRefs.class))
      refs.loadBalancersWhoseIpsAreNeeded().forEach(lb -> albsWhoseIpsWeNeed.add(lb.name()));
    Map<String, List<String>> albIps = albIps(clients.ec2(), loadBalancers, albsWhoseIpsWeNeed);
    return new ElbSnapshot(loadBalancers, listeners, rules, targetGroups, tags, targets, albIps);
  }

  /**
   * The tags of {@code arns}: all read ({@code reading.freshTags()}), or only those of ARNs not
   * read before; either way what was read is remembered. An ARN DescribeTags does not answer for
   * (gone meanwhile) has no tags.
   */
  private Map<String, Map<String, String>> tags(
      Elbv2Reads reads, List<String> arns, Family.Reading reading) {
    Set<String> unknown = new LinkedHashSet<>(arns);
    if (!reading.freshTags()) unknown.removeIf(knownTags::containsKey);
    Map<String, Map<String, String>> read =
        unknown.isEmpty() ? Map.of() : reads.describeTags(unknown);
    Map<String, Map<String, String>> tags = new HashMap<>();
    for (String arn : arns) {
      Map<String, String> of =
          unknown.contains(arn) ? read.getOrDefault(arn, Map.of()) : knownTags.get(arn);
      tags.put(arn, of);
      knownTags.put(arn, of);
    }
    return tags;
  }

  /**
   * Reads a load balancer's listeners and (for an ALB) their rules; returns the non-default rules'
   * ARNs.
   */
  private static List<String> readListeners(
      Elbv2Reads reads,
      LoadBalancer lb,
      Map<String, List<Listener>> listeners,
      Map<String, List<Rule>> rules) {
    List<String> ruleArns = new ArrayList<>();
    List<Listener> lbListeners = reads.describeListenersAsList(lb.loadBalancerArn());
    listeners.put(lb.loadBalancerArn(), lbListeners);
    if (!"application".equals(lb.typeAsString())) return ruleArns;
    for (Listener listener : lbListeners) {
      List<Rule> listenerRules = reads.describeRulesAsList(listener.listenerArn());
      rules.put(listener.listenerArn(), listenerRules);
      listenerRules.stream()
          .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
          .forEach(r -> ruleArns.add(r.ruleArn()));
    }
    return ruleArns;
  }

  /**
   * Private IPs of the named load balancers (ALBs for target groups, any type for {@link
   * LoadBalancerIpRefs}; an export's ALBs), from the network interfaces ELB creates for them.
   */
  static Map<String, List<String>> albIps(
      Ec2Client ec2, List<LoadBalancer> loadBalancers, Set<String> names) {
    Map<String, String> arnByDescription = new TreeMap<>();
    for (LoadBalancer lb : loadBalancers) {
      if (names.contains(lb.loadBalancerName())) {
        arnByDescription.put(
            ElbSnapshot.interfaceDescription(lb.loadBalancerArn()), lb.loadBalancerArn());
      }
    }
    Map<String, List<String>> ips = new HashMap<>();
    if (arnByDescription.isEmpty()) return ips;
    arnByDescription.values().forEach(arn -> ips.put(arn, new ArrayList<>()));
    ec2.describeNetworkInterfacesPaginator(
            r ->
                r.filters(
                        Filter.builder()
                            .name("description")
                            .values(arnByDescription.keySet())
                            .build())
                    .maxResults(1000))
        .forEach(
            page -> {
              for (NetworkInterface eni : page.networkInterfaces()) {
                String arn = arnByDescription.get(eni.description());
                if (arn != null && eni.privateIpAddress() != null)
                  ips.get(arn).add(eni.privateIpAddress());
              }
            });
    ips.values().forEach(list -> list.sort(null));
    return ips;
  }
}
