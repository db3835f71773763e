package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Plan;
import io.ecsgate.state.StateTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shows what apply would do: exactly the actions apply would execute. Reads AWS, never writes. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Observe AWS and show the changes apply would make (reads only).")
final class PlanCommand extends LoadedCommand {
  @Mixin ApplyOptions options;
  @Mixin StateOptions state;

  @Option(
      names = "--json",
      description =
          "Print the plan as one JSON document (format_version 1.0, schema/plan.schema.json).")
  boolean json;

  @Option(
      names = "--detailed-exitcode",
      description =
          "Exit 2 when live AWS differs (changes, work waiting, deletions only --prune would make; 0 none, 1 error), as Terraform does.")
  boolean detailedExitCode;

  @Override
  int run(DesiredState desired) {
    ProgressLine progress = main.output.progress(spec.commandLine().getErr());
    try (AwsClients clients = connect(progress)) {
      Plan plan =
          new Reconciler(
                  clients, main.aws.ownership(), state.inventory(clients, main.aws.ownership()))
              .plan(desired, options.planOptions());
      progress.clear();
      if (json) JsonOutput.plan(plan, spec.commandLine().getOut());
      else PlanPrinter.human(plan, spec.commandLine().getOut(), main.output.ansi());
      // apply creates the state table before its first write (plan takes no lock)
      StateTable table = state.table(clients, main.aws.ownership());
      if (!json && plan.hasChanges() && !plan.isBlocked() && !table.exists()) {
        spec.commandLine().getOut().println(table.creationLine());
        spec.commandLine().getOut().flush();
      }
      PlanPrinter.observationErrors(plan, spec.commandLine().getErr());
      if (plan.isBlocked()) return Main.ERROR;
      return detailedExitCode && plan.hasDifferences() ? Main.CHANGES : Main.OK;
    }
  }
}
