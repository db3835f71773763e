package io.ecsgate.yaml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.kinds.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the bad-input corpus is refused with its message at its line and column. */
class BadInputCorpusTest {
  @TempDir Path dir;

  static Stream<BadInputCorpus> cases() {
    return BadInputCorpus.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidInputIsReportedAtItsLineAndColumn(BadInputCorpus bad) {
    Path path = bad.layOut(dir);
    String file = dir.resolve("case").resolve(bad.file().getFileName()).toString();

    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class, () -> Registry.loader().load(List.of(path)));

    String all = error.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    assertTrue(
        error.problems().stream()
            .anyMatch(
                p ->
                    p.at().file().equals(file)
                        && p.at().line() == bad.line()
                        && p.at().column() == bad.column()
                        && p.message().contains(bad.message())),
        "expected " + bad.line() + ":" + bad.column() + ": " + bad.message() + " in:\n" + all);
  }

  @Test
  void theCorpusBaseIsItselfValid() {
    Registry.loader().load(List.of(BadInputCorpus.BASE));
  }
}
