package io.ecsgate.cli;

import io.ecsgate.aws.AwsErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.exception.SdkException;

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
      ExportCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
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

  /** Where AWS is: global, before or after a command's name. */
  @Mixin AwsOptions aws;

  /** --quiet, --verbose, --no-color: global too. */
  @Mixin OutputOptions output;

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
    Main main = new Main();
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionStrategy(
        parseResult -> {
          main.output.applyLogLevels();
          return new CommandLine.RunLast().execute(parseResult);
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter printer = commandLine.getErr();
          printer.println("error: " + message(e));
          if (main.output.verbose) e.printStackTrace(printer);
          printer.flush();
          return ERROR;
        });
    cli.setExitCodeExceptionMapper(e -> ERROR);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One line: {@link CommandFailure}'s own, an AWS failure's {@link AwsErrors#describe}. */
  private static String message(Exception e) {
    if (e instanceof CommandFailure) return e.getMessage();
    if (e instanceof SdkException) return AwsErrors.describe(e);
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * {@code ecsgate 0.1.0 (commit 1a2b3c4)}, from the jar's manifest (written by the build: the
   * project's version and the git commit it was built from, {@code -dirty} with uncommitted
   * changes); {@code dev} when run from classes, not from the jar.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Attributes manifest = manifest();
      String version = manifest == null ? null : manifest.getValue("Implementation-Version");
      if (version == null) return new String[] {"ecsgate dev (not built as a jar)"};
      String commit = manifest.getValue("Ecsgate-Commit");
      boolean known = commit != null && !commit.isBlank() && !commit.startsWith("${");
      return new String[] {
        "ecsgate "
            + version
            + " (commit "
            + (known ? commit : "unknown")
            + ("true".equals(manifest.getValue("Ecsgate-Dirty")) ? "-dirty" : "")
            + ")",
        "Java " + Runtime.version() + ", " + System.getProperty("os.name")
      };
    }

    /**
     * The version and the commit of this build ({@code 1a2b3c4}, {@code -dirty} appended with
     * uncommitted changes), {@code dev} and {@code unknown} when run from classes.
     */
    static String[] build() {
      Attributes manifest = manifest();
      String version = manifest == null ? null : manifest.getValue("Implementation-Version");
      if (version == null) return new String[] {"dev", "unknown"};
      String commit = manifest.getValue("Ecsgate-Commit");
      boolean known = commit != null && !commit.isBlank() && !commit.startsWith("${");
      return new String[] {
        version,
        (known ? commit : "unknown")
            + ("true".equals(manifest.getValue("Ecsgate-Dirty")) ? "-dirty" : "")
      };
    }

    /** The main attributes of the jar this class was loaded from, or null. */
    private static Attributes manifest() {
      try {
        Path location =
            Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!location.toString().endsWith(".jar")) return null;
        try (JarFile jar = new JarFile(location.toFile())) {
          return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
        }
      } catch (IOException | URISyntaxException | SecurityException e) {
        return null;
      }
    }
  }
}
