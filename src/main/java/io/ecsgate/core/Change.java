package io.ecsgate.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field that differs, shown as {@code field: actual -> desired}, and the same two values typed
 * ({@code actualValue}, {@code desiredValue}: numbers, booleans, strings, lists and maps of them,
 * null for absent) for machine-readable output. Values that may be secret never enter a Change, so
 * no plan output, log line or /status shows them: container environment values and secret
 * references, a container's health-check command, API stage variables, headers, and any field whose
 * name says password, secret, token, credential or private key are kept as {@value #HIDDEN} (their
 * keys are shown; a value that changes shows as {@value #CHANGED}).
 */
public record Change(
    String field, String actual, String desired, Object actualValue, Object desiredValue) {
  public static final String HIDDEN = "(hidden)";
  public static final String CHANGED = "(hidden, changed)";

  /** What planners write for a value that is absent (a resource not there yet, a key unset). */
  public static final String NONE = "(none)";

  private static final Pattern SENSITIVE =
      Pattern.compile(
          "environment|\\.secrets\\.|^variables\\.|\\]\\.(healthcheck|command|entrypoint)$"
              + "|\\.header\\.|password|passwd|secret|token|credential|private.?key");

  /** A change known only as text: the typed values are the texts ({@link #NONE}: null). */
  public Change(String field, String actual, String desired) {
    this(field, actual, desired, typed(actual), typed(desired));
  }

  public static Change of(String field, Object actual, Object desired) {
    String actualText = String.valueOf(actual);
    String desiredText = String.valueOf(desired);
    if (!isSensitive(field))
      return new Change(field, actualText, desiredText, typed(actual), typed(desired));
    String hiddenDesired =
        desiredText.equals(NONE)
            ? NONE
            : actualText.equals(NONE) || actualText.equals(desiredText) ? HIDDEN : CHANGED;
    String hiddenActual = hide(actualText);
    return new Change(
        field, hiddenActual, hiddenDesired, typed(hiddenActual), typed(hiddenDesired));
  }

  public static boolean isSensitive(String field) {
    return SENSITIVE.matcher(field.toLowerCase(Locale.ROOT)).find();
  }

  /** Whether the values are hidden (shown as {@value #HIDDEN} or {@value #CHANGED}). */
  public boolean hidden() {
    return isSensitive(field);
  }

  private static String hide(String value) {
    return value.equals(NONE) ? NONE : HIDDEN;
  }

  /**
   * A planner's value as JSON-like data: numbers and booleans as they are, collections as lists,
   * maps with string keys, {@link Optional} unwrapped, anything else as its text; absent ({@code
   * null}, empty, {@link #NONE}) as null.
   */
  static Object typed(Object value) {
    if (value == null || NONE.equals(value)) return null;
    if (value instanceof Number || value instanceof Boolean || value instanceof String)
      return value;
    if (value instanceof Optional<?> optional) return optional.map(Change::typed).orElse(null);
    if (value instanceof Collection<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(typed(item)));
      return Collections.unmodifiableList(list);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> typed = new LinkedHashMap<>();
      map.forEach((key, item) -> typed.put(String.valueOf(key), typed(item)));
      return Collections.unmodifiableMap(typed);
    }
    return String.valueOf(value);
  }

  @Override
  public String toString() {
    return field + ": " + actual + " -> " + desired;
  }
}
