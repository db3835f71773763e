package io.ecsgate.testing;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.Elbv2Reads;
import io.ecsgate.model.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Counts the resources ecsgate owns in the emulator, by their {@code ecsgate:resource} tag, so that
 * tests can assert "exactly one per declared resource": no duplicates, no orphans.
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
        if ("HTTP".equals(listener.protocolAsString()) || "HTTPS".equals(listener.protocolAsString())) {
          reads.describeRulesAsList(listener.listenerArn()).stream().filter(r -> !Boolean.TRUE.equals(r.isDefault())).map(Rule::ruleArn).forEach(arns::add);
        }
      }
    }
    reads.describeTargetGroupsAsList().forEach(tg -> arns.add(tg.targetGroupArn()));
    Map<String, Integer> counts = new TreeMap<>();
    reads.describeTags(arns).values().forEach(tags -> {
      String resource = tags.get(Ownership.RESOURCE);
      if (resource != null) counts.merge(resource, 1, Integer::sum);
    });
    // API Gateway lists carry their tags: VPC links and REST APIs (names are not unique there, so duplicates would show)
    clients.apiGateway().getVpcLinksPaginator(r -> r.limit(500)).items().forEach(link -> {
      if (link.tags() != null && link.tags().get(Ownership.RESOURCE) != null) counts.merge(link.tags().get(Ownership.RESOURCE), 1, Integer::sum);
    });
    clients.apiGateway().getRestApisPaginator(r -> r.limit(500)).items().forEach(api -> {
      if (api.tags() != null && api.tags().get(Ownership.RESOURCE) != null) counts.merge(api.tags().get(Ownership.RESOURCE), 1, Integer::sum);
    });
    return counts;
  }
}
