package io.ecsgate.testing;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a loaded desired state means, without where it was written: each spec as nested maps of its
 * record components, marks and {@code metadata.adopt} left out, so that two sets of files can be
 * compared by meaning (an export against the files it came from).
 */
public final class Models {
  private Models() {}

  /** Kind/name to the spec's meaning, for the specs of the given kinds. */
  public static Map<String, Object> of(DesiredState desired, Set<String> kinds) {
    Map<String, Object> out = new TreeMap<>();
    for (Spec spec : desired.specs()) {
      if (kinds.contains(spec.metadata().kind()))
        out.put(spec.metadata().kind() + "/" + spec.metadata().name(), meaning(spec));
    }
    return out;
  }

  static Object meaning(Object value) {
    if (value instanceof Mark) return null;
    if (value instanceof Metadata metadata)
      return Map.of(
          "kind", metadata.kind(), "name", metadata.name(), "suspend", metadata.suspend());
    if (value instanceof Optional<?> optional) return optional.map(Models::meaning).orElse(null);
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(meaning(v)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(k, meaning(v)));
      return out;
    }
    if (value instanceof Record record) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("@type", record.getClass().getSimpleName());
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        if (component.getType() == Mark.class) continue;
        try {
          component.getAccessor().setAccessible(true);
          out.put(component.getName(), meaning(component.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    return value;
  }
}
