package io.ecsgate.core;

import java.util.List;
import java.util.Optional;

/**
 * Everything the YAML declares, validated and with references checked, in the order it was read.
 * Immutable; {@code revision} is a short content hash of the files it was read from. Kinds find
 * their own specs with {@link #all(Class)}. {@code files} are the files it was read from, in the
 * order read.
 */
public record DesiredState(String revision, List<Spec> specs, List<String> files) {

  public DesiredState {
    specs = List.copyOf(specs);
    files = List.copyOf(files);
  }

  /** A desired state not read from files (tests, the demo). */
  public DesiredState(String revision, List<Spec> specs) {
    this(revision, specs, List.of());
  }

  /** Every declared spec of one type, in the order read. */
  public <T extends Spec> List<T> all(Class<T> type) {
    return specs.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The declared spec of that type and name. */
  public <T extends Spec> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(spec -> spec.name().equals(name)).findFirst();
  }

  public int size() {
    return specs.size();
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }
}
