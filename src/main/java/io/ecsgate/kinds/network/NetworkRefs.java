package io.ecsgate.kinds.network;

import io.ecsgate.core.Spec;
import io.ecsgate.yaml.Ref;
import java.util.List;

/**
 * A spec that names VPCs, subnets or security groups (by ID or name): the network family resolves
 * them all in one batch of reads per resource type, and planners find the IDs in {@link Network}.
 */
public interface NetworkRefs extends Spec {
  default List<Ref> vpcs() {
    return List.of();
  }

  default List<Ref> subnets() {
    return List.of();
  }

  default List<Ref> securityGroups() {
    return List.of();
  }
}
