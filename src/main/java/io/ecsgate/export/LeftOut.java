package io.ecsgate.export;

/**
 * A resource the walk reached that no desired-state document can express (a rule with a condition
 * ecsgate does not support, a Lambda integration...): listed on stderr, not written, and {@code
 * export} exits 2.
 */
public record LeftOut(String kind, String id, String reason) {
  @Override
  public String toString() {
    return kind + " " + id + ": " + reason;
  }
}
