package io.ecsgate.core;

import io.ecsgate.kinds.apigateway.ApiGatewaySnapshot;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One consistent-enough snapshot of live AWS, taken once per cycle by {@link Observer}. */
public record ObservedState(
    ElbSnapshot elb, Network network, EcsSnapshot ecs, ApiGatewaySnapshot api) {

  public ObservedState(ElbSnapshot elb, Network network) {
    this(elb, network, EcsSnapshot.EMPTY, ApiGatewaySnapshot.EMPTY);
  }

  public ObservedState(ElbSnapshot elb, Network network, EcsSnapshot ecs) {
    this(elb, network, ecs, ApiGatewaySnapshot.EMPTY);
  }

  /**
   * How many resources and parts this controller owns, for the mass-deletion guard: every resource
   * that carries its ownership tags, the resources and methods of its REST APIs, the task
   * definition revisions observed, and the scalable targets and policies observed for its services.
   */
  public int ownedCount(Ownership ownership) {
    int count = 0;
    for (Map<String, String> tags : elb.tags().values()) if (ownership.owns(tags)) count++;
    for (var cluster : ecs.clusters().values())
      if (ownership.owns(EcsSnapshot.tags(cluster.tags()))) count++;
    for (var services : ecs.services().values())
      for (var service : services) if (ownership.owns(EcsSnapshot.tags(service.tags()))) count++;
    for (var revisions : ecs.activeRevisions().values())
      for (var revision : revisions) if (ownership.owns(revision.tags())) count++;
    for (var link : api.vpcLinks()) if (ownership.owns(link.tags())) count++;
    for (var restApi : api.restApis()) {
      if (!ownership.owns(restApi.tags())) continue;
      count++;
      for (var resource : api.resourcesOf(restApi.id())) {
        if (!"/".equals(resource.path())) count++;
        if (resource.resourceMethods() != null) count += resource.resourceMethods().size();
      }
    }
    return count + ecs.scalableTargets().size() + ecs.scalingPolicies().size();
  }

  /** Every {@code Kind/name} that carries this controller's ownership tags. */
  public Set<String> ownedResources(Ownership ownership) {
    Set<String> owned = new TreeSet<>();
    elb.tags().values().forEach(tags -> ownership.resourceOf(tags).ifPresent(owned::add));
    ecs.clusters()
        .values()
        .forEach(c -> ownership.resourceOf(EcsSnapshot.tags(c.tags())).ifPresent(owned::add));
    ecs.services()
        .values()
        .forEach(
            list ->
                list.forEach(
                    s -> ownership.resourceOf(EcsSnapshot.tags(s.tags())).ifPresent(owned::add)));
    api.vpcLinks().forEach(link -> ownership.resourceOf(link.tags()).ifPresent(owned::add));
    api.restApis().forEach(restApi -> ownership.resourceOf(restApi.tags()).ifPresent(owned::add));
    return owned;
  }
}
