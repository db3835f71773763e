package io.ecsgate.kinds.network;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Resolves the VPC, subnet and security-group references of every spec that has some ({@link
 * NetworkRefs}): names in one call per resource type, and IDs checked to exist in one more call per
 * resource type that the YAML names by ID. A reference that resolves to nothing is a problem the
 * planners turn into a blocked action. The security groups' ingress permissions come with the
 * groups these calls return; the ingress rules ecsgate tagged take one more call ({@link
 * #ownedRules}).
 */
public final class NetworkObservation implements Family.Observation {
  /** The family's name ({@link Family#name()}): what kinds that resolve network names need. */
  public static final String FAMILY = "network";

  /** DescribeSecurityGroupRules' page limit. */
  public static final int RULES_PAGE = 1000;

  private final AwsClients clients;
  private final Ownership ownership;

  public NetworkObservation(AwsClients clients, Ownership ownership) {
    this.clients = clients;
    this.ownership = ownership;
  }

  @Override
  public Network observe(DesiredState desired) {
    Set<String> vpcs = new LinkedHashSet<>();
    Set<String> subnets = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (NetworkRefs refs : desired.all(NetworkRefs.class)) {
      refs.vpcs().stream().map(Ref::name).forEach(vpcs::add);
      refs.subnets().stream().map(Ref::name).forEach(subnets::add);
      refs.securityGroups().stream().map(Ref::name).forEach(groups::add);
    }
    Map<String, String> ids = new HashMap<>();
    Map<String, String> problems = new HashMap<>();
    Map<String, String> vpcOfSubnet = new HashMap<>();
    Map<String, Set<IngressPermission>> admitted = new HashMap<>();
    Function<SecurityGroup, String> groupId =
        group -> {
          admitted.put(group.groupId(), permissions(group.ipPermissions()));
          return group.groupId();
        };
    Function<Subnet, String> subnetId =
        subnet -> {
          vpcOfSubnet.put(subnet.subnetId(), subnet.vpcId());
          return subnet.subnetId();
        };
    Ec2Client ec2 = clients.ec2();
    resolve(
        vpcs,
        "vpc",
        ids,
        problems,
        found ->
            existing(
                ec2.describeVpcsPaginator(r -> r.filters(idFilter("vpc-id", found))).vpcs(),
                Vpc::vpcId),
        names ->
            named(
                ec2.describeVpcsPaginator(r -> r.filters(nameFilter(names))).vpcs(),
                v -> nameTag(v.tags()),
                Vpc::vpcId));
    resolve(
        subnets,
        "subnet",
        ids,
        problems,
        found ->
            existing(
                ec2.describeSubnetsPaginator(r -> r.filters(idFilter("subnet-id", found)))
                    .subnets(),
                subnetId),
        names ->
            named(
                ec2.describeSubnetsPaginator(r -> r.filters(nameFilter(names))).subnets(),
                s -> nameTag(s.tags()),
                subnetId));
    resolve(
        groups,
        "sg",
        ids,
        problems,
        found ->
            existing(
                ec2.describeSecurityGroupsPaginator(r -> r.filters(idFilter("group-id", found)))
                    .securityGroups(),
                groupId),
        names -> securityGroups(ec2, names, groupId));
    return new Network(
        Map.copyOf(ids), Map.copyOf(problems), Map.copyOf(vpcOfSubnet), admitted, ownedRules(ec2));
  }

  /**
   * Every ingress rule this controller tagged, in any group: one DescribeSecurityGroupRules (1,000
   * a page) filtered on the {@code ecsgate:managed-by} tag, on every cycle, so that the rules of a
   * declaration that is gone show as withheld deletions.
   */
  private List<OwnedIngressRule> ownedRules(Ec2Client ec2) {
    List<OwnedIngressRule> owned = new ArrayList<>();
    ec2.describeSecurityGroupRulesPaginator(
            r ->
                r.filters(
                        Filter.builder()
                            .name("tag:" + Ownership.MANAGED_BY)
                            .values(ownership.controllerId())
                            .build())
                    .maxResults(RULES_PAGE))
        .securityGroupRules()
        .forEach(
            rule -> {
              if (Boolean.TRUE.equals(rule.isEgress())) return;
              Map<String, String> tags = new HashMap<>();
              rule.tags().forEach(t -> tags.put(t.key(), t.value()));
              ownership
                  .taggedName(tags, SecurityGroupIngressSpec.KIND)
                  .ifPresent(
                      name ->
                          owned.add(
                              new OwnedIngressRule(
                                  rule.securityGroupRuleId(),
                                  rule.groupId(),
                                  name,
                                  new IngressPermission(
                                      rule.ipProtocol(),
                                      port(rule.fromPort()),
                                      port(rule.toPort()),
                                      rule.cidrIpv4()),
                                  tags)));
            });
    return owned;
  }

  /** A group's IPv4 ingress permissions, one per CIDR. */
  private static Set<IngressPermission> permissions(List<IpPermission> permissions) {
    Set<IngressPermission> admitted = new java.util.HashSet<>();
    for (IpPermission permission : permissions) {
      for (IpRange range : permission.ipRanges())
        admitted.add(
            new IngressPermission(
                permission.ipProtocol(),
                port(permission.fromPort()),
                port(permission.toPort()),
                range.cidrIp()));
    }
    return Set.copyOf(admitted);
  }

  private static int port(Integer port) {
    return port == null ? -1 : port;
  }

  private record NamedId(String name, String id) {}

  private static <T> Set<String> existing(Iterable<T> found, Function<T, String> id) {
    Set<String> ids = new java.util.HashSet<>();
    for (T item : found) ids.add(id.apply(item));
    return ids;
  }

  private static Filter idFilter(String name, Set<String> ids) {
    return Filter.builder().name(name).values(ids).build();
  }

  private static <T> List<NamedId> named(
      Iterable<T> found, Function<T, String> name, Function<T, String> id) {
    List<NamedId> named = new ArrayList<>();
    for (T item : found) named.add(new NamedId(name.apply(item), id.apply(item)));
    return named;
  }

  /**
   * Security groups by Name tag, then (a group's own name is what most people call it) by group
   * name for those the tag did not match.
   */
  private static List<NamedId> securityGroups(
      Ec2Client ec2, Set<String> names, Function<SecurityGroup, String> groupId) {
    List<NamedId> found =
        named(
            ec2.describeSecurityGroupsPaginator(r -> r.filters(nameFilter(names))).securityGroups(),
            g -> nameTag(g.tags()),
            groupId);
    Set<String> missing = new LinkedHashSet<>(names);
    found.forEach(f -> missing.remove(f.name()));
    if (missing.isEmpty()) return found;
    found.addAll(
        named(
            ec2.describeSecurityGroupsPaginator(
                    r -> r.filters(Filter.builder().name("group-name").values(missing).build()))
                .securityGroups(),
            SecurityGroup::groupName,
            groupId));
    return found;
  }

  private static void resolve(
      Set<String> refs,
      String prefix,
      Map<String, String> ids,
      Map<String, String> problems,
      Function<Set<String>, Set<String>> existing,
      Function<Set<String>, List<NamedId>> lookup) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> idRefs = new LinkedHashSet<>();
    for (String ref : refs) (Network.isId(ref, prefix) ? idRefs : names).add(ref);
    if (!idRefs.isEmpty()) {
      // an ID is taken at its word only once AWS knows it: a typo must block, not fail mid-apply
      Set<String> found = existing.apply(idRefs);
      for (String id : idRefs) {
        if (found.contains(id)) ids.put(id, id);
        else problems.put(id, "no " + label(prefix) + " has the ID '" + id + "'");
      }
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
