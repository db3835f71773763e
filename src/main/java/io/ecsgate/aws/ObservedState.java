package io.ecsgate.aws;

import io.ecsgate.model.Ownership;
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
