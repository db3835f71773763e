package io.ecsgate.core;

/**
 * What an executor runs for an action: one or a few AWS calls, fully decided by the planner.
 * References to resources that may not exist yet are {@link Key}s looked up at apply time.
 */
public interface Step {

  /**
   * The keys of resources this step needs; if one failed earlier in the run, the step is skipped.
   */
  default java.util.List<Key> needs() {
    return java.util.List.of();
  }
}
