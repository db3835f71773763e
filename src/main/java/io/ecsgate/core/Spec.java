package io.ecsgate.core;

import io.ecsgate.yaml.Metadata;
import java.util.List;
import java.util.Map;

/** One declared resource: what every kind's spec record is. */
public interface Spec {
  Metadata metadata();

  /** The kind's name, as written in YAML and in the {@code ecsgate:resource} tag. */
  default String kind() {
    return metadata().kind();
  }

  default String name() {
    return metadata().name();
  }

  /** The user's tags (ecsgate adds its own). */
  Map<String, String> tags();

  /**
   * The resources this declaration declares: itself, and any it holds (a service declares its task
   * definition family too).
   */
  default List<Key> declares() {
    return List.of(Key.of(kind(), name()));
  }
}
