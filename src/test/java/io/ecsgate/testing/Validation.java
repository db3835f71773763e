package io.ecsgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Problem;
import java.util.List;

/**
 * Table-driven validation tests: a valid base stack, one edit per row, and what the loader must say
 * about it (nothing: the edit is at or inside a limit; else the one problem it reports).
 */
public final class Validation {
  private Validation() {}

  /** {@code base} with each {@code edits} pair (from, to) replaced once; each must be found. */
  public static String edit(String base, String... edits) {
    String yaml = base;
    for (int i = 0; i < edits.length; i += 2) {
      assertTrue(yaml.contains(edits[i]), "the base has no '" + edits[i] + "'");
      yaml = yaml.replace(edits[i], edits[i + 1]);
    }
    return yaml;
  }

  /** The problems the loader reports for {@code yaml} (none when it loads). */
  public static List<Problem> problems(String yaml) {
    try {
      DesiredState loaded = Fixtures.desired(yaml);
      assertTrue(loaded.size() > 0);
      return List.of();
    } catch (InvalidDesiredStateException e) {
      return e.problems();
    }
  }

  /**
   * Asserts that {@code yaml} loads when {@code problem} is null, and else that it reports exactly
   * one problem, whose message contains {@code problem}.
   */
  public static void assertReports(String yaml, String problem) {
    List<Problem> problems = problems(yaml);
    if (problem == null) {
      assertEquals(List.of(), problems, "must load");
      return;
    }
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).message().contains(problem),
        "expected '" + problem + "' in " + problems.get(0));
  }
}
