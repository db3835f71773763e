package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Fixtures.desired;
import static io.ecsgate.testing.Fixtures.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetGroupPlannerTest {

  @Test
  void anUnchangedStackPlansNothing() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT);

    assertEquals(List.of(), plan.actions());
  }

  @Test
  void healthCheckPathChangeModifiesInPlace() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/old", true);
    account.alb("alb", tg);

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT);

    assertEquals(1, plan.actions().size(), plan.actions().toString());
    Action action = plan.actions().get(0);
    assertEquals(Verb.UPDATE, action.verb());
    assertEquals(
        List.of(new Change("healthCheck.path", "/old", "/health-check")), action.changes());
    TargetGroupStep.Modify modify = assertInstanceOf(TargetGroupStep.Modify.class, action.step());
    assertEquals("/health-check", modify.changed().path());
    assertNull(modify.changed().intervalSeconds(), "fields the YAML does not set are not sent");
    assertNull(modify.changed().protocol());
  }

  @Test
  void protocolChangeRequiresReplacement() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 8080, "/health-check", true);
    account.alb("alb", tg);

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT);

    List<Verb> verbs = plan.actions().stream().map(Action::verb).toList();
    assertEquals(List.of(Verb.CREATE, Verb.UPDATE, Verb.DELETE), verbs, plan.actions().toString());
    TargetGroupStep.Create create =
        assertInstanceOf(TargetGroupStep.Create.class, plan.actions().get(0).step());
    assertTrue(
        create.awsName().startsWith("web-") && create.awsName().length() <= 32, create.awsName());
    assertEquals(
        LoadBalancerPlanner.LISTENER,
        plan.actions().get(1).kind(),
        "the listener is repointed before the old group goes");
    assertEquals(new TargetGroupStep.Delete(tg), plan.actions().get(2).step());
    assertTrue(
        plan.actions().get(0).reason().contains("port cannot change in place"),
        plan.actions().get(0).reason());
  }

  @Test
  void aGroupWithTheSameNameThatIsNotOursIsNeverTouched() {
    Fixtures.Account account = new Fixtures.Account();
    account.targetGroup("web", "web", "HTTP", 80, "/other", false);

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT.withPrune(true));

    Action blocked =
        plan.actions().stream()
            .filter(a -> a.kind().equals(TargetGroupSpec.KIND))
            .findFirst()
            .orElseThrow();
    assertEquals(Verb.BLOCKED, blocked.verb());
    assertTrue(
        blocked.reason().contains("not managed by ecsgate; set metadata.adopt: true"),
        blocked.reason());
    assertTrue(
        plan.actions().stream()
            .noneMatch(
                a ->
                    a.step() instanceof TargetGroupStep.Modify
                        || a.step() instanceof TargetGroupStep.Delete));
  }

  @Test
  void adoptTakesOverAnUnownedGroupAndThenModifiesIt() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/other", false);
    account.alb("alb", tg);

    Plan plan =
        account.plan(
            desired(stack().replace("metadata: {name: web}", "metadata: {name: web, adopt: true}")),
            PlanOptions.DEFAULT);

    assertEquals(
        List.of(Verb.ADOPT, Verb.UPDATE), plan.actions().stream().map(Action::verb).toList());
    ElbTagsStep tags = assertInstanceOf(ElbTagsStep.class, plan.actions().get(0).step());
    assertEquals("TargetGroup/web", tags.add().get("ecsgate:resource"));
  }

  @Test
  void pruneDeletesOnlyOwnedGroupsNoLongerDeclared() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);
    String gone = account.targetGroup("old", "old", "HTTP", 80, "/", true);
    account.targetGroup("theirs", "theirs", "HTTP", 80, "/", false);

    Plan withoutPrune = account.plan(desired(stack()), PlanOptions.DEFAULT);
    Plan withPrune = account.plan(desired(stack()), PlanOptions.DEFAULT.withPrune(true));

    assertEquals(List.of(), withoutPrune.actions());
    assertEquals(1, withPrune.actions().size(), withPrune.actions().toString());
    assertEquals(new TargetGroupStep.Delete(gone), withPrune.actions().get(0).step());
  }

  @Test
  void pruneDeletionsAreBoundedPerCycle() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);
    for (int i = 0; i < 5; i++) account.targetGroup("old" + i, "old" + i, "HTTP", 80, "/", true);

    Plan plan = account.plan(desired(stack()), new PlanOptions(true, 2));

    assertEquals(2, plan.actions().size());
    assertTrue(
        plan.notes().contains("3 more deletion(s) deferred to later cycles (--max-deletes)"),
        plan.notes().toString());
  }

  @Test
  void pruneRefusesADesiredStateThatSharesNothingWithWhatWeOwn() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);
    String other =
        """
        apiVersion: ecsgate/v1
        kind: TargetGroup
        metadata: {name: unrelated}
        spec: {vpc: vpc-main, protocol: HTTP, port: 80}
        """;

    Plan plan = account.plan(desired(other), PlanOptions.DEFAULT.withPrune(true));

    assertTrue(
        plan.actions().stream().noneMatch(a -> a.verb() == Verb.DELETE), plan.actions().toString());
    assertTrue(plan.isBlocked());
    assertTrue(
        plan.blocked().get(0).reason().contains("--prune would delete them all"),
        plan.blocked().get(0).reason());
  }

  @Test
  void aReplacementHalfDoneMovesReferencesToTheNewCopyAndDeletesTheOldOne() {
    Fixtures.Account account = new Fixtures.Account();
    String old = account.targetGroup("web", "web", "HTTP", 8080, "/health-check", true);
    String replacement = account.targetGroup("web", "web-1a2b3", "HTTP", 80, "/health-check", true);
    account.alb("alb", old);

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT);

    assertEquals(
        List.of(Verb.UPDATE, Verb.DELETE),
        plan.actions().stream().map(Action::verb).toList(),
        plan.actions().toString());
    assertEquals(
        List.of(new Change("defaultAction.forward", old, replacement)),
        plan.actions().get(0).changes());
    assertEquals(new TargetGroupStep.Delete(old), plan.actions().get(1).step());
    assertEquals(
        "old group web replaced; deleted after its references moved",
        plan.actions().get(1).reason());
  }

  @Test
  void aGroupWhoseVpcDoesNotResolveIsBlockedAndWhatWeOwnOfItIsKept() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 8080, "/other", true);
    account.alb("alb", tg);

    Plan plan =
        account.plan(
            desired(stack().replace("vpc: vpc-main", "vpc: vpc-missing")),
            PlanOptions.DEFAULT.withPrune(true));

    Action blocked = plan.blocked().get(0);
    assertEquals(TargetGroupSpec.KIND, blocked.kind());
    assertTrue(blocked.reason().endsWith("VPC not resolved"), blocked.reason());
    assertTrue(
        plan.actions().stream()
            .noneMatch(a -> a.kind().equals(TargetGroupSpec.KIND) && !a.isBlocked()),
        plan.actions().toString());
    assertEquals(tg, plan.knownIds().get(io.ecsgate.core.Key.of(TargetGroupSpec.KIND, "web")));
  }

  @Test
  void aMissingGroupIsCreatedShowingItsFixedFieldsAndItsHealthCheckPathWhenDeclared() {
    for (boolean path : List.of(true, false)) {
      Fixtures.Account account = new Fixtures.Account();
      String yaml = path ? stack() : stack().replace(", healthCheck: {path: /health-check}", "");

      Plan plan = account.plan(desired(yaml), PlanOptions.DEFAULT);

      List<Action> groups =
          plan.actions().stream().filter(a -> a.kind().equals(TargetGroupSpec.KIND)).toList();
      assertEquals(1, groups.size(), plan.actions().toString());
      assertEquals(Verb.CREATE, groups.get(0).verb());
      assertInstanceOf(TargetGroupStep.Create.class, groups.get(0).step());
      assertEquals(
          path
              ? List.of(
                  "targetType: (none) -> ip",
                  "protocol: (none) -> HTTP",
                  "port: (none) -> 80",
                  "healthCheck.path: (none) -> /health-check")
              : List.of(
                  "targetType: (none) -> ip", "protocol: (none) -> HTTP", "port: (none) -> 80"),
          groups.get(0).changes().stream().map(Change::toString).toList());
    }
  }
}
