package io.ecsgate.cli;

import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.DesiredStateLoader;
import io.ecsgate.yaml.SourceFiles;
import io.ecsgate.yaml.SpecType;
import picocli.CommandLine.Option;

/** How the desired state is read and checked: the quotas and the file size limit. */
class LoaderOptions {
  @Option(
      names = "--max-rules-per-load-balancer",
      defaultValue = "100",
      description =
          "Your account's rules-per-ALB quota (default: ${DEFAULT-VALUE}, AWS's default).")
  int rulesPerLoadBalancer = SpecType.Limits.DEFAULT.rulesPerLoadBalancer();

  @Option(
      names = "--max-file-size",
      defaultValue = "4MiB",
      converter = SourceOptions.ByteSizeConverter.class,
      paramLabel = "SIZE",
      description =
          "Largest desired-state file read, in bytes or with KiB/MiB (default: ${DEFAULT-VALUE});"
              + " a larger file is refused before it is parsed. The desired state in all may be"
              + " 64 MiB, or this size when larger.")
  long maxFileSize = SourceFiles.DEFAULT.maxFileBytes();

  DesiredStateLoader loader() {
    return Registry.loader(
        new SpecType.Limits(rulesPerLoadBalancer),
        new SourceFiles(maxFileSize, Math.max(SourceFiles.DEFAULT.maxTotalBytes(), maxFileSize)));
  }
}
