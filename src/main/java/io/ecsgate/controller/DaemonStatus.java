package io.ecsgate.controller;

import java.util.List;

/**
 * What /status serves: the desired state in force (its revision, and the last load error if the
 * newest files did not load), the last cycle, whether this replica is the leader (the one that
 * writes; {@code leaseHolder} names the one that is when it is not), every resource, and the
 * resources tagged as ecsgate's but not in the inventory ({@code untracked}, left alone).
 */
public record DaemonStatus(
    String revision,
    String desiredStateLoadedAt,
    LoadError lastLoadError,
    Cycle lastCycle,
    boolean dryRun,
    boolean leader,
    String leaseHolder,
    List<ResourceStatus> resources,
    List<io.ecsgate.core.Inventory.Untracked> untracked) {

  /** A desired state that failed to load; the previous one stays in force. */
  public record LoadError(String at, List<String> problems) {}

  /** {@code result} is success, failure or stopped; {@code observed} whether AWS could be read. */
  public record Cycle(
      String startedAt,
      double durationSeconds,
      String result,
      boolean observed,
      int drifted,
      int changed,
      int failed,
      int waiting,
      String error) {}
}
