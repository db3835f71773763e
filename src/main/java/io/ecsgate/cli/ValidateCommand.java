package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** Checks the desired state offline: no AWS call. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check the desired state (syntax, keys, types, references, AWS limits) without calling AWS.")
final class ValidateCommand extends LoadedCommand {

  @Override
  int run(DesiredState desired) {
    PrintWriter out = spec.commandLine().getOut();
    out.println("valid: " + desired.size() + " resource(s), revision " + desired.revision());
    for (String file : desired.files()) out.println("read " + file);
    return Main.OK;
  }
}
