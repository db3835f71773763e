package io.ecsgate.kinds.elb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** ELBv2 reads with paging flattened and batches at the API's limits. */
public final class Elbv2Reads {
  /**
   * The largest page DescribeLoadBalancers, DescribeTargetGroups, DescribeListeners and
   * DescribeRules accept.
   */
  public static final int PAGE_SIZE = 400;

  /** DescribeTags takes at most 20 resource ARNs per call. */
  public static final int TAGS_BATCH = 20;

  private final ElasticLoadBalancingV2Client elb;

  public Elbv2Reads(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  public List<LoadBalancer> describeLoadBalancersAsList() {
    List<LoadBalancer> all = new ArrayList<>();
    elb.describeLoadBalancersPaginator(r -> r.pageSize(PAGE_SIZE))
        .forEach(page -> all.addAll(page.loadBalancers()));
    return all;
  }

  public List<TargetGroup> describeTargetGroupsAsList() {
    List<TargetGroup> all = new ArrayList<>();
    elb.describeTargetGroupsPaginator(r -> r.pageSize(PAGE_SIZE))
        .forEach(page -> all.addAll(page.targetGroups()));
    return all;
  }

  public List<Listener> describeListenersAsList(String loadBalancerArn) {
    List<Listener> all = new ArrayList<>();
    elb.describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn).pageSize(PAGE_SIZE))
        .forEach(page -> all.addAll(page.listeners()));
    return all;
  }

  /** Rules of a listener. The API promises no order; callers sort by priority themselves. */
  public List<Rule> describeRulesAsList(String listenerArn) {
    List<Rule> all = new ArrayList<>();
    String marker = null;
    do {
      String page = marker;
      var response =
          elb.describeRules(r -> r.listenerArn(listenerArn).pageSize(PAGE_SIZE).marker(page));
      all.addAll(response.rules());
      marker = response.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return all;
  }

  /** Tags of many resources, 20 ARNs per call. */
  public Map<String, Map<String, String>> describeTags(Collection<String> arns) {
    Map<String, Map<String, String>> tags = new HashMap<>();
    List<String> list = List.copyOf(arns);
    for (int from = 0; from < list.size(); from += TAGS_BATCH) {
      List<String> batch = list.subList(from, Math.min(list.size(), from + TAGS_BATCH));
      for (TagDescription description :
          elb.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        Map<String, String> map = new HashMap<>();
        for (Tag tag : description.tags()) map.put(tag.key(), tag.value());
        tags.put(description.resourceArn(), Map.copyOf(map));
      }
    }
    return tags;
  }

  /** The registered targets of a group (draining ones excluded: they are already leaving). */
  public List<TargetDescription> describeTargetsAsList(String targetGroupArn) {
    List<TargetDescription> targets = new ArrayList<>();
    for (TargetHealthDescription health :
        elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
            .targetHealthDescriptions()) {
      String state = health.targetHealth() == null ? "" : health.targetHealth().stateAsString();
      String reason = health.targetHealth() == null ? "" : health.targetHealth().reasonAsString();
      if ("draining".equals(state)
          || ("unused".equals(state) && "Target.NotRegistered".equals(reason))) {
        continue;
      }
      targets.add(health.target());
    }
    return targets;
  }
}
