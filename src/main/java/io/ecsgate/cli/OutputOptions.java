package io.ecsgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** How much a command says, and in which colours: global options, before or after its name. */
final class OutputOptions {
  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "No progress line on stderr (errors and the account line still go there).")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description =
          "On an error, the SDK's full detail too; ecsgate's and the AWS SDK's logs at DEBUG.")
  boolean verbose;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colours (also when NO_COLOR is set, or the output is not a terminal).")
  boolean noColor;

  /**
   * picocli's terminal heuristics: colours only on an interactive terminal, never with NO_COLOR (or
   * CLICOLOR=0) in the environment or --no-color.
   */
  Ansi ansi() {
    return noColor ? Ansi.OFF : Ansi.AUTO;
  }

  /** A progress line on stderr while AWS is called: only on a terminal, and never with --quiet. */
  ProgressLine progress(PrintWriter err) {
    return new ProgressLine(err, !quiet && System.console() != null);
  }

  /** --verbose: ecsgate's and the SDK's loggers at DEBUG (the HTTP client's wire log stays off). */
  void applyLogLevels() {
    if (!verbose || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
    context.getLogger("io.ecsgate").setLevel(Level.DEBUG);
    context.getLogger("software.amazon").setLevel(Level.DEBUG);
  }
}
