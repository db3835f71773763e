package io.ecsgate.core;

import io.ecsgate.yaml.Metadata;
import java.util.List;

/** One declared resource: what every kind's spec record is. */
public interface Spec {
  Metadata metadata();

  /** The kind's name, as written in YAML and in the {@code ecsgate:resource} tag. */
  String kind();

  default String name() {
    return metadata().name();
  }

  /**
   * The resources this declaration declares: itself, and any it holds (a service declares its task
   * definition family too).
   */
  default List<Key> declares() {
    return List.of(Key.of(kind(), name()));
  }
}
