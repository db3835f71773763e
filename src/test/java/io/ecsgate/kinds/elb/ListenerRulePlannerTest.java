package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Fixtures.desired;
import static io.ecsgate.testing.Fixtures.rule;
import static io.ecsgate.testing.Fixtures.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerRulePlannerTest {
  private final Fixtures.Account account = new Fixtures.Account();
  private final String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
  private final String listener = account.alb("alb", tg);

  @Test
  void swappedPrioritiesAreRestoredWithOneSetRulePriorities() {
    String a = account.rule(listener, "a", 20, "/a", tg, true);
    String b = account.rule(listener, "b", 10, "/b", tg, true);

    Plan plan =
        account.plan(
            desired(stack(rule("a", "10", "/a"), rule("b", "20", "/b"))), PlanOptions.DEFAULT);

    assertEquals(1, plan.actions().size(), plan.actions().toString());
    ListenerRuleStep.SetPriorities step =
        assertInstanceOf(ListenerRuleStep.SetPriorities.class, plan.actions().get(0).step());
    assertEquals(Map.of(a, 10, b, 20), step.priorityByRuleArn());
  }

  @Test
  void aChangedPathIsOneModifyRule() {
    String a = account.rule(listener, "a", 10, "/old", tg, true);

    Plan plan = account.plan(desired(stack(rule("a", "10", "/a, /a/*"))), PlanOptions.DEFAULT);

    assertEquals(1, plan.actions().size(), plan.actions().toString());
    Action action = plan.actions().get(0);
    ListenerRuleStep.Modify modify = assertInstanceOf(ListenerRuleStep.Modify.class, action.step());
    assertEquals(a, modify.arn());
    assertEquals(List.of("/a", "/a/*"), modify.desired().pathPatterns());
    assertEquals("pathPatterns", action.changes().get(0).field());
  }

  @Test
  void aDeletedRuleIsCreatedAgainAtItsPriority() {
    Plan plan = account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT);

    ListenerRuleStep.Create create =
        assertInstanceOf(ListenerRuleStep.Create.class, plan.actions().get(0).step());
    assertEquals(10, create.priority());
    assertEquals("ListenerRule/a", create.tags().get("ecsgate:resource"));
  }

  @Test
  void aPriorityTakenBySomeoneElsesRuleIsAClearError() {
    account.rule(listener, "manual", 10, "/manual", tg, false);

    Plan plan = account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT);

    assertTrue(plan.isBlocked());
    assertTrue(
        plan.blocked()
            .get(0)
            .reason()
            .contains("priority 10 on listener alb:80 is taken by a rule ecsgate does not manage"),
        plan.blocked().get(0).reason());
    assertTrue(plan.executable().isEmpty(), "the foreign rule is left alone: " + plan.executable());
  }

  @Test
  void adoptTakesOverSomeoneElsesRuleAtTheDeclaredPriorityAndThenModifiesIt() {
    String manual = account.rule(listener, "manual", 10, "/manual", tg, false);

    Plan plan =
        account.plan(
            desired(
                stack(
                    rule("a", "10", "/a")
                        .replace("metadata: {name: a}", "metadata: {name: a, adopt: true}"))),
            PlanOptions.DEFAULT);

    assertFalse(plan.isBlocked(), plan.blocked().toString());
    assertEquals(
        List.of(Verb.ADOPT, Verb.UPDATE),
        plan.actions().stream().map(Action::verb).toList(),
        plan.actions().toString());
    ElbTagsStep tags = assertInstanceOf(ElbTagsStep.class, plan.actions().get(0).step());
    assertEquals("ListenerRule/a", tags.add().get("ecsgate:resource"));
    ListenerRuleStep.Modify modify =
        assertInstanceOf(ListenerRuleStep.Modify.class, plan.actions().get(1).step());
    assertEquals(manual, modify.arn());
  }

  @Test
  void someoneElsesRuleIsLeftAloneEvenWithPrune() {
    account.rule(listener, "manual", 30, "/manual", tg, false);
    account.rule(listener, "a", 10, "/a", tg, true);

    Plan plan =
        account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT.withPrune(true));

    assertEquals(List.of(), plan.actions());
  }

  @Test
  void anAutomaticPriorityKeepsTheCurrentOne() {
    account.rule(listener, "a", 7, "/a", tg, true);

    Plan plan = account.plan(desired(stack(rule("a", null, "/a"))), PlanOptions.DEFAULT);

    assertEquals(List.of(), plan.actions());
  }

  @Test
  void anAutomaticPriorityForANewRuleIsTheLowestFree() {
    account.rule(listener, "manual", 1, "/manual", tg, false);
    account.rule(listener, "a", 2, "/a", tg, true);

    Plan plan =
        account.plan(
            desired(stack(rule("a", null, "/a"), rule("b", null, "/b"))), PlanOptions.DEFAULT);

    ListenerRuleStep.Create create =
        assertInstanceOf(ListenerRuleStep.Create.class, plan.actions().get(0).step());
    assertEquals(3, create.priority());
  }

  @Test
  void aRuleNoLongerDeclaredIsDeletedOnlyWithPrune() {
    String old = account.rule(listener, "old", 5, "/old", tg, true);
    account.rule(listener, "a", 10, "/a", tg, true);

    assertEquals(
        List.of(),
        account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT).actions());
    Plan pruned =
        account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT.withPrune(true));
    assertEquals(
        List.of(new ListenerRuleStep.Delete(old)),
        pruned.actions().stream().map(Action::step).toList());
  }

  private static List<String> deletions(Plan plan) {
    return plan.actions().stream()
        .filter(a -> a.verb() == Verb.DELETE && a.kind().equals(ListenerRuleSpec.KIND))
        .map(a -> a.name() + " " + a.deletes() + " " + a.reason())
        .toList();
  }

  @Test
  void aSecondCopyOfAManagedRuleIsDeletedAsADuplicateWithoutPrune() {
    account.rule(listener, "a", 10, "/a", tg, true);
    String copy = account.rule(listener, "a", 11, "/a", tg, true);

    Plan plan = account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT);

    assertEquals(
        List.of("a DUPLICATE duplicate of a rule ecsgate already manages"), deletions(plan));
    assertTrue(
        plan.actions().stream().anyMatch(a -> a.step().equals(new ListenerRuleStep.Delete(copy))));
  }

  @Test
  void aRuleOfOursOnAnotherListenerIsMovedWhenDeclaredAndPrunedWhenNot() {
    String other = account.alb("other", tg);
    account.tags.put(account.loadBalancers.get(1).loadBalancerArn(), Map.of());
    account.rule(other, "a", 10, "/a", tg, true);
    account.rule(other, "gone", 20, "/gone", tg, true);
    account.rule(other, "theirs", 30, "/theirs", tg, false);

    Plan plan = account.plan(desired(stack(rule("a", "10", "/a"))), PlanOptions.DEFAULT);
    assertEquals(List.of("a DUPLICATE moved to another listener"), deletions(plan));
    assertEquals(
        List.of("gone"),
        plan.withheld().stream().map(w -> w.action().name()).toList(),
        "a rule no longer declared waits for --prune");

    Plan pruned =
        account.plan(
            desired(stack(rule("a", "10", "/a"))),
            PlanOptions.DEFAULT.withPrune(true).withAllowMassDelete(true));
    assertEquals(
        List.of("a DUPLICATE moved to another listener", "gone UNDECLARED no longer declared"),
        deletions(pruned).stream().sorted().toList(),
        "someone else's rule is never deleted");
  }
}
