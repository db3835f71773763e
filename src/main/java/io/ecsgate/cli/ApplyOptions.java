package io.ecsgate.cli;

import io.ecsgate.core.PlanOptions;
import picocli.CommandLine.Option;

/** Options that change what a plan may do. */
final class ApplyOptions {
  @Option(
      names = "--prune",
      description = "Delete resources ecsgate created that the YAML no longer declares.")
  boolean prune;

  @Option(
      names = "--max-deletes",
      defaultValue = "20",
      description =
          "At most this many deletions of whole resources (pruned or replaced) per apply or cycle (default: ${DEFAULT-VALUE}).")
  int maxDeletes;

  @Option(
      names = "--allow-mass-delete",
      description =
          "Let one apply or cycle delete more than half of the resources ecsgate owns (refused otherwise).")
  boolean allowMassDelete;

  @Option(
      names = "--allow-replace",
      description =
          "Let changes AWS cannot make in place (an ECS service's launch type) delete and re-create the resource.")
  boolean allowReplace;

  @Option(
      names = "--keep-task-definitions",
      defaultValue = "5",
      description =
          "After registering a task definition, deregister owned revisions beyond the newest N (0: never; default: ${DEFAULT-VALUE}).")
  int keepTaskDefinitions;

  PlanOptions planOptions() {
    return new PlanOptions(prune, maxDeletes, allowReplace, keepTaskDefinitions, allowMassDelete);
  }
}
