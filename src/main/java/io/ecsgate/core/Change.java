package io.ecsgate.core;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One field that differs, shown as {@code field: actual -> desired}. Values that may be secret
 * never enter a Change, so no plan output, log line or /status shows them: container environment
 * values and secret references, a container's health-check command, API stage variables, headers,
 * and any field whose name says password, secret, token, credential or private key are kept as
 * {@value #HIDDEN} (their keys are shown; a value that changes shows as {@value #CHANGED}).
 */
public record Change(String field, String actual, String desired) {
  public static final String HIDDEN = "(hidden)";
  public static final String CHANGED = "(hidden, changed)";
  private static final String NONE = "(none)";
  private static final Pattern SENSITIVE =
      Pattern.compile(
          "environment|\\.secrets\\.|^variables\\.|\\]\\.(healthcheck|command|entrypoint)$"
              + "|\\.header\\.|password|passwd|secret|token|credential|private.?key");

  public static Change of(String field, Object actual, Object desired) {
    String actualText = String.valueOf(actual);
    String desiredText = String.valueOf(desired);
    if (!isSensitive(field)) return new Change(field, actualText, desiredText);
    String hiddenDesired =
        desiredText.equals(NONE)
            ? NONE
            : actualText.equals(NONE) || actualText.equals(desiredText) ? HIDDEN : CHANGED;
    return new Change(field, hide(actualText), hiddenDesired);
  }

  public static boolean isSensitive(String field) {
    return SENSITIVE.matcher(field.toLowerCase(Locale.ROOT)).find();
  }

  private static String hide(String value) {
    return value.equals(NONE) ? NONE : HIDDEN;
  }

  @Override
  public String toString() {
    return field + ": " + actual + " -> " + desired;
  }
}
