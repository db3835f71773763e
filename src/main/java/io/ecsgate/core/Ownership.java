package io.ecsgate.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tags that mark a resource as ecsgate's: {@code ecsgate:managed-by=<controller id>} and {@code
 * ecsgate:resource=<Kind>/<name>}. A resource without both is never modified or deleted.
 */
public record Ownership(String controllerId) {
  public static final String MANAGED_BY = "ecsgate:managed-by";
  public static final String RESOURCE = "ecsgate:resource";
  public static final String DEFAULT_CONTROLLER_ID = "ecsgate";

  public Ownership {
    if (controllerId == null || controllerId.isBlank())
      throw new IllegalArgumentException("controller id must not be blank");
  }

  /** The ownership tags plus the user's tags, for a resource being created. */
  public Map<String, String> tags(String kind, String name, Map<String, String> userTags) {
    Map<String, String> tags = new LinkedHashMap<>(userTags);
    tags.put(MANAGED_BY, controllerId);
    tags.put(RESOURCE, kind + "/" + name);
    return tags;
  }

  public boolean owns(Map<String, String> actualTags) {
    return controllerId.equals(actualTags.get(MANAGED_BY)) && actualTags.containsKey(RESOURCE);
  }

  /** The {@code <Kind>/<name>} this controller's tags say a resource is, if it is ours. */
  public Optional<String> resourceOf(Map<String, String> actualTags) {
    return owns(actualTags) ? Optional.of(actualTags.get(RESOURCE)) : Optional.empty();
  }

  /**
   * The name of the {@code kind} resource this controller's tags say a resource is, if it is ours
   * and of that kind.
   */
  public Optional<String> nameOf(Map<String, String> actualTags, String kind) {
    return resourceOf(actualTags)
        .filter(r -> r.startsWith(kind + "/"))
        .map(r -> r.substring(kind.length() + 1));
  }

  /** True when this controller's tags say the resource is {@code <kind>/<name>}. */
  public boolean isResource(Map<String, String> actualTags, String kind, String name) {
    return resourceOf(actualTags).filter(r -> r.equals(kind + "/" + name)).isPresent();
  }

  public boolean isOwnershipTag(String key) {
    return key.startsWith("ecsgate:");
  }
}
