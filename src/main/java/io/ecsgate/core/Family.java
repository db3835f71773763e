package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;

/**
 * One AWS service's reads: a new {@link Observation} for a process, which may keep across cycles
 * what never changes (task definition revisions). Each family reads its part of the snapshot for
 * all its kinds at once, batched to the service's API limits; its kinds' steps make their own calls
 * ({@link Step#run}).
 */
@FunctionalInterface
public interface Family {
  Observation observation(AwsClients clients, Ownership ownership);

  /** Reads live AWS for one cycle. */
  interface Observation {
    /**
     * The family's snapshot: what the desired state needs, and what this controller owns that it no
     * longer declares; never dependent on the plan's options.
     */
    Object observe(DesiredState desired);
  }
}
