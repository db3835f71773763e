package io.ecsgate.cli;

import io.ecsgate.core.DesiredState;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The desired-state files and directories, and the quotas validation checks against. */
final class SourceOptions extends LoaderOptions {
  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "YAML files or directories (every .yaml/.yml below them, in any letter case; names"
              + " starting with a dot are skipped, ConfigMap mounts work).")
  List<Path> paths;

  DesiredState load() {
    return loader().load(paths);
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
