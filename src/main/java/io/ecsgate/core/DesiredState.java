package io.ecsgate.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the YAML declares, validated and with references checked, in the order it was read.
 * Immutable; {@code revision} is a short content hash of the files it was read from. Kinds find
 * their own specs with {@link #all(Class)}. {@code files} are the files it was read from, in the
 * order read. The specs of a type, and those by name, are indexed on first use: resolving every
 * reference of a large desired state is linear, not one scan of all specs per reference.
 */
public final class DesiredState {
  private final String revision;
  private final List<Spec> specs;
  private final List<String> files;
  private final Map<Class<?>, List<? extends Spec>> byType = new ConcurrentHashMap<>();
  private final Map<Class<?>, Map<String, ? extends Spec>> byName = new ConcurrentHashMap<>();

  public DesiredState(String revision, List<Spec> specs, List<String> files) {
    this.revision = revision;
    this.specs = List.copyOf(specs);
    this.files = List.copyOf(files);
  }

  /** A desired state not read from files (tests, the demo). */
  public DesiredState(String revision, List<Spec> specs) {
    this(revision, specs, List.of());
  }

  public String revision() {
    return revision;
  }

  public List<Spec> specs() {
    return specs;
  }

  public List<String> files() {
    return files;
  }

  /** Every declared spec of one type, in the order read. */
  @SuppressWarnings("unchecked")
  public <T extends Spec> List<T> all(Class<T> type) {
    return (List<T>)
        byType.computeIfAbsent(
            type, t -> specs.stream().filter(type::isInstance).map(type::cast).toList());
  }

  /** The declared spec of that type and name (the first, were a name declared twice). */
  @SuppressWarnings("unchecked")
  public <T extends Spec> Optional<T> find(Class<T> type, String name) {
    Map<String, T> index =
        (Map<String, T>)
            byName.computeIfAbsent(
                type,
                t -> {
                  Map<String, T> names = new HashMap<>();
                  for (T spec : all(type)) names.putIfAbsent(spec.name(), spec);
                  return names;
                });
    return Optional.ofNullable(index.get(name));
  }

  public int size() {
    return specs.size();
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DesiredState that
        && Objects.equals(revision, that.revision)
        && specs.equals(that.specs)
        && files.equals(that.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revision, specs, files);
  }

  @Override
  public String toString() {
    return "DesiredState[revision="
        + revision
        + ", specs="
        + specs.size()
        + ", files="
        + files
        + "]";
  }
}
