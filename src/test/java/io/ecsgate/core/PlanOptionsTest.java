package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs of the guards: what a pass carries to the next (the budget spent and what was
 * deleted), the options' copies, which roles a task may pass, and how an apply's outcomes add up.
 */
class PlanOptionsTest {
  @Test
  void eachPassAddsWhatItSpentAndDeletedToWhatTheEarlierOnesDid() {
    Pass second = Pass.FIRST.next(2, 3);
    assertEquals(new Pass(2, 2, 3), second);
    assertEquals(new Pass(3, 7, 4), second.next(5, 1));
    assertEquals(true, Pass.FIRST.countsObservation());
    assertEquals(false, second.countsObservation());
  }

  @Test
  void eachCopyChangesOneOptionOnly() {
    PlanOptions base = new PlanOptions(false, 7, false, 3, false, List.of("r"));
    assertEquals(new PlanOptions(true, 7, false, 3, false, List.of("r")), base.withPrune(true));
    assertEquals(
        new PlanOptions(false, 7, true, 3, false, List.of("r")), base.withAllowReplace(true));
    assertEquals(
        new PlanOptions(false, 7, false, 3, true, List.of("r")), base.withAllowMassDelete(true));
    assertEquals(
        new PlanOptions(false, 7, false, 3, false, List.of("a", "b")),
        base.withPassRoles(List.of("a", "b")));
    assertEquals(
        new PlanOptions(false, PlanOptions.DEFAULT_MAX_DELETES, false, 5, false, List.of()),
        PlanOptions.DEFAULT);
  }

  static Stream<Arguments> roles() {
    String app = "arn:aws:iam::123456789012:role/app";
    return Stream.of(
        // allowed roles, role -> may pass
        Arguments.of(List.of(), app, true),
        Arguments.of(List.of(app), app, true),
        Arguments.of(List.of("app"), app, true),
        Arguments.of(List.of("other"), app, false),
        Arguments.of(List.of("arn:aws:iam::123456789012:role"), app, false),
        Arguments.of(List.of("role/app"), app, false));
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @MethodSource("roles")
  void aTaskPassesOnlyTheRolesAllowedByArnOrName(List<String> allowed, String role, boolean may) {
    assertEquals(may, PlanOptions.DEFAULT.withPassRoles(allowed).mayPassRole(role));
  }

  @Test
  void anApplySucceedsWhenNothingFailedOrWasSkipped() {
    Action a = Action.blocked("A", "a", "x");
    ApplyResult done = new ApplyResult(List.of(Outcome.done(a, "ok"), Outcome.done(a, "ok")));
    ApplyResult failed = new ApplyResult(List.of(Outcome.done(a, "ok"), Outcome.failed(a, "no")));
    ApplyResult skipped = new ApplyResult(List.of(Outcome.skipped(a, "held")));

    assertEquals(true, done.succeeded());
    assertEquals(false, failed.succeeded());
    assertEquals(false, skipped.succeeded());
    assertEquals(2, done.count(Outcome.Status.DONE));
    assertEquals("1 done, 1 failed, 0 skipped", failed.summary());
    assertEquals("0 done, 0 failed, 1 skipped", skipped.summary());
  }
}
