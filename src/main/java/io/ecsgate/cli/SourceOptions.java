package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.SpecType;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The desired-state files and directories, and the quotas validation checks against. */
final class SourceOptions {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "YAML files or directories (every .yaml/.yml below them).")
  List<Path> paths;

  @Option(
      names = "--max-rules-per-load-balancer",
      defaultValue = "100",
      description =
          "Your account's rules-per-ALB quota (default: ${DEFAULT-VALUE}, AWS's default).")
  int rulesPerLoadBalancer;

  DesiredState load() {
    return Registry.loader(new SpecType.Limits(rulesPerLoadBalancer)).load(paths);
  }
}
