package io.ecsgate.core;

/**
 * Work the plan cannot do yet: {@code subject} waits for {@code on} (to exist, to be AVAILABLE, to
 * finish draining). A difference, never "no changes". Another pass of the same apply runs only when
 * {@code on} was changed by this apply: otherwise the next cycle looks again.
 */
public record Wait(Key subject, Key on, String why) {
  @Override
  public String toString() {
    return subject + " waits for " + on + ": " + why;
  }
}
