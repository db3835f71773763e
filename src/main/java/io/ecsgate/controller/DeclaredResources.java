package io.ecsgate.controller;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.Spec;
import io.ecsgate.yaml.Metadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every resource a desired state declares, with its metadata, whatever its kind. */
final class DeclaredResources {
  private DeclaredResources() {}

  static Map<Key, Metadata> of(DesiredState desired) {
    Map<Key, Metadata> declared = new LinkedHashMap<>();
    for (Spec spec : desired.specs())
      declared.put(Key.of(spec.kind(), spec.name()), spec.metadata());
    return declared;
  }
}
