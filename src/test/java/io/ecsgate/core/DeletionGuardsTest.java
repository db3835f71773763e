package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.kinds.Registry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boundaries of the one guarded deletion path, one row each: {@code --prune}, the {@code
 * --max-deletes} budget left by earlier passes, and the mass-deletion guard over what is owned now
 * plus what earlier passes deleted.
 */
class DeletionGuardsTest {
  record NoStep() implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      throw new AssertionError("planning runs nothing");
    }
  }

  /** {@code deletions} undeclared rules proposed with these options after {@code pass}. */
  private static Plan plan(PlanOptions options, Pass pass, int deletions, int owned) {
    PlanBuilder out = new PlanBuilder(options, pass, Registry.order());
    for (int i = 0; i < deletions; i++)
      out.delete("ListenerRule", "r" + i, new NoStep(), Deletes.UNDECLARED, "no longer declared");
    return out.build(owned, false);
  }

  private static long deleting(Plan plan) {
    return plan.executable().stream().filter(a -> a.verb() == Verb.DELETE).count();
  }

  static Stream<Arguments> budgets() {
    return Stream.of(
        // max-deletes, spent by earlier passes, proposed now -> run now
        Arguments.of(2, 0, 2, 2),
        Arguments.of(2, 0, 3, 2),
        Arguments.of(2, 1, 2, 1),
        Arguments.of(2, 2, 1, 0),
        Arguments.of(2, 3, 1, 0),
        Arguments.of(0, 0, 1, 0));
  }

  @ParameterizedTest(name = "--max-deletes {0}, {1} spent, {2} proposed: {3} run")
  @MethodSource("budgets")
  void theBudgetLeftByEarlierPassesBoundsTheDeletions(
      int maxDeletes, int spent, int proposed, int run) {
    Plan plan =
        plan(
            new PlanOptions(true, maxDeletes).withAllowMassDelete(true),
            new Pass(2, spent, spent),
            proposed,
            100);
    assertEquals(run, deleting(plan));
    assertEquals(proposed - run, plan.withheld().size());
    assertEquals(
        proposed > run
            ? List.of(
                (proposed - run) + " more deletion(s) deferred to later cycles (--max-deletes)")
            : List.of(),
        plan.notes());
  }

  static Stream<Arguments> massDeletions() {
    return Stream.of(
        // deleted by earlier passes, proposed now, owned now -> refused, message
        Arguments.of(0, 3, 6, false, null),
        Arguments.of(0, 3, 5, true, "this apply would delete 3 of the 5 resources"),
        Arguments.of(0, 2, 2, false, null),
        Arguments.of(2, 1, 4, false, null),
        Arguments.of(2, 1, 3, true, "this apply would delete 3 of the 5 resources"));
  }

  @ParameterizedTest(name = "{0} deleted before, {1} now of {2} owned: refused {3}")
  @MethodSource("massDeletions")
  void moreThanHalfOfWhatWasOwnedAtTheStartOfTheApplyIsRefused(
      int deletedBefore, int proposed, int owned, boolean refused, String message) {
    Plan plan = plan(new PlanOptions(true, 20), new Pass(2, 0, deletedBefore), proposed, owned);
    assertEquals(refused ? 0 : proposed, deleting(plan));
    assertEquals(refused, plan.isBlocked());
    if (refused) {
      assertEquals(
          message
              + " and parts ecsgate owns (more than half); nothing is deleted."
              + " Check the desired state, or run with --allow-mass-delete",
          plan.blocked().get(0).reason());
      assertEquals(
          List.of(Withheld.Why.MASS_DELETION),
          plan.withheld().stream().map(Withheld::why).distinct().toList());
    }
  }
}
