package io.ecsgate.yaml;

import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import java.util.List;
import java.util.Optional;

/**
 * Everything the YAML declares, validated and with references checked. Immutable; {@code revision}
 * is a short content hash of the files it was read from.
 */
public record DesiredState(
    String revision,
    List<LoadBalancerSpec> loadBalancers,
    List<TargetGroupSpec> targetGroups,
    List<ListenerRuleSpec> listenerRules,
    List<ClusterSpec> clusters,
    List<ServiceSpec> services,
    List<VpcLinkSpec> vpcLinks,
    List<RestApiSpec> restApis) {

  public DesiredState {
    loadBalancers = List.copyOf(loadBalancers);
    targetGroups = List.copyOf(targetGroups);
    listenerRules = List.copyOf(listenerRules);
    clusters = List.copyOf(clusters);
    services = List.copyOf(services);
    vpcLinks = List.copyOf(vpcLinks);
    restApis = List.copyOf(restApis);
  }

  public DesiredState(
      String revision,
      List<LoadBalancerSpec> loadBalancers,
      List<TargetGroupSpec> targetGroups,
      List<ListenerRuleSpec> listenerRules) {
    this(
        revision,
        loadBalancers,
        targetGroups,
        listenerRules,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  public DesiredState(
      String revision,
      List<LoadBalancerSpec> loadBalancers,
      List<TargetGroupSpec> targetGroups,
      List<ListenerRuleSpec> listenerRules,
      List<ClusterSpec> clusters,
      List<ServiceSpec> services) {
    this(
        revision,
        loadBalancers,
        targetGroups,
        listenerRules,
        clusters,
        services,
        List.of(),
        List.of());
  }

  public int size() {
    return loadBalancers.size()
        + targetGroups.size()
        + listenerRules.size()
        + clusters.size()
        + services.size()
        + vpcLinks.size()
        + restApis.size();
  }

  public Optional<VpcLinkSpec> vpcLink(String name) {
    return vpcLinks.stream().filter(link -> link.name().equals(name)).findFirst();
  }

  public Optional<ClusterSpec> cluster(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  public Optional<LoadBalancerSpec> loadBalancer(String name) {
    return loadBalancers.stream().filter(lb -> lb.name().equals(name)).findFirst();
  }

  public Optional<TargetGroupSpec> targetGroup(String name) {
    return targetGroups.stream().filter(tg -> tg.name().equals(name)).findFirst();
  }
}
