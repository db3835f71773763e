package io.ecsgate.kinds.network;

import io.ecsgate.core.Ownership;
import java.util.Map;

/**
 * An ingress rule that carries this controller's tags (tags alone: it is ecsgate's only when the
 * inventory holds its ID too, {@link #ownedBy}): its ID, its group, the name of the {@code
 * SecurityGroupIngress} its {@code ecsgate:resource} tag names, what it admits, and its tags.
 */
public record OwnedIngressRule(
    String ruleId,
    String groupId,
    String resource,
    IngressPermission permission,
    Map<String, String> tags) {
  public OwnedIngressRule {
    tags = Map.copyOf(tags);
  }

  /** A rule tagged by the default controller id as {@code SecurityGroupIngress/<resource>}. */
  public OwnedIngressRule(
      String ruleId, String groupId, String resource, IngressPermission permission) {
    this(
        ruleId,
        groupId,
        resource,
        permission,
        new Ownership(Ownership.DEFAULT_CONTROLLER_ID)
            .tags(SecurityGroupIngressSpec.KIND, resource, Map.of()));
  }

  /** True when it is ecsgate's: its tags and the inventory agree. */
  public boolean ownedBy(Ownership ownership) {
    return ownership.isResource(tags, SecurityGroupIngressSpec.KIND, resource, ruleId);
  }
}
