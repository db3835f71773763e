package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Checks the desired state offline: no AWS call. */
@Command(
    name = "validate",
    description =
        "Check the desired state (syntax, keys, types, references, AWS limits) without calling AWS.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DesiredState desired = Loading.load(source, spec);
    if (desired == null) return Main.ERROR;
    spec.commandLine()
        .getOut()
        .println("valid: " + desired.size() + " resource(s), revision " + desired.revision());
    return Main.OK;
  }
}
