package io.ecsgate.bench;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.apigateway.ApiGatewayReads;
import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.apigateway.VpcLinkV2Spec;
import io.ecsgate.kinds.ecs.AlarmReads;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.EcsReads;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.elb.Elbv2Reads;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.NetworkObservation;
import io.ecsgate.kinds.network.SecurityGroupIngressSpec;
import io.ecsgate.yaml.Ref;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The fewest reads a no-op cycle can make for a desired state, given the API's batch and page
 * limits. With L load balancers (A of them with ALB listeners: DescribeRules is per listener), G
 * target groups, R rules, T target groups whose targets ecsgate manages, V kinds of network
 * reference written as names rather than IDs:
 *
 * <pre>
 *   ceil(L/400) DescribeLoadBalancers + ceil(G/400) DescribeTargetGroups + L DescribeListeners
 *   + A DescribeRules + ceil((L+G+R)/20) DescribeTags + T DescribeTargetHealth
 *   + 1 DescribeNetworkInterfaces if any group holds ALB IPs or any ingress rule admits a load
 *     balancer's IPs + V EC2 name look-ups (the ingress rules' security groups among them)
 *   + ceil(I/1000) DescribeSecurityGroupRules (at least 1, whatever is declared: owned rules show in
 *     every plan), I the ingress rules ecsgate keeps (a CIDR rule is one, a load balancer's IPs one
 *     per subnet of it)
 * </pre>
 *
 * and for ECS, with C clusters (declared or named by a service), S_c services in cluster c, F task
 * families, S services in all:
 *
 * <pre>
 *   ceil(C/100) DescribeClusters + sum_c ceil(S_c/100) ListServices + sum_c ceil(S_c/10) DescribeServices
 *   + F DescribeTaskDefinition (tags come with it: include TAGS, as for clusters and services), on the
 *     observer's first cycle only: revisions are immutable, so once read the revision a service runs
 *     is not read again while it is what the YAML declares ({@link #warm}: the daemon's steady state)
 *   + ceil(S/50) DescribeScalableTargets (a target left behind would fight over desiredCount)
 *   + sum over batches of 50 policy names of ceil(n/10) DescribeScalingPolicies (each scaled
 *     service's four names are asked for: -cpu, -memory, -scale-out, -scale-in; n counts those
 *     of the batch that exist, the declared ones; at least one call a batch)
 *   + with Q services on step scaling: ceil(2Q/100) DescribeAlarms + 2Q ListTagsForResource
 *     (CloudWatch, one per alarm: its ownership tags)
 * </pre>
 *
 * <p>A no-op cycle registers no task definition, so it reads nothing of what task definitions
 * reference; a cycle that registers revisions (or creates services) first checks them ({@link
 * #taskReferences}, for every declared family): per ECR repository ceil(n/100) DescribeImages for
 * its n images of the client's region, one GetRole per role, one DescribeLogGroups per log group of
 * the client's region.
 *
 * <p>And, when the desired state declares API Gateway kinds, with K VPC links and P REST APIs, the
 * API p having N(p) resources (every prefix of its route paths, plus the root):
 *
 * <pre>
 *   ceil(K/500) GetVpcLinks + ceil(K2/500) GetVpcLinks of API Gateway V2 (K2 VPC links V2)
 *   + ceil(P/500) GetRestApis (tags come with the three lists)
 *   + sum over p of ( ceil(N(p)/500) GetResources with embed=methods (methods and integrations inside)
 *                     + 1 GetStages + 1 GetDeployment of the stage's deployment (its recorded content hash) )
 *   + 1 Query of the state table's inventory
 * </pre>
 *
 * <p>The controller loop between tag audits ({@code run --tag-audit-interval}) reads less: {@link
 * #loop} = {@link #warm} - {@link #tagReads}.
 */
public final class ReadBound {
  private ReadBound() {}

  /** The state table's inventory: one Query of the stack's partition (one page up to 1 MB). */
  public static final long INVENTORY = 1;

  public static long of(DesiredState desired) {
    int loadBalancers = desired.all(LoadBalancerSpec.class).size();
    int albListeners =
        desired.all(LoadBalancerSpec.class).stream()
            .filter(lb -> lb.isApplication())
            .mapToInt(lb -> lb.listeners().size())
            .sum();
    int groups = desired.all(TargetGroupSpec.class).size();
    int rules = desired.all(ListenerRuleSpec.class).size();
    int managedTargets =
        (int)
            desired.all(TargetGroupSpec.class).stream()
                .filter(tg -> tg.targets().isPresent())
                .count();
    boolean albIps =
        desired.all(TargetGroupSpec.class).stream()
                .anyMatch(
                    tg -> tg.targets().orElse(null) instanceof TargetGroupSpec.IpsOfLoadBalancer)
            || desired.all(SecurityGroupIngressSpec.class).stream()
                .anyMatch(i -> !i.loadBalancersWhoseIpsAreNeeded().isEmpty());
    // per resource type: one call for the names used, one for the IDs used (checked to exist)
    int namedKinds = 0;
    List<List<Ref>> byType =
        List.of(
            desired.all(TargetGroupSpec.class).stream().map(TargetGroupSpec::vpc).toList(),
            Stream.concat(
                    desired.all(LoadBalancerSpec.class).stream()
                        .flatMap(lb -> lb.subnets().stream()),
                    Stream.concat(
                        desired.all(ServiceSpec.class).stream()
                            .flatMap(s -> s.network().subnets().stream()),
                        desired.all(VpcLinkV2Spec.class).stream()
                            .flatMap(l -> l.subnets().stream())))
                .toList(),
            Stream.concat(
                    desired.all(LoadBalancerSpec.class).stream()
                        .flatMap(lb -> lb.securityGroups().stream()),
                    Stream.concat(
                        desired.all(ServiceSpec.class).stream()
                            .flatMap(s -> s.network().securityGroups().stream()),
                        Stream.concat(
                            desired.all(SecurityGroupIngressSpec.class).stream()
                                .map(SecurityGroupIngressSpec::securityGroup),
                            desired.all(VpcLinkV2Spec.class).stream()
                                .flatMap(l -> l.securityGroups().stream()))))
                .toList());
    for (List<Ref> refs : byType) {
      if (refs.stream().anyMatch(ReadBound::isName)) namedKinds++;
      if (refs.stream().anyMatch(ref -> !isName(ref))) namedKinds++;
    }
    return INVENTORY
        + ecs(desired)
        + ceil(loadBalancers, Elbv2Reads.PAGE_SIZE)
        + ceil(groups, Elbv2Reads.PAGE_SIZE)
        + loadBalancers
        + albListeners
        + ceil(loadBalancers + groups + rules, Elbv2Reads.TAGS_BATCH)
        + managedTargets
        + (albIps ? 1 : 0)
        + namedKinds
        + ingressRules(desired)
        + apiGateway(desired);
  }

  /** The ingress rules ecsgate keeps, one page of 1,000 a read, at least one read. */
  static long ingressRules(DesiredState desired) {
    long rules = 0;
    for (SecurityGroupIngressSpec ingress : desired.all(SecurityGroupIngressSpec.class)) {
      for (SecurityGroupIngressSpec.Rule rule : ingress.rules()) {
        if (rule.from() instanceof SecurityGroupIngressSpec.IpsOfLoadBalancer ips)
          rules +=
              desired.all(LoadBalancerSpec.class).stream()
                  .filter(lb -> lb.name().equals(ips.loadBalancer().name()))
                  .mapToInt(lb -> lb.subnets().size())
                  .sum();
        else rules++;
      }
    }
    return Math.max(1, ceil((int) rules, NetworkObservation.RULES_PAGE));
  }

  /**
   * The three lists are read whatever is declared (owned links and APIs show in every plan), one
   * page at least each.
   */
  static long apiGateway(DesiredState desired) {
    long reads =
        ceil(desired.all(VpcLinkSpec.class).size(), ApiGatewayReads.PAGE)
            + ceil(desired.all(VpcLinkV2Spec.class).size(), ApiGatewayReads.PAGE)
            + ceil(desired.all(RestApiSpec.class).size(), ApiGatewayReads.PAGE);
    for (RestApiSpec api : desired.all(RestApiSpec.class)) {
      Set<String> resources = new HashSet<>(Set.of("/"));
      for (RestApiSpec.Route route : api.routes()) {
        String path = route.path();
        for (int at = path.indexOf('/', 1); at > 0; at = path.indexOf('/', at + 1))
          resources.add(path.substring(0, at));
        resources.add(path);
      }
      reads += ceil(resources.size(), ApiGatewayReads.PAGE) + 1 + 1;
    }
    return reads;
  }

  /**
   * The reads that check what the task definitions reference, in a cycle that registers every
   * declared family ({@code region}: the clients' region).
   */
  public static long taskReferences(DesiredState desired, String region) {
    java.util.Map<String, Set<String>> repositories = new java.util.TreeMap<>();
    Set<String> roles = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (ServiceSpec service : desired.all(ServiceSpec.class)) {
      service.taskDefinition().taskRoleArn().ifPresent(roles::add);
      service.taskDefinition().executionRoleArn().ifPresent(roles::add);
      for (ServiceSpec.Container container : service.taskDefinition().containers()) {
        java.util.regex.Matcher ecr =
            java.util.regex.Pattern.compile(
                    "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+).*")
                .matcher(container.image());
        if (ecr.matches() && ecr.group(2).equals(region))
          repositories
              .computeIfAbsent(ecr.group(1) + "/" + ecr.group(3), k -> new TreeSet<>())
              .add(container.image());
        container
            .logConfiguration()
            .filter(logs -> logs.region().equals(region))
            .ifPresent(logs -> groups.add(logs.group()));
      }
    }
    long reads = roles.size() + groups.size();
    for (Set<String> images : repositories.values()) reads += (images.size() + 99) / 100;
    return reads;
  }

  /**
   * The bound for an observer that has seen the stack before (the controller loop) in a cycle that
   * audits tags (its first, one every {@code --tag-audit-interval}, and a family's first after
   * ecsgate wrote to it): no DescribeTaskDefinition.
   */
  public static long warm(DesiredState desired) {
    return of(desired) - desired.all(ServiceSpec.class).size();
  }

  /**
   * The bound for the controller loop's no-op cycle between tag audits ({@link #warm} less {@link
   * #tagReads}): the tags of resources read at the last audit are not read again, and services are
   * read by name.
   */
  public static long loop(DesiredState desired) {
    return warm(desired) - tagReads(desired);
  }

  /**
   * What a cycle between tag audits does not read: the ELB DescribeTags of load balancers, target
   * groups and rules (ceil((L+G+R)/20)); ListServices (sum_c ceil(S_c/100), at least one a cluster:
   * the services are read by name, DescribeServices 10 a call with their tags, as in every cycle);
   * and the 2Q ListTagsForResource of the step scaling alarms (DescribeAlarms still reads the
   * alarms themselves).
   */
  public static long tagReads(DesiredState desired) {
    int elbResources =
        desired.all(LoadBalancerSpec.class).size()
            + desired.all(TargetGroupSpec.class).size()
            + desired.all(ListenerRuleSpec.class).size();
    long reads = ceil(elbResources, Elbv2Reads.TAGS_BATCH);
    if (!desired.all(ClusterSpec.class).isEmpty() || !desired.all(ServiceSpec.class).isEmpty()) {
      Set<String> clusters = new TreeSet<>();
      desired.all(ClusterSpec.class).forEach(c -> clusters.add(c.name()));
      desired.all(ServiceSpec.class).forEach(s -> clusters.add(s.cluster().name()));
      for (String cluster : clusters)
        reads +=
            ceil(
                (int)
                    desired.all(ServiceSpec.class).stream()
                        .filter(s -> s.cluster().name().equals(cluster))
                        .count(),
                EcsReads.SERVICES_PAGE);
      reads +=
          desired.all(ServiceSpec.class).stream()
                  .filter(s -> s.autoScaling().flatMap(ServiceSpec.AutoScaling::steps).isPresent())
                  .count()
              * 2;
    }
    return reads;
  }

  /**
   * The ELB reads of a cycle ({@code audit}: one that audits tags), of the account's 10 a second
   * that every ELB tool in it shares: DescribeLoadBalancers, DescribeTargetGroups,
   * DescribeListeners, DescribeRules, DescribeTargetHealth, and DescribeTags on an audit.
   */
  public static long elb(DesiredState desired, boolean audit) {
    int loadBalancers = desired.all(LoadBalancerSpec.class).size();
    long reads =
        ceil(loadBalancers, Elbv2Reads.PAGE_SIZE)
            + ceil(desired.all(TargetGroupSpec.class).size(), Elbv2Reads.PAGE_SIZE)
            + loadBalancers
            + desired.all(LoadBalancerSpec.class).stream()
                .filter(lb -> lb.isApplication())
                .mapToInt(lb -> lb.listeners().size())
                .sum()
            + desired.all(TargetGroupSpec.class).stream()
                .filter(tg -> tg.targets().isPresent())
                .count();
    if (audit)
      reads +=
          ceil(
              loadBalancers
                  + desired.all(TargetGroupSpec.class).size()
                  + desired.all(ListenerRuleSpec.class).size(),
              Elbv2Reads.TAGS_BATCH);
    return reads;
  }

  /** The ECS and Application Auto Scaling part of the bound (0 when nothing of ECS is declared). */
  public static long ecs(DesiredState desired) {
    if (desired.all(ClusterSpec.class).isEmpty() && desired.all(ServiceSpec.class).isEmpty())
      return 0;
    Set<String> clusters = new TreeSet<>();
    desired.all(ClusterSpec.class).forEach(c -> clusters.add(c.name()));
    desired.all(ServiceSpec.class).forEach(s -> clusters.add(s.cluster().name()));
    long reads = ceil(clusters.size(), EcsReads.CLUSTERS_BATCH);
    for (String cluster : clusters) {
      int services =
          (int)
              desired.all(ServiceSpec.class).stream()
                  .filter(s -> s.cluster().name().equals(cluster))
                  .count();
      reads += ceil(services, EcsReads.SERVICES_PAGE);
      if (services > 0) reads += ceil(services, EcsReads.SERVICES_BATCH);
    }
    reads += desired.all(ServiceSpec.class).size();
    List<ServiceSpec> scaled =
        desired.all(ServiceSpec.class).stream().filter(s -> s.autoScaling().isPresent()).toList();
    if (!desired.all(ServiceSpec.class).isEmpty())
      reads += ceil(desired.all(ServiceSpec.class).size(), EcsReads.SCALABLE_TARGETS_BATCH);
    if (!scaled.isEmpty()) {
      // every policy name ecsgate gives a scaled service is asked for (a switch between target
      // tracking and steps deletes the other kind's); only the declared ones exist
      List<Boolean> exists = new java.util.ArrayList<>();
      for (ServiceSpec service : scaled) {
        ServiceSpec.AutoScaling scaling = service.autoScaling().get();
        boolean steps = scaling.steps().isPresent();
        exists.add(!steps); // -cpu
        exists.add(!steps && scaling.memoryTarget().isPresent()); // -memory
        exists.add(steps); // -scale-out
        exists.add(steps); // -scale-in
      }
      for (int from = 0; from < exists.size(); from += EcsReads.POLICY_NAMES_BATCH) {
        int found =
            (int)
                exists
                    .subList(from, Math.min(exists.size(), from + EcsReads.POLICY_NAMES_BATCH))
                    .stream()
                    .filter(e -> e)
                    .count();
        reads += ceil(found, EcsReads.POLICIES_PAGE);
      }
    }
    int alarms =
        (int) scaled.stream().filter(s -> s.autoScaling().get().steps().isPresent()).count() * 2;
    if (alarms > 0) reads += ceil(alarms, AlarmReads.ALARMS_BATCH) + alarms;
    return reads;
  }

  private static boolean isName(Ref ref) {
    return !ref.name().matches("(vpc|subnet|sg)-[0-9a-f]{8,17}");
  }

  private static long ceil(int count, int perCall) {
    return Math.max(1, (count + perCall - 1) / perCall);
  }
}
