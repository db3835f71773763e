package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
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
    DesiredState desired = Loading.load(source, spec);
    return desired == null ? Main.ERROR : run(desired);
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
}
