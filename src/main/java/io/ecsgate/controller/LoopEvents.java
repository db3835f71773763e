package io.ecsgate.controller;

import io.ecsgate.core.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the loop tells the outside (metrics): loads, drift, outcomes, cycles. Every method may be a
 * no-op.
 */
public interface LoopEvents {
  default void desiredStateLoaded(String revision) {}

  default void desiredStateRejected(List<String> problems) {}

  /**
   * Resources that differ from the desired state at this observation, by kind (every kind seen so
   * far, 0 included).
   */
  default void drift(Map<String, Integer> resourcesByKind) {}

  /**
   * Declared resources whose change is blocked, and those suspended, at this observation, by kind
   * (every kind seen so far, 0 included).
   */
  default void held(Map<String, Integer> blockedByKind, Map<String, Integer> suspendedByKind) {}

  /**
   * Resources tagged as ecsgate's but not in the inventory at this observation, by kind: never
   * changed or deleted.
   */
  default void untracked(Map<String, Integer> resourcesByKind) {}

  default void outcome(Outcome outcome) {}

  /**
   * A family's reads failed in this cycle (once per cycle): {@code kinds} are the action kinds its
   * snapshot holds, or the family's name when it holds none (the network names).
   */
  default void observeFailed(String family, Set<String> kinds) {}

  /**
   * NLB target counts at this observation: target group → source ({@code registered}, {@code alb})
   * → count.
   */
  default void nlbTargets(Map<String, Map<String, Integer>> countsByGroup) {}

  /** One target registered or deregistered ({@code change}) in a target group by ecsgate. */
  default void nlbTargetChange(String targetGroup, String change) {}

  /**
   * A cycle ended with {@code result}: success, failure, blocked (nothing failed, but a change is
   * blocked; the rest was reconciled), stopped, or invalid_desired_state (the newest files do not
   * load; the cycle ran under the last good state, or did nothing without one). {@code reconciled}
   * is true when the cycle itself succeeded (or was only blocked), for the last-success gauge.
   */
  default void cycle(String result, Duration duration, Instant finishedAt, boolean reconciled) {}

  LoopEvents NONE = new LoopEvents() {};
}
