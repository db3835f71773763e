package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.Problem;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks the desired state offline: no AWS call. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check the desired state (syntax, keys, types, references, AWS limits) without calling AWS.")
final class ValidateCommand extends LoadedCommand {
  @Option(
      names = "--json",
      description =
          "Print the result as one JSON document, the problems with file, line, column and message"
              + " (format_version 1.0, schema/plan.schema.json).")
  boolean json;

  @Override
  int run(DesiredState desired) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.valid(desired, out);
      return Main.OK;
    }
    out.println("valid: " + desired.size() + " resource(s), revision " + desired.revision());
    for (String file : desired.files()) out.println("read " + file);
    return Main.OK;
  }

  @Override
  void refused(List<Problem> problems) {
    if (json) JsonOutput.invalid(problems, spec.commandLine().getOut());
    else super.refused(problems);
  }
}
