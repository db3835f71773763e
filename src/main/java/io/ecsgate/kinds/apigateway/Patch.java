package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Change;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The patch operations of one API Gateway update call together with the changes the plan shows for
 * them, built field by field: only what differs is written, and no other field is touched. A value
 * AWS leaves unset shows as {@code (none)}.
 */
final class Patch {
  private static final String NONE = "(none)";
  private final List<PatchOp> operations = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();

  /** Sets {@code path} to {@code desired}; {@code field} is what the plan calls it. */
  void replace(String field, String path, Object actual, Object desired) {
    operations.add(PatchOp.replace(path, String.valueOf(desired)));
    changes.add(Change.of(field, shown(actual), desired));
  }

  /** Sets {@code path} to {@code desired} if it is something else. */
  void field(String field, String path, Object actual, Object desired) {
    if (!Objects.equals(actual, desired)) replace(field, path, actual, desired);
  }

  /** Sets a flag AWS reports as unset when it is false. */
  void flag(String field, String path, Boolean actual, boolean desired) {
    if (desired != Boolean.TRUE.equals(actual)) replace(field, path, actual, desired);
  }

  /** Sets the description, where one is declared and it differs (an unset one is ""). */
  void description(Optional<String> desired, String actual) {
    if (desired.isPresent() && !desired.get().equals(Objects.toString(actual, "")))
      replace("description", "/description", actual, desired.get());
  }

  /**
   * Makes the entries of the map at {@code /<name>} (stage variables, a method's request
   * parameters) those declared: an entry that differs is replaced, a missing one written with
   * {@code addMissing} (from its path and value), an undeclared one removed.
   */
  void entries(
      String name,
      Map<String, ?> desired,
      Map<String, ?> actual,
      BiFunction<String, String, PatchOp> addMissing) {
    desired.forEach(
        (key, value) -> {
          if (value.equals(actual.get(key))) return;
          String path = "/" + name + "/" + key;
          String text = String.valueOf(value);
          operations.add(
              actual.containsKey(key) ? PatchOp.replace(path, text) : addMissing.apply(path, text));
          changes.add(Change.of(name + "." + key, shown(actual.get(key)), value));
        });
    for (String key : new TreeSet<>(actual.keySet())) {
      if (desired.containsKey(key)) continue;
      operations.add(PatchOp.remove("/" + name + "/" + key));
      changes.add(Change.of(name + "." + key, actual.get(key), NONE));
    }
  }

  /** A change made by the same call without a patch operation here (a new deployment), first. */
  void showFirst(Change change) {
    changes.add(0, change);
  }

  boolean isEmpty() {
    return operations.isEmpty();
  }

  List<PatchOp> operations() {
    return List.copyOf(operations);
  }

  List<Change> changes() {
    return List.copyOf(changes);
  }

  private static Object shown(Object actual) {
    return actual == null ? NONE : actual;
  }
}
