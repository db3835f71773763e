package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Problem;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the desired state: it is loaded first, and nothing else happens when it
 * does not load (every problem printed as {@code path:line:column: message}, exit 1).
 */
abstract class LoadedCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    DesiredState desired;
    try {
      desired = source.load();
    } catch (InvalidDesiredStateException e) {
      refused(e.problems());
      return Main.ERROR;
    }
    return run(desired);
  }

  abstract int run(DesiredState desired);

  /** Reports why the desired state does not load (on stderr, one problem a line). */
  void refused(List<Problem> problems) {
    Loading.print(problems, spec.commandLine().getErr());
  }
}
