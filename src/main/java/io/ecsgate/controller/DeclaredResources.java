package io.ecsgate.controller;

import io.ecsgate.core.Key;
import io.ecsgate.yaml.DesiredState;
import io.ecsgate.yaml.Metadata;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every resource a desired state declares, with its metadata, whatever its kind: each list in
 * {@link DesiredState} holds specs that have {@code metadata()} and a {@code KIND} constant, so a
 * new kind shows up in /status without code here.
 */
final class DeclaredResources {
  private DeclaredResources() {}

  static Map<Key, Metadata> of(DesiredState desired) {
    Map<Key, Metadata> declared = new LinkedHashMap<>();
    for (RecordComponent component : DesiredState.class.getRecordComponents()) {
      if (component.getType() != List.class) continue;
      try {
        for (Object spec : (List<?>) component.getAccessor().invoke(desired)) {
          Object metadata = spec.getClass().getMethod("metadata").invoke(spec);
          Object kind = spec.getClass().getField("KIND").get(null);
          if (metadata instanceof Metadata m && kind instanceof String k)
            declared.put(Key.of(k, m.name()), m);
        }
      } catch (ReflectiveOperationException e) {
        // not a list of specs
      }
    }
    return declared;
  }
}
