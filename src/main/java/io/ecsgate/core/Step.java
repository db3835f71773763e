package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import java.util.List;

/**
 * One or a few AWS calls, fully decided by the planner, that the {@link Applier} runs for an
 * action: the only code that writes to AWS. References to resources that may not exist yet are
 * {@link Key}s looked up in {@link Ids} at apply time.
 */
public interface Step {

  /**
   * The keys of resources this step needs; if one failed earlier in the run, the step is skipped.
   */
  default List<Key> needs() {
    return List.of();
  }

  /**
   * Makes the step's calls; returns a short description of what was done (IDs created, counts).
   * Records the IDs of what it creates in {@code ids}.
   */
  String run(AwsClients aws, Ids ids);

  /**
   * What the {@link Applier} keeps in the state table for this step right after {@link #run}
   * succeeded (fenced like every write), if anything: a kind's {@link Inventory.Memo} about one of
   * its resources, whose ID may be known only at apply time. Empty by default.
   */
  default java.util.Optional<Inventory.Memo> memo(Ids ids) {
    return java.util.Optional.empty();
  }
}
