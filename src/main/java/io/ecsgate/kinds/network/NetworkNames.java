package io.ecsgate.kinds.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * How {@code export} writes a VPC, subnet or security group reference: its {@code Name} tag when
 * exactly one resource of its type carries that name (so that the loader resolves it back to the
 * same ID), else its ID. Each type is read once, paged, the first time one of its IDs is asked.
 */
public final class NetworkNames {
  private final Supplier<Map<String, String>> vpcs;
  private final Supplier<Map<String, String>> subnets;
  private final Supplier<Map<String, String>> groups;

  private NetworkNames(
      Supplier<Map<String, String>> vpcs,
      Supplier<Map<String, String>> subnets,
      Supplier<Map<String, String>> groups) {
    this.vpcs = vpcs;
    this.subnets = subnets;
    this.groups = groups;
  }

  /** Names already known (ID to name), for unit tests of the conversions. */
  public static NetworkNames of(
      Map<String, String> vpcs, Map<String, String> subnets, Map<String, String> groups) {
    return new NetworkNames(() -> vpcs, () -> subnets, () -> groups);
  }

  public NetworkNames(Ec2Client ec2) {
    this.vpcs =
        once(
            () ->
                names(
                    ec2.describeVpcsPaginator(r -> r.maxResults(1000)).vpcs().stream()
                        .map(v -> Map.entry(v.vpcId(), v.tags()))
                        .toList()));
    this.subnets =
        once(
            () ->
                names(
                    ec2.describeSubnetsPaginator(r -> r.maxResults(1000)).subnets().stream()
                        .map(s -> Map.entry(s.subnetId(), s.tags()))
                        .toList()));
    this.groups =
        once(
            () ->
                names(
                    ec2
                        .describeSecurityGroupsPaginator(r -> r.maxResults(1000))
                        .securityGroups()
                        .stream()
                        .map(g -> Map.entry(g.groupId(), g.tags()))
                        .toList()));
  }

  public String vpc(String id) {
    return vpcs.get().getOrDefault(id, id);
  }

  public String subnet(String id) {
    return subnets.get().getOrDefault(id, id);
  }

  public String securityGroup(String id) {
    return groups.get().getOrDefault(id, id);
  }

  /** ID to Name tag, for the names exactly one resource carries. */
  static Map<String, String> names(List<Map.Entry<String, List<Tag>>> resources) {
    Map<String, String> nameOf = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    for (Map.Entry<String, List<Tag>> resource : resources) {
      Optional<String> name =
          resource.getValue().stream()
              .filter(t -> t.key().equals("Name") && !t.value().isBlank())
              .map(Tag::value)
              .findFirst();
      name.ifPresent(
          n -> {
            nameOf.put(resource.getKey(), n);
            count.merge(n, 1, Integer::sum);
          });
    }
    nameOf.values().removeIf(n -> count.get(n) > 1);
    return nameOf;
  }

  private static <T> Supplier<T> once(Supplier<T> read) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) value = read.get();
        return value;
      }
    };
  }
}
