package io.ecsgate.testing;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ownership;
import io.ecsgate.kinds.elb.Elbv2Reads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Counts the resources ecsgate owns in the emulator (ELB and ECS), by their {@code
 * ecsgate:resource} tag, so that tests can assert "exactly one per declared resource": no
 * duplicates, no orphans.
 */
public final class Inventory {
  private Inventory() {}

  /** {@code Kind/name -> how many resources carry that tag}. */
  public static Map<String, Integer> owned(AwsClients clients) {
    Elbv2Reads reads = new Elbv2Reads(clients.elb());
    List<String> arns = new ArrayList<>();
    for (LoadBalancer lb : reads.describeLoadBalancersAsList()) {
      arns.add(lb.loadBalancerArn());
      for (Listener listener : reads.describeListenersAsList(lb.loadBalancerArn())) {
        arns.add(listener.listenerArn());
        if ("HTTP".equals(listener.protocolAsString())
            || "HTTPS".equals(listener.protocolAsString())) {
          reads.describeRulesAsList(listener.listenerArn()).stream()
              .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
              .map(Rule::ruleArn)
              .forEach(arns::add);
        }
      }
    }
    reads.describeTargetGroupsAsList().forEach(tg -> arns.add(tg.targetGroupArn()));
    Map<String, Integer> counts = new TreeMap<>();
    reads
        .describeTags(arns)
        .values()
        .forEach(
            tags -> {
              String resource = tags.get(Ownership.RESOURCE);
              if (resource != null) counts.merge(resource, 1, Integer::sum);
            });
    ecs(clients, counts);
    // API Gateway lists carry their tags: VPC links and REST APIs (names are not unique there, so
    // duplicates would show)
    clients
        .apiGateway()
        .getVpcLinksPaginator(r -> r.limit(500))
        .items()
        .forEach(
            link -> {
              if (link.tags() != null && link.tags().get(Ownership.RESOURCE) != null)
                counts.merge(link.tags().get(Ownership.RESOURCE), 1, Integer::sum);
            });
    clients
        .apiGateway()
        .getRestApisPaginator(r -> r.limit(500))
        .items()
        .forEach(
            api -> {
              if (api.tags() != null && api.tags().get(Ownership.RESOURCE) != null)
                counts.merge(api.tags().get(Ownership.RESOURCE), 1, Integer::sum);
            });
    // security group rules carry their own tags: one count per declaration that has rules (a
    // group cannot hold two equal rules, so a rule cannot be duplicated)
    clients
        .ec2()
        .describeSecurityGroupRulesPaginator(
            r -> r.filters(f -> f.name("tag-key").values(Ownership.RESOURCE)))
        .securityGroupRules()
        .forEach(
            rule ->
                rule.tags().stream()
                    .filter(t -> t.key().equals(Ownership.RESOURCE))
                    .forEach(t -> counts.putIfAbsent(t.value(), 1)));
    return counts;
  }

  /**
   * Clusters, live services and ACTIVE task definition revisions, each counted by its ownership
   * tag.
   */
  private static void ecs(AwsClients clients, Map<String, Integer> counts) {
    EcsClient ecs = clients.ecs();
    List<String> clusterArns = ecs.listClusters().clusterArns();
    if (clusterArns.isEmpty()) return;
    for (Cluster cluster :
        ecs.describeClusters(r -> r.clusters(clusterArns).include(ClusterField.TAGS)).clusters()) {
      if (!"ACTIVE".equals(cluster.status())) continue;
      count(cluster.tags(), counts);
      List<String> serviceArns =
          ecs.listServices(r -> r.cluster(cluster.clusterName())).serviceArns();
      for (int from = 0; from < serviceArns.size(); from += 10) {
        List<String> batch = serviceArns.subList(from, Math.min(serviceArns.size(), from + 10));
        ecs
            .describeServices(
                r -> r.cluster(cluster.clusterName()).services(batch).include(ServiceField.TAGS))
            .services()
            .stream()
            .filter(s -> !"INACTIVE".equals(s.status()))
            .forEach(s -> count(s.tags(), counts));
      }
    }
    // a family is one resource; its revisions are versions of it (immutable, and AWS keeps them),
    // so it counts once
    java.util.Set<String> families = new java.util.TreeSet<>();
    for (String arn :
        ecs.listTaskDefinitions(r -> r.status(TaskDefinitionStatus.ACTIVE)).taskDefinitionArns()) {
      ecs.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
          .filter(t -> t.key().equals(Ownership.RESOURCE))
          .forEach(t -> families.add(t.value()));
    }
    families.forEach(family -> counts.merge(family, 1, Integer::sum));
  }

  private static void count(
      List<software.amazon.awssdk.services.ecs.model.Tag> tags, Map<String, Integer> counts) {
    if (tags == null) return;
    tags.stream()
        .filter(t -> t.key().equals(Ownership.RESOURCE))
        .forEach(t -> counts.merge(t.value(), 1, Integer::sum));
  }
}
