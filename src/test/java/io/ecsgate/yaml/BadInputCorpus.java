package io.ecsgate.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files of src/test/resources/bad-input and what each must report (see its README). */
public record BadInputCorpus(Path file, int line, int column, String message, boolean alone) {
  public static final Path DIR = Path.of("src/test/resources/bad-input");
  public static final Path BASE = Path.of("src/test/resources/corpus-base/base.yaml");
  private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.+)");

  public static Stream<BadInputCorpus> cases() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(BadInputCorpus::read)
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BadInputCorpus read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      Matcher expect = EXPECT.matcher(lines.get(0));
      if (!expect.matches())
        throw new IllegalStateException(
            file + ": first line must be '# expect: LINE:COLUMN: message'");
      boolean alone = lines.size() > 1 && lines.get(1).equals("# load: alone");
      return new BadInputCorpus(
          file,
          Integer.parseInt(expect.group(1)),
          Integer.parseInt(expect.group(2)),
          expect.group(3),
          alone);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lays the case out in {@code dir} as ecsgate would read it: the base stack first, then the case.
   */
  public Path layOut(Path dir) {
    try {
      Path caseDir = Files.createDirectories(dir.resolve("case"));
      Path copy = caseDir.resolve(file.getFileName());
      Files.copy(file, copy);
      if (alone) return copy;
      Files.createDirectories(dir.resolve("a-base"));
      Files.copy(BASE, dir.resolve("a-base/base.yaml"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
