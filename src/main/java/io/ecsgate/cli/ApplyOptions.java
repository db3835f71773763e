package io.ecsgate.cli;

import io.ecsgate.plan.PlanOptions;
import picocli.CommandLine.Option;

/** Options that change what a plan may do. */
final class ApplyOptions {
  @Option(names = "--prune", description = "Delete resources ecsgate created that the YAML no longer declares.")
  boolean prune;

  @Option(names = "--max-deletes", defaultValue = "20", description = "At most this many prune deletions a cycle (default: ${DEFAULT-VALUE}).")
  int maxDeletes;

  PlanOptions planOptions() {
    return new PlanOptions(prune, maxDeletes);
  }
}
