package io.ecsgate.kinds.network;

import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Snapshot;
import io.ecsgate.yaml.Ref;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * VPC, subnet and security-group references resolved to IDs. A reference that is already an ID
 * resolves to itself; a name resolves through the resource's {@code Name} tag (or, for security
 * groups, their group name). {@code problems} explains each reference that did not resolve. {@code
 * admitted}: the IPv4 ingress permissions of each referenced security group (by ID), from the
 * DescribeSecurityGroups calls that resolved it, whoever added them; {@code ownedRules}: the
 * ingress rules that carry this controller's tags, wherever they are (ecsgate's only when the
 * inventory holds them too: {@link #ownedRules(Ownership)}).
 */
public record Network(
    Map<String, String> ids,
    Map<String, String> problems,
    Map<String, String> vpcOfSubnet,
    Map<String, Set<IngressPermission>> admitted,
    List<OwnedIngressRule> ownedRules)
    implements Snapshot {
  public static final Network EMPTY = new Network(Map.of(), Map.of());

  public Network {
    admitted = Map.copyOf(admitted);
    ownedRules = List.copyOf(ownedRules);
  }

  public Network(Map<String, String> ids, Map<String, String> problems) {
    this(ids, problems, Map.of());
  }

  /** {@code vpcOfSubnet}: the VPC of each subnet observed, by subnet ID. */
  public Network(
      Map<String, String> ids, Map<String, String> problems, Map<String, String> vpcOfSubnet) {
    this(ids, problems, vpcOfSubnet, Map.of(), List.of());
  }

  /** Each ingress rule tagged as ecsgate's, by its rule ID (what the inventory records). */
  @Override
  public List<Tagged> tagged() {
    return ownedRules.stream().map(r -> new Tagged(r.ruleId(), r.tags())).toList();
  }

  /** The rules that are ecsgate's: tagged, and their IDs in the inventory. */
  public List<OwnedIngressRule> ownedRules(Ownership ownership) {
    return ownedRules.stream().filter(r -> r.ownedBy(ownership)).toList();
  }

  /** One {@code SecurityGroupIngress/<name>} per declaration that owns rules. */
  @Override
  public List<String> ownedResources(Ownership ownership) {
    return ownedRules(ownership).stream()
        .map(r -> SecurityGroupIngressSpec.KIND + "/" + r.resource())
        .distinct()
        .toList();
  }

  /** Each owned rule beyond the first of its declaration is a part of it. */
  @Override
  public int ownedParts(Ownership ownership) {
    return ownedRules(ownership).size() - ownedResources(ownership).size();
  }

  /** The ingress permissions of a security group, by ID (empty when it was not read). */
  public Set<IngressPermission> admittedBy(String groupId) {
    return admitted.getOrDefault(groupId, Set.of());
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

  /** Why {@code ref} did not resolve, at its mark; empty when it resolved. */
  public Optional<String> unresolved(Ref ref) {
    if (id(ref).isPresent()) return Optional.empty();
    return Optional.of(ref.at() + ": " + problem(ref).orElse("'" + ref.name() + "' not resolved"));
  }

  /** The IDs of {@code refs}, every one of which resolved. */
  public List<String> ids(List<Ref> refs) {
    return refs.stream().map(ref -> id(ref).orElseThrow()).toList();
  }

  public static boolean isId(String ref, String prefix) {
    return ref.matches(prefix + "-[0-9a-f]{8,17}");
  }
}
