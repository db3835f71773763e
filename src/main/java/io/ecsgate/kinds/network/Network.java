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
public record Network(Map<String, String> ids, Map<String, String> problems) {
  public static final Network EMPTY = new Network(Map.of(), Map.of());

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
