package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import java.util.List;

/**
 * One AWS service's part of the engine: the reads its kinds need, batched across them into one
 * snapshot per cycle, and the executors that run its kinds' steps (the only code that writes).
 */
public interface Family {
  /**
   * The family's reader; it may keep what never changes (task definition revisions) across cycles.
   */
  Observation observation(AwsClients clients, Ownership ownership);

  default List<Executor> executors(AwsClients clients) {
    return List.of();
  }

  /** Reads live AWS for one cycle. */
  interface Observation {
    /**
     * The family's snapshot: what the desired state needs, and what this controller owns that it no
     * longer declares; never dependent on the plan's options.
     */
    Object observe(DesiredState desired);
  }
}
