package io.ecsgate.controller;

import io.ecsgate.plan.Change;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps values that may be secret out of logs: container environment values (their keys are shown),
 * and any field whose name says password, token or credential. Secrets proper are {@code valueFrom}
 * ARNs in the YAML, never their values.
 */
final class Redaction {
  private static final Pattern SENSITIVE = Pattern.compile("environment|password|passwd|token|credential|private.?key");

  private Redaction() {}

  static boolean isSensitive(String field) {
    return SENSITIVE.matcher(field.toLowerCase(Locale.ROOT)).find();
  }

  static String describe(Change change) {
    if (isSensitive(change.field())) return change.field() + ": (value not logged) changed";
    return change.toString();
  }
}
