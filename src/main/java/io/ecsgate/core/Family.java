package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import java.util.Optional;
import java.util.Set;

/**
 * One AWS service's reads: a new {@link Observation} for a process, which may keep across cycles
 * what never changes (task definition revisions). Each family reads its part of the snapshot for
 * all its kinds at once, batched to the service's API limits; its kinds' steps make their own calls
 * ({@link Step#run}).
 */
@FunctionalInterface
public interface Family {
  Observation observation(AwsClients clients, Ownership ownership);

  /**
   * The action kinds whose resources this family's snapshot holds, when declared ({@link #of}):
   * nothing else ecsgate writes changes what it reads, so a later pass of the same apply may reuse
   * its snapshot ({@link Observer#observe(DesiredState, ObservedState, Set)}). Undeclared (a plain
   * constructor reference): the family is read again on every pass.
   */
  default Optional<Set<String>> kinds() {
    return Optional.empty();
  }

  /**
   * The family's name ({@code elb}, {@code network}...), in logs, {@code /status} and the plan when
   * its reads fail ({@link ObservationFailure}), and what a {@link Kind} names when it needs the
   * family's snapshot ({@link Kind#needs()}).
   */
  default String name() {
    return "unnamed";
  }

  /**
   * {@code family}, named {@code name}, declaring the action kinds whose resources its snapshot
   * holds (none for a family that reads only what ecsgate never writes, such as VPC and subnet
   * names).
   */
  static Family of(String name, Family family, String... kinds) {
    Set<String> declared = Set.of(kinds);
    return new Family() {
      @Override
      public Observation observation(AwsClients clients, Ownership ownership) {
        return family.observation(clients, ownership);
      }

      @Override
      public Optional<Set<String>> kinds() {
        return Optional.of(declared);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /**
   * How one observation of a family reads: {@code freshTags} false lets it take the tags of
   * resources it read at an earlier observation of the same process from what it read then (the
   * daemon between tag audits, {@link TagAudit}), reading at once the tags of any resource it has
   * not read before; true (one-shot commands, audits, a family ecsgate wrote since) reads every
   * tag. {@code inventory}: what the state table says ecsgate owns, read before the observation; an
   * observation may read those resources by name or ID instead of listing them, when it does not
   * read every tag.
   */
  record Reading(boolean freshTags, Inventory inventory) {
    public static final Reading FRESH = new Reading(true, Inventory.UNCHECKED);

    public Reading {
      if (inventory == null) throw new IllegalArgumentException("inventory must not be null");
    }
  }

  /** Reads live AWS for one cycle. */
  interface Observation {
    /**
     * The family's snapshot: what the desired state needs, and what this controller owns that it no
     * longer declares; never dependent on the plan's options.
     */
    Object observe(DesiredState desired);

    /**
     * The same snapshot, read as {@code reading} allows; a family that reads no tags apart from its
     * resources (or with them, in the same calls) reads as {@link #observe(DesiredState)}.
     */
    default Object observe(DesiredState desired, Reading reading) {
      return observe(desired);
    }
  }
}
