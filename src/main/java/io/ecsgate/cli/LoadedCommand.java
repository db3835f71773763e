package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Problem;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that works on the desired state: it is loaded first, and nothing else happens when it
 * does not load (every problem printed as {@code path:line:column: message}, exit 1).
 */
abstract class LoadedCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;

  /** The global options: where AWS is, and how much to say. */
  @ParentCommand Main main;

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

  /** The clients, after the account line on stderr (see {@link AwsOptions#connect}). */
  AwsClients connect(ProgressLine progress) {
    java.io.PrintWriter err = spec.commandLine().getErr();
    return main.aws.connect(
        line -> {
          err.println(line);
          err.flush();
        },
        progress);
  }

  /** Reports why the desired state does not load (on stderr, one problem a line). */
  void refused(List<Problem> problems) {
    Loading.print(problems, spec.commandLine().getErr());
  }
}
