package io.ecsgate.plan;

/** One field that differs, shown as {@code field: actual -> desired}. */
public record Change(String field, String actual, String desired) {

  public static Change of(String field, Object actual, Object desired) {
    return new Change(field, String.valueOf(actual), String.valueOf(desired));
  }

  @Override
  public String toString() {
    return field + ": " + actual + " -> " + desired;
  }
}
