package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows what apply would do: exactly the actions apply would execute. Reads AWS, never writes. */
@Command(
    name = "plan",
    description = "Observe AWS and show the changes apply would make (reads only).")
final class PlanCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Mixin AwsOptions aws;
  @Mixin ApplyOptions options;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when there are changes (0 none, 1 error), as Terraform does.")
  boolean detailedExitCode;

  @Override
  public Integer call() {
    DesiredState desired = Loading.load(source, spec);
    if (desired == null) return Main.ERROR;
    try (AwsClients clients = aws.clients()) {
      Plan plan = new Reconciler(clients, aws.ownership()).plan(desired, options.planOptions());
      if (json) PlanPrinter.json(plan, spec.commandLine().getOut());
      else PlanPrinter.human(plan, spec.commandLine().getOut());
      if (plan.isBlocked()) return Main.ERROR;
      return detailedExitCode && plan.hasDifferences() ? Main.CHANGES : Main.OK;
    }
  }
}
