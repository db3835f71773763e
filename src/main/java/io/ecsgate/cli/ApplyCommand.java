package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.controller.Sleeper;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Plan;
import io.ecsgate.state.Lease;
import io.ecsgate.state.StateTable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Plans and applies, printing each action as it runs and a summary. Before its first write it takes
 * the stack's lease in the state table (creating the table if needed), renews it while it works and
 * gives it up at the end; when another process holds it, it exits 1 naming the holder.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = "Observe AWS, plan, and make the changes.")
final class ApplyCommand extends LoadedCommand {
  @Mixin ApplyOptions options;
  @Mixin StateOptions state;

  @Option(
      names = "--lock-timeout",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "How long to wait for the lock when another apply or the daemon holds it (default: ${DEFAULT-VALUE}: exit 1 at once).")
  Duration lockTimeout;

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
      StateTable table = state.table(clients, main.aws.ownership());
      Lease lease =
          new Lease(table, Lease.ownerId("apply"), state.leaseDuration, Clock.systemUTC());
      Reconciler reconciler =
          new Reconciler(
              clients, main.aws.ownership(), lease, new io.ecsgate.state.InventoryTable(table));
      JsonOutput.Apply report = json ? new JsonOutput.Apply() : null;
      Convergence.Progress printing =
          json ? report : new Printing(out, progress, main.output.ansi());
      // a plan with nothing to write needs no lock: a no-op apply writes nothing at all
      Plan first = reconciler.plan(desired, options.planOptions());
      if (!first.hasChanges() || first.isBlocked()) {
        printing.planned(first, 1);
        return finish(
            new Convergence(1, 0, !first.isBlocked(), first),
            report,
            progress,
            out,
            spec.commandLine().getErr());
      }
      if (table.ensure() && !json) out.println("Created the state table " + table.name() + ".");
      Optional<Lease.Holder> holder = lease.acquire(lockTimeout, Sleeper.system());
      if (holder.isPresent()) {
        progress.clear();
        spec.commandLine()
            .getErr()
            .println(
                "error: the stack '"
                    + main.aws.ownership().controllerId()
                    + "' is locked by "
                    + holder.get().describe()
                    + " in the state table "
                    + table.name()
                    + "; nothing was changed. Run again when it is done, or wait with --lock-timeout");
        spec.commandLine().getErr().flush();
        return Main.ERROR;
      }
      Thread renewer = renewer(lease);
      try {
        // observed again under the lock: what another writer did meanwhile is seen
        Convergence result = reconciler.converge(desired, options.planOptions(), printing);
        return finish(result, report, progress, out, spec.commandLine().getErr());
      } finally {
        renewer.interrupt();
        try {
          renewer.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        lease.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.ERROR;
    }
  }

  /**
   * The result: the JSON document (with --json) or the summary line; on {@code err}, one line per
   * family the last pass could not read.
   */
  private static int finish(
      Convergence result,
      JsonOutput.Apply report,
      ProgressLine progress,
      PrintWriter out,
      PrintWriter err) {
    progress.clear();
    if (report != null) report.print(result, out);
    else out.println(summary(result));
    out.flush();
    PlanPrinter.observationErrors(result.lastPlan(), err);
    return result.succeeded() ? Main.OK : Main.ERROR;
  }

  /**
   * Renews the lease every third of its duration while apply works; a renewal refused (another
   * process took the lease over) ends it, and the fence then refuses every further write.
   */
  private static Thread renewer(Lease lease) {
    Thread thread =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(lease.duration().dividedBy(3).toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                try {
                  if (!lease.renew()) return;
                } catch (RuntimeException e) {
                  // DynamoDB unreachable: the lease holds until its own expiry; try again
                }
              }
            },
            "ecsgate-lease-renewal");
    thread.setDaemon(true);
    thread.start();
    return thread;
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
