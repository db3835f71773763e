package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.DesiredStateLoader;
import io.ecsgate.yaml.SourceFiles;
import io.ecsgate.yaml.SpecType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The desired-state files and directories, and the quotas validation checks against. */
final class SourceOptions {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "YAML files or directories (every .yaml/.yml below them, in any letter case; names"
              + " starting with a dot are skipped, ConfigMap mounts work).")
  List<Path> paths;

  @Option(
      names = "--max-rules-per-load-balancer",
      defaultValue = "100",
      description =
          "Your account's rules-per-ALB quota (default: ${DEFAULT-VALUE}, AWS's default).")
  int rulesPerLoadBalancer = SpecType.Limits.DEFAULT.rulesPerLoadBalancer();

  @Option(
      names = "--max-file-size",
      defaultValue = "4MiB",
      converter = ByteSizeConverter.class,
      paramLabel = "SIZE",
      description =
          "Largest desired-state file read, in bytes or with KiB/MiB (default: ${DEFAULT-VALUE});"
              + " a larger file is refused before it is parsed. The desired state in all may be"
              + " 64 MiB, or this size when larger.")
  long maxFileSize = SourceFiles.DEFAULT.maxFileBytes();

  DesiredState load() {
    return loader().load(paths);
  }

  DesiredStateLoader loader() {
    return Registry.loader(
        new SpecType.Limits(rulesPerLoadBalancer),
        new SourceFiles(maxFileSize, Math.max(SourceFiles.DEFAULT.maxTotalBytes(), maxFileSize)));
  }

  /** "4194304", "512KiB", "4MiB" (also "4M", "4m"). */
  static final class ByteSizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      Matcher m =
          Pattern.compile("(\\d+)\\s*(|b|k|kib|kb|m|mib|mb)")
              .matcher(value.strip().toLowerCase(Locale.ROOT));
      if (!m.matches())
        throw new TypeConversionException(
            "'" + value + "' is not a size (bytes, or a number with KiB or MiB)");
      long number = Long.parseLong(m.group(1));
      long unit = m.group(2).startsWith("k") ? 1024 : m.group(2).startsWith("m") ? 1024 * 1024 : 1;
      if (number < 1 || number > Long.MAX_VALUE / unit / 2)
        throw new TypeConversionException("'" + value + "' is out of range");
      return number * unit;
    }
  }
}
