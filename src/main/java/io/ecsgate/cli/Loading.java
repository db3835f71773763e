package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Problem;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the desired state for a command, printing every problem as {@code path:line:column:
 * message}.
 */
final class Loading {
  private Loading() {}

  /** The desired state, or null after printing its problems. */
  static DesiredState load(SourceOptions source, CommandSpec spec) {
    try {
      return source.load();
    } catch (InvalidDesiredStateException e) {
      print(e.problems(), spec.commandLine().getErr());
      return null;
    }
  }

  /** Every problem as {@code path:line:column: message}, and their count. */
  static void print(List<Problem> problems, PrintWriter err) {
    for (Problem problem : problems) err.println(problem);
    err.println(problems.size() + " problem(s) found; nothing was changed.");
    err.flush();
  }
}
