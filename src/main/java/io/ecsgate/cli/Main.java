package io.ecsgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The ecsgate command line: validate, plan and apply a desired state, or run the controller. */
@Command(
    name = "ecsgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Reconciling controller for ECS Fargate services behind ALB/NLB and API Gateway.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      RunCommand.class,
      DemoCommand.class,
      SchemaCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success, no changes",
      "1:error: invalid input, a blocked change or an AWS failure",
      "2:plan --detailed-exitcode found differences"
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    return commandLine(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true));
  }

  /** The command line writing to the given streams (tests capture them). */
  public static CommandLine commandLine(java.io.PrintWriter out, java.io.PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine
              .getErr()
              .println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          commandLine.getErr().flush();
          return ERROR;
        });
    cli.setExitCodeExceptionMapper(e -> ERROR);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ecsgate " + (version == null ? "dev" : version)};
    }
  }
}
