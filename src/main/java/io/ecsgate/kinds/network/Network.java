package io.ecsgate.kinds.network;

import io.ecsgate.core.ObservedState;
import io.ecsgate.yaml.Ref;
import java.util.Map;
import java.util.Optional;

/**
 * VPC, subnet and security-group references resolved to IDs. A reference that is already an ID
 * resolves to itself; a name resolves through the resource's {@code Name} tag (or, for security
 * groups, their group name). {@code problems} explains each reference that did not resolve.
 */
public record Network(
    Map<String, String> ids, Map<String, String> problems, Map<String, String> vpcOfSubnet) {
  public static final Network EMPTY = new Network(Map.of(), Map.of());

  /** {@code vpcOfSubnet}: the VPC of each subnet observed, by subnet ID. */
  public Network(Map<String, String> ids, Map<String, String> problems) {
    this(ids, problems, Map.of());
  }

  /** The VPC the subnets are in, when all of them resolve and are observed in one VPC. */
  public Optional<String> vpcOf(java.util.List<Ref> subnets) {
    java.util.Set<String> vpcs = new java.util.TreeSet<>();
    for (Ref subnet : subnets) {
      Optional<String> vpc = id(subnet).map(vpcOfSubnet::get);
      if (vpc.isEmpty()) return Optional.empty();
      vpcs.add(vpc.get());
    }
    return vpcs.size() == 1 ? Optional.of(vpcs.iterator().next()) : Optional.empty();
  }

  /** The network part of an observation. */
  public static Network of(ObservedState observed) {
    return observed.find(Network.class).orElse(EMPTY);
  }

  public Optional<String> id(Ref ref) {
    return Optional.ofNullable(ids.get(ref.name()));
  }

  public Optional<String> problem(Ref ref) {
    return Optional.ofNullable(problems.get(ref.name()));
  }

  public static boolean isId(String ref, String prefix) {
    return ref.matches(prefix + "-[0-9a-f]{8,17}");
  }
}
