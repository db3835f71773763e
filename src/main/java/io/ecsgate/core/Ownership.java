package io.ecsgate.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which resources are ecsgate's. A resource is this controller's {@code <Kind>/<name>} only when
 * both agree: its tags ({@code ecsgate:managed-by=<controller id>} and {@code
 * ecsgate:resource=<Kind>/<name>}) and the {@link Inventory} (an entry of that kind, name and ARN
 * or ID). A resource that lacks either is never modified or deleted; one whose tags say it is ours
 * but which the inventory does not hold is {@link #untracked} and reported.
 *
 * <p>Parts without an inventory entry of their own (a task definition's revisions, which carry the
 * tags of their family) follow their owner: {@link #taggedAs} reads only their tags, and is used
 * only where the owner's ownership was checked already.
 */
public record Ownership(String controllerId, Inventory inventory) {
  public static final String MANAGED_BY = "ecsgate:managed-by";
  public static final String RESOURCE = "ecsgate:resource";
  public static final String DEFAULT_CONTROLLER_ID = "ecsgate";

  public Ownership {
    if (controllerId == null || controllerId.isBlank())
      throw new IllegalArgumentException("controller id must not be blank");
    if (inventory == null) throw new IllegalArgumentException("inventory must not be null");
  }

  /**
   * The ownership of reads only (what an observation reads next) and of unit tests: it trusts the
   * tags ({@link Inventory#UNCHECKED}). A plan checks {@link #withInventory} of what was read.
   */
  public Ownership(String controllerId) {
    this(controllerId, Inventory.UNCHECKED);
  }

  public Ownership withInventory(Inventory inventory) {
    return new Ownership(controllerId, inventory);
  }

  /** The ownership tags plus the user's tags, for a resource being created. */
  public Map<String, String> tags(String kind, String name, Map<String, String> userTags) {
    Map<String, String> tags = new LinkedHashMap<>(userTags);
    tags.put(MANAGED_BY, controllerId);
    tags.put(RESOURCE, kind + "/" + name);
    return tags;
  }

  /** The {@code <Kind>/<name>} the tags give, if they are this controller's (tags alone). */
  public Optional<String> taggedResource(Map<String, String> actualTags) {
    return controllerId.equals(actualTags.get(MANAGED_BY)) && actualTags.containsKey(RESOURCE)
        ? Optional.of(actualTags.get(RESOURCE))
        : Optional.empty();
  }

  /**
   * True when the tags alone say {@code <kind>/<name>}: for parts that follow an owner whose
   * ownership was checked.
   */
  public boolean taggedAs(Map<String, String> actualTags, String kind, String name) {
    return taggedResource(actualTags).filter(r -> r.equals(kind + "/" + name)).isPresent();
  }

  /** The {@code <Kind>/<name>} of resource {@code id}, if its tags and the inventory agree. */
  public Optional<String> resourceOf(Map<String, String> actualTags, String id) {
    return taggedResource(actualTags).filter(r -> inventoried(r, id));
  }

  /** True when resource {@code id} is ecsgate's: its tags and the inventory agree. */
  public boolean owns(Map<String, String> actualTags, String id) {
    return resourceOf(actualTags, id).isPresent();
  }

  /** The name of the {@code kind} resource {@code id} is, if its tags and the inventory agree. */
  public Optional<String> nameOf(Map<String, String> actualTags, String kind, String id) {
    return nameIn(resourceOf(actualTags, id), kind);
  }

  /**
   * The name of the {@code kind} resource the tags alone give: for parts without an inventory entry
   * of their own (see the class comment).
   */
  public Optional<String> taggedName(Map<String, String> actualTags, String kind) {
    return nameIn(taggedResource(actualTags), kind);
  }

  private static Optional<String> nameIn(Optional<String> resource, String kind) {
    return resource.filter(r -> r.startsWith(kind + "/")).map(r -> r.substring(kind.length() + 1));
  }

  /** True when resource {@code id} is ecsgate's {@code <kind>/<name>} (tags and inventory). */
  public boolean isResource(Map<String, String> actualTags, String kind, String name, String id) {
    return resourceOf(actualTags, id).filter(r -> r.equals(kind + "/" + name)).isPresent();
  }

  /**
   * A resource whose tags say it is this controller's but which the inventory does not hold
   * (planted, or tagged by a version of ecsgate before the inventory): never changed or deleted.
   */
  public Optional<Inventory.Untracked> untracked(Map<String, String> actualTags, String id) {
    return taggedResource(actualTags)
        .filter(r -> !inventoried(r, id))
        .map(
            r -> {
              int slash = r.indexOf('/');
              return slash < 0
                  ? new Inventory.Untracked(r, "", id)
                  : new Inventory.Untracked(r.substring(0, slash), r.substring(slash + 1), id);
            });
  }

  private boolean inventoried(String resource, String id) {
    int slash = resource.indexOf('/');
    if (slash < 0) return !inventory.checked();
    return inventory.holds(resource.substring(0, slash), resource.substring(slash + 1), id);
  }

  public boolean isOwnershipTag(String key) {
    return key.startsWith("ecsgate:");
  }
}
