package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * The command lines the deployment assets give the controller are ones its CLI accepts (parsed,
 * never run).
 */
final class CliContract {
  private CliContract() {}

  static void assertParses(List<String> args) {
    CommandLine cli =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertTrue(
        cli.getSubcommands().containsKey(args.get(0)),
        () -> "the CLI has no '" + args.get(0) + "' command");
    assertDoesNotThrow(
        () -> cli.parseArgs(args.toArray(String[]::new)), () -> "the CLI rejects " + args);
  }
}
