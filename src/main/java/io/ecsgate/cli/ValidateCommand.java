package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import picocli.CommandLine.Command;

/** Checks the desired state offline: no AWS call. */
@Command(
    name = "validate",
    description =
        "Check the desired state (syntax, keys, types, references, AWS limits) without calling AWS.")
final class ValidateCommand extends LoadedCommand {

  @Override
  int run(DesiredState desired) {
    spec.commandLine()
        .getOut()
        .println("valid: " + desired.size() + " resource(s), revision " + desired.revision());
    return Main.OK;
  }
}
