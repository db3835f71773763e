package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Plan;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Plans and applies, printing each action as it runs and a summary. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Observe AWS, plan, and make the changes.")
final class ApplyCommand extends LoadedCommand {
  @Mixin ApplyOptions options;

  @Option(
      names = "--json",
      description =
          "Print each pass's plan, each outcome and the result as one JSON document at the end"
              + " (format_version 1.0, schema/plan.schema.json).")
  boolean json;

  @Override
  int run(DesiredState desired) {
    PrintWriter out = spec.commandLine().getOut();
    ProgressLine progress = main.output.progress(spec.commandLine().getErr());
    try (AwsClients clients = connect(progress)) {
      Reconciler reconciler = new Reconciler(clients, main.aws.ownership());
      if (json) {
        JsonOutput.Apply report = new JsonOutput.Apply();
        Convergence result = reconciler.converge(desired, options.planOptions(), report);
        progress.clear();
        report.print(result, out);
        return result.succeeded() ? Main.OK : Main.ERROR;
      }
      Convergence result =
          reconciler.converge(
              desired, options.planOptions(), new Printing(out, progress, main.output.ansi()));
      progress.clear();
      out.println(summary(result));
      out.flush();
      return result.succeeded() ? Main.OK : Main.ERROR;
    }
  }

  /** Each pass's plan as {@code plan} prints it, then each outcome as it happens. */
  private record Printing(PrintWriter out, ProgressLine progress, Ansi ansi)
      implements Convergence.Progress {
    @Override
    public void planned(Plan plan, int pass) {
      if (pass > 1 && !plan.hasChanges()) return;
      progress.clear();
      if (pass > 1) out.println("Pass " + pass + " (work that needed resources created above):");
      PlanPrinter.human(plan, out, ansi);
      if (plan.hasChanges() && !plan.isBlocked()) out.println("Applying:");
    }

    @Override
    public void outcome(Outcome outcome) {
      progress.clear();
      PlanPrinter.outcome(outcome, out, ansi);
    }
  }

  private static String summary(Convergence result) {
    Plan last = result.lastPlan();
    if (last.isBlocked() && result.changes() == 0 && result.passes() == 1)
      return "Apply refused: "
          + last.blocked().size()
          + " blocked action(s) (listed above); nothing was changed.";
    return (result.succeeded() ? "Apply complete: " : "Apply failed: ")
        + result.changes()
        + " change(s) made"
        + (last.isBlocked() ? ", " + last.blocked().size() + " blocked" : "")
        + (last.waits().isEmpty() ? "" : ", " + last.waits().size() + " waiting")
        + ".";
  }
}
