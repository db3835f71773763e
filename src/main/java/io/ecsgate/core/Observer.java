package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.kinds.apigateway.ApiGatewayReads;
import io.ecsgate.kinds.ecs.EcsReads;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.ecs.TaskDefinitions;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.Elbv2Reads;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.DesiredState;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Takes the once-per-cycle snapshot of live AWS with the fewest reads the batch limits allow: every
 * load balancer and target group (400 a page) and their tags (20 ARNs a call); listeners and rules
 * only of load balancers that are ours or declared; targets only of groups whose targets we manage;
 * ALB IPs in one DescribeNetworkInterfaces call; VPC names in one call per resource type, and none
 * when the YAML uses IDs. The only place that reads AWS.
 */
public final class Observer {
  private final AwsClients clients;
  private final Ownership ownership;

  /** Owned task definition revisions read in earlier cycles, by ARN (revisions never change). */
  private final Map<String, EcsSnapshot.FamilyRevision> revisions =
      new java.util.concurrent.ConcurrentHashMap<>();

  public Observer(AwsClients clients, Ownership ownership) {
    this.clients = clients;
    this.ownership = ownership;
  }

  /**
   * The snapshot a plan needs, whatever the plan's options: owned resources the desired state no
   * longer declares are read too, so that every plan shows them.
   */
  public ObservedState observe(DesiredState desired) {
    return new ObservedState(
        observeElb(desired),
        resolveNetwork(desired),
        observeEcs(desired),
        new ApiGatewayReads(clients.apiGateway(), ownership).observe(desired));
  }

  /**
   * The owned revision a declared service runs, when this observer has read it before and it is
   * what the YAML declares: task definition revisions are immutable, so it need not be read again.
   * Otherwise (first cycle, a difference, a foreign revision) the family's latest ACTIVE revision
   * is read.
   */
  private java.util.Optional<EcsSnapshot.FamilyRevision> runningRevision(
      ServiceSpec service,
      Map<String, List<software.amazon.awssdk.services.ecs.model.Service>> services) {
    return services.getOrDefault(service.cluster().name(), List.of()).stream()
        .filter(s -> s.serviceName().equals(service.name()) && "ACTIVE".equals(s.status()))
        .map(s -> revisions.get(s.taskDefinition()))
        .filter(java.util.Objects::nonNull)
        .filter(
            revision -> service.taskDefinition().family().equals(revision.definition().family()))
        .filter(revision -> TaskDefinitions.same(service.taskDefinition(), revision.definition()))
        .findFirst();
  }

  /**
   * Declared clusters in one DescribeClusters (100 a call); per found cluster, ListServices (100 a
   * page) and DescribeServices (10 a call) with tags; the latest ACTIVE revision of each declared
   * family with its tags, unless the service runs an owned revision already read (see {@link
   * #runningRevision}); when the latest revision differs from the declared one, the family's ACTIVE
   * revisions with their tags (ListTaskDefinitions, ListTagsForResource); scalable targets of the
   * declared services (50 IDs a call) and the policies (50 names a call, 10 a page) of those that
   * declare auto scaling. Nothing when the YAML declares no ECS.
   */
  EcsSnapshot observeEcs(DesiredState desired) {
    if (desired.clusters().isEmpty() && desired.services().isEmpty()) return EcsSnapshot.EMPTY;
    EcsReads reads = new EcsReads(clients.ecs(), clients.autoScaling());
    Set<String> clusterNames = new java.util.TreeSet<>();
    desired.clusters().forEach(c -> clusterNames.add(c.name()));
    desired.services().forEach(s -> clusterNames.add(s.cluster().name()));
    Map<String, software.amazon.awssdk.services.ecs.model.Cluster> clusters = new TreeMap<>();
    reads.describeClusters(clusterNames).forEach(c -> clusters.put(c.clusterName(), c));
    Map<String, List<software.amazon.awssdk.services.ecs.model.Service>> services = new TreeMap<>();
    for (String cluster : clusters.keySet()) {
      List<String> arns = reads.listServiceArns(cluster);
      services.put(cluster, arns.isEmpty() ? List.of() : reads.describeServices(cluster, arns));
    }
    Map<String, EcsSnapshot.FamilyRevision> families = new TreeMap<>();
    Map<String, List<EcsSnapshot.Revision>> changing = new TreeMap<>();
    Set<String> used = new java.util.HashSet<>();
    for (ServiceSpec service : desired.services()) {
      String family = service.taskDefinition().family();
      java.util.Optional<EcsSnapshot.FamilyRevision> running = runningRevision(service, services);
      if (running.isPresent()) {
        families.put(family, running.get());
        used.add(running.get().definition().taskDefinitionArn());
        continue;
      }
      java.util.Optional<EcsSnapshot.FamilyRevision> latest =
          reads.describeLatestTaskDefinition(family);
      latest.ifPresent(
          revision -> {
            families.put(family, revision);
            String arn = revision.definition().taskDefinitionArn();
            if (ownership.isResource(revision.tags(), "TaskDefinition", family)) {
              revisions.put(arn, revision);
              used.add(arn);
            }
          });
      // a new revision will be registered: the plan shows which old ones it deregisters
      if (latest.isPresent()
          && !TaskDefinitions.same(service.taskDefinition(), latest.get().definition()))
        changing.put(family, reads.activeRevisions(family, latest));
    }
    revisions.keySet().retainAll(used);
    List<String> resourceIds = new ArrayList<>();
    List<String> policyNames = new ArrayList<>();
    for (ServiceSpec service : desired.services()) {
      if (!clusters.containsKey(service.cluster().name())) continue;
      // every declared service's target is read: one left behind by a removed autoScaling would
      // fight ecsgate over desiredCount
      resourceIds.add(service.scalingResourceId());
      if (service.autoScaling().isEmpty()) continue;
      policyNames.add(service.cpuPolicyName());
      if (service.autoScaling().get().memoryTarget().isPresent())
        policyNames.add(service.memoryPolicyName());
    }
    var targets =
        resourceIds.isEmpty()
            ? List.<software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget>of()
            : reads.describeScalableTargets(resourceIds);
    var policies =
        policyNames.isEmpty()
            ? List.<software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy>of()
            : reads.describeScalingPolicies(policyNames);
    return new EcsSnapshot(clusters, services, families, targets, policies, changing);
  }

  ElbSnapshot observeElb(DesiredState desired) {
    Elbv2Reads reads = new Elbv2Reads(clients.elb());
    List<LoadBalancer> loadBalancers = reads.describeLoadBalancersAsList();
    List<TargetGroup> targetGroups = reads.describeTargetGroupsAsList();
    Set<String> declaredLoadBalancers = new LinkedHashSet<>();
    desired.loadBalancers().forEach(lb -> declaredLoadBalancers.add(lb.name()));
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
    Map<String, Map<String, String>> tags = new HashMap<>(reads.describeTags(arns));
    // Load balancers of ours that are no longer declared: read only for pruning what is on them.
    List<String> moreArns = new ArrayList<>();
    for (LoadBalancer lb : loadBalancers) {
      boolean ours = ownership.owns(tags.getOrDefault(lb.loadBalancerArn(), Map.of()));
      if (ours && !declaredLoadBalancers.contains(lb.loadBalancerName()))
        moreArns.addAll(readListeners(reads, lb, listeners, rules));
    }
    if (!moreArns.isEmpty()) tags.putAll(reads.describeTags(moreArns));

    Map<String, List<TargetDescription>> targets = new HashMap<>();
    Set<String> albsWhoseIpsWeNeed = new LinkedHashSet<>();
    for (TargetGroupSpec spec : desired.targetGroups()) {
      if (spec.targets().isEmpty()) continue;
      for (TargetGroup tg : targetGroups) {
        Map<String, String> tgTags = tags.getOrDefault(tg.targetGroupArn(), Map.of());
        boolean ours = ownership.isResource(tgTags, TargetGroupSpec.KIND, spec.name());
        if (ours)
          targets.put(tg.targetGroupArn(), reads.describeTargetsAsList(tg.targetGroupArn()));
      }
      if (spec.targets().get() instanceof TargetGroupSpec.IpsOfLoadBalancer ips)
        albsWhoseIpsWeNeed.add(ips.loadBalancer().name());
    }
    Map<String, List<String>> albIps = albIps(loadBalancers, albsWhoseIpsWeNeed);
    return new ElbSnapshot(loadBalancers, listeners, rules, targetGroups, tags, targets, albIps);
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

  /** Private IPs of the named ALBs, from the network interfaces ELB creates for them. */
  private Map<String, List<String>> albIps(List<LoadBalancer> loadBalancers, Set<String> names) {
    Map<String, String> arnByDescription = new TreeMap<>();
    for (LoadBalancer lb : loadBalancers) {
      if (names.contains(lb.loadBalancerName()) && "application".equals(lb.typeAsString())) {
        arnByDescription.put(interfaceDescription(lb.loadBalancerArn()), lb.loadBalancerArn());
      }
    }
    Map<String, List<String>> ips = new HashMap<>();
    if (arnByDescription.isEmpty()) return ips;
    arnByDescription.values().forEach(arn -> ips.put(arn, new ArrayList<>()));
    Ec2Client ec2 = clients.ec2();
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

  /**
   * ELB names the interfaces of {@code arn:...:loadbalancer/app/<name>/<id>} as {@code ELB
   * app/<name>/<id>}.
   */
  public static String interfaceDescription(String loadBalancerArn) {
    return "ELB "
        + loadBalancerArn.substring(
            loadBalancerArn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
  }

  Network resolveNetwork(DesiredState desired) {
    Set<String> vpcs = new LinkedHashSet<>();
    Set<String> subnets = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    desired.targetGroups().forEach(tg -> vpcs.add(tg.vpc().name()));
    for (LoadBalancerSpec lb : desired.loadBalancers()) {
      lb.subnets().stream().map(Ref::name).forEach(subnets::add);
      lb.securityGroups().stream().map(Ref::name).forEach(groups::add);
    }
    for (ServiceSpec service : desired.services()) {
      service.network().subnets().stream().map(Ref::name).forEach(subnets::add);
      service.network().securityGroups().stream().map(Ref::name).forEach(groups::add);
    }
    Map<String, String> ids = new HashMap<>();
    Map<String, String> problems = new HashMap<>();
    Ec2Client ec2 = clients.ec2();
    resolve(
        vpcs,
        "vpc",
        ids,
        problems,
        names -> {
          List<NamedId> found = new ArrayList<>();
          ec2.describeVpcsPaginator(r -> r.filters(nameFilter(names)))
              .forEach(
                  p -> p.vpcs().forEach(v -> found.add(new NamedId(nameTag(v.tags()), v.vpcId()))));
          return found;
        });
    resolve(
        subnets,
        "subnet",
        ids,
        problems,
        names -> {
          List<NamedId> found = new ArrayList<>();
          ec2.describeSubnetsPaginator(r -> r.filters(nameFilter(names)))
              .forEach(
                  p ->
                      p.subnets()
                          .forEach(s -> found.add(new NamedId(nameTag(s.tags()), s.subnetId()))));
          return found;
        });
    resolve(
        groups,
        "sg",
        ids,
        problems,
        names -> {
          List<NamedId> found = new ArrayList<>();
          ec2.describeSecurityGroupsPaginator(r -> r.filters(nameFilter(names)))
              .forEach(
                  p ->
                      p.securityGroups()
                          .forEach(g -> found.add(new NamedId(nameTag(g.tags()), g.groupId()))));
          Set<String> missing = new LinkedHashSet<>(names);
          found.forEach(f -> missing.remove(f.name()));
          if (!missing.isEmpty()) {
            // a security group's own name is what most people call it; look those up only when the
            // Name tag did not match
            ec2.describeSecurityGroupsPaginator(
                    r -> r.filters(Filter.builder().name("group-name").values(missing).build()))
                .forEach(
                    p ->
                        p.securityGroups()
                            .forEach(g -> found.add(new NamedId(g.groupName(), g.groupId()))));
          }
          return found;
        });
    return new Network(Map.copyOf(ids), Map.copyOf(problems));
  }

  private record NamedId(String name, String id) {}

  private static void resolve(
      Set<String> refs,
      String prefix,
      Map<String, String> ids,
      Map<String, String> problems,
      java.util.function.Function<Set<String>, List<NamedId>> lookup) {
    Set<String> names = new LinkedHashSet<>();
    for (String ref : refs) {
      if (Network.isId(ref, prefix)) ids.put(ref, ref);
      else names.add(ref);
    }
    if (names.isEmpty()) return;
    Map<String, List<String>> byName = new HashMap<>();
    for (NamedId found : lookup.apply(names)) {
      if (found.name() != null)
        byName.computeIfAbsent(found.name(), k -> new ArrayList<>()).add(found.id());
    }
    for (String name : names) {
      List<String> matches = byName.getOrDefault(name, List.of()).stream().distinct().toList();
      if (matches.size() == 1) ids.put(name, matches.get(0));
      else if (matches.isEmpty())
        problems.put(name, "no " + label(prefix) + " has the ID or Name '" + name + "'");
      else
        problems.put(
            name,
            "the Name '"
                + name
                + "' matches several "
                + label(prefix)
                + "s: "
                + String.join(", ", matches));
    }
  }

  private static String label(String prefix) {
    return switch (prefix) {
      case "vpc" -> "VPC";
      case "sg" -> "security group";
      default -> prefix;
    };
  }

  private static Filter nameFilter(Set<String> names) {
    return Filter.builder().name("tag:Name").values(names).build();
  }

  private static String nameTag(List<Tag> tags) {
    return tags.stream()
        .filter(t -> t.key().equals("Name"))
        .map(Tag::value)
        .findFirst()
        .orElse(null);
  }
}
