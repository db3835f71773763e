package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.kinds.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one guarded deletion path: prune, budget, order and the mass-deletion guard. */
class PlanBuilderTest {
  private static final PlanOptions PRUNE = new PlanOptions(true, 20);

  /** The kinds in creation order, as the registry lists them. */
  private static final List<String> ORDER = Registry.order();

  private static PlanBuilder builder(PlanOptions options) {
    return builder(options, Pass.FIRST);
  }

  private static PlanBuilder builder(PlanOptions options, Pass pass) {
    return new PlanBuilder(options, pass, ORDER);
  }

  /** A step that needs {@code needs}; never run here. */
  record TestStep(List<Key> needs) implements Step {
    @Override
    public String run(io.ecsgate.aws.AwsClients aws, Ids ids) {
      throw new AssertionError("planning runs nothing");
    }
  }

  private static final Step STEP = new TestStep(List.of());

  private static Step needing(Key... keys) {
    return new TestStep(List.of(keys));
  }

  private static List<String> deleted(Plan plan) {
    return plan.executable().stream()
        .filter(a -> a.verb() == Verb.DELETE)
        .map(a -> a.key().toString())
        .toList();
  }

  @Test
  void anUndeclaredResourceIsWithheldWithoutPruneAndStillADifference() {
    PlanBuilder out = builder(PlanOptions.DEFAULT);
    out.delete("ListenerRule", "demo3", STEP, Deletes.UNDECLARED, "no longer declared");

    Plan plan = out.build(10, false);

    assertFalse(plan.hasChanges());
    assertTrue(plan.hasDifferences(), "plan --detailed-exitcode must exit 2 for it");
    assertEquals(Withheld.Why.NEEDS_PRUNE, plan.withheld().get(0).why());
  }

  @Test
  void theBudgetGoesToDependentsFirstAServiceBeforeItsTargetGroup() {
    PlanBuilder out = builder(new PlanOptions(true, 1));
    out.delete("TargetGroup", "tg", STEP, Deletes.UNDECLARED, "no longer declared");
    out.delete("Service", "svc", STEP, Deletes.UNDECLARED, "no longer declared");

    Plan plan = out.build(10, false);

    assertEquals(List.of("Service/svc"), deleted(plan));
    assertEquals(Withheld.Why.OVER_BUDGET, plan.withheld().get(0).why());
    assertEquals("TargetGroup/tg", plan.withheld().get(0).action().key().toString());
  }

  @Test
  void deletionsRunInReverseDependencyOrderAfterEverythingElse() {
    PlanBuilder out = builder(PRUNE);
    out.delete("VpcLink", "link", STEP, Deletes.UNDECLARED, "");
    out.delete("TargetGroup", "tg", STEP, Deletes.UNDECLARED, "");
    out.delete("RestApi", "api", STEP, Deletes.UNDECLARED, "");
    out.delete("ListenerRule", "rule", STEP, Deletes.UNDECLARED, "");
    out.add(Action.create("Stage", "prod", STEP, List.of()));

    Plan plan = out.build(100, false);

    assertEquals(
        List.of("Stage/prod", "RestApi/api", "VpcLink/link", "ListenerRule/rule", "TargetGroup/tg"),
        plan.actions().stream().map(a -> a.key().toString()).toList());
  }

  @Test
  void earlierPassesOfTheSameApplySpendTheBudget() {
    PlanBuilder out = builder(new PlanOptions(true, 1), new Pass(2, 1, 1));
    out.delete("ListenerRule", "demo3", STEP, Deletes.UNDECLARED, "");

    Plan plan = out.build(10, false);

    assertEquals(List.of(), deleted(plan));
    assertEquals(Withheld.Why.OVER_BUDGET, plan.withheld().get(0).why());
  }

  @Test
  void theOldHalfOfAReplacementAndADuplicateCountAgainstTheBudgetWithoutNeedingPrune() {
    PlanBuilder out = builder(new PlanOptions(false, 1));
    out.delete("TargetGroup", "tg", STEP, Deletes.REPLACED, "old group replaced");
    out.delete("ListenerRule", "rule", STEP, Deletes.DUPLICATE, "duplicate");

    Plan plan = out.build(10, false);

    assertEquals(List.of("ListenerRule/rule"), deleted(plan));
    assertEquals(Withheld.Why.OVER_BUDGET, plan.withheld().get(0).why());
  }

  @Test
  void removingAPartNeedsNeitherPruneNorBudgetAndStaysAnUpdate() {
    PlanBuilder out = builder(new PlanOptions(false, 0));
    out.removePart("RestApi", "api /old", STEP, List.of(Change.of("resource /old", "x", "y")));
    out.delete("ScalingPolicy", "svc", STEP, Deletes.PART, "autoScaling removed");

    Plan plan = out.build(10, false);

    assertEquals(2, plan.executable().size());
    assertEquals(Verb.UPDATE, plan.executable().get(0).verb());
    assertEquals(List.of(), plan.withheld());
  }

  @Test
  void deletingMoreThanHalfOfWhatIsOwnedIsRefusedUnlessAllowed() {
    for (boolean allowed : List.of(false, true)) {
      PlanBuilder out = builder(PRUNE.withAllowMassDelete(allowed));
      for (String name : List.of("a", "b", "c", "d"))
        out.delete("ListenerRule", name, STEP, Deletes.UNDECLARED, "");
      out.removePart("RestApi", "api /old", STEP, List.of());

      Plan plan = out.build(9, false);

      if (allowed) {
        assertFalse(plan.isBlocked());
        assertEquals(5, plan.executable().size());
      } else {
        assertTrue(plan.isBlocked());
        assertEquals(List.of(), plan.executable());
        assertTrue(
            plan.blocked().get(0).reason().contains("would delete 5 of the 9"),
            plan.blocked().get(0).reason());
        assertEquals(5, plan.withheld().size());
      }
    }
  }

  @Test
  void theMassDeletionGuardCountsWhatEarlierPassesDeleted() {
    PlanBuilder out = builder(PRUNE, new Pass(2, 2, 2));
    out.delete("ListenerRule", "c", STEP, Deletes.UNDECLARED, "");

    assertTrue(out.build(3, false).isBlocked(), "3 of 5 owned at the start of the apply");
  }

  @Test
  void twoDeletionsAreNeverAMassDeletion() {
    assertFalse(PlanBuilder.isMassDeletion(2, 2));
    assertTrue(PlanBuilder.isMassDeletion(3, 5));
    assertFalse(PlanBuilder.isMassDeletion(3, 6));
  }

  @Test
  void aDesiredStateThatSharesNothingWithWhatIsOwnedPrunesNothing() {
    PlanBuilder out = builder(PRUNE.withAllowMassDelete(true));
    out.delete("ListenerRule", "a", STEP, Deletes.UNDECLARED, "");

    Plan plan = out.build(1, true);

    assertTrue(plan.isBlocked());
    assertEquals(List.of(), deleted(plan));
    assertEquals(Withheld.Why.PRUNES_EVERYTHING, plan.withheld().get(0).why());
  }

  @Test
  void aDeletionCannotBypassTheGuardsThroughAdd() {
    PlanBuilder out = builder(PRUNE);
    Action delete = Action.delete("TargetGroup", "tg", STEP, Deletes.UNDECLARED, List.of(), "");
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> out.add(delete));
  }

  @Test
  void whatDependsOnABlockedActionIsHeldAndTheRestRuns() {
    Key group = Key.of("TargetGroup", "tg");
    PlanBuilder out = builder(PRUNE);
    out.add(Action.blocked("TargetGroup", "tg", "VPC not resolved"));
    out.add(Action.create("ListenerRule", "uses-tg", needing(group), List.of()));
    out.add(
        Action.create(
            "Service", "uses-rule", needing(Key.of("ListenerRule", "uses-tg")), List.of()));
    out.add(Action.update("Cluster", "independent", STEP, List.of()));
    out.delete("LoadBalancer", "old", STEP, Deletes.UNDECLARED, "");

    Plan runnable = out.build(100, false).withoutDependentsOfBlocked();

    assertEquals(
        List.of("Cluster/independent"),
        runnable.executable().stream().map(a -> a.key().toString()).toList());
  }

  @Test
  void thePartsOfADeletedResourceGoWithItAndWaitWithItOutsideTheBudget() {
    for (int maxDeletes : new int[] {1, 0}) {
      PlanBuilder out = builder(new PlanOptions(true, maxDeletes));
      Key service = Key.of("Service", "web");
      out.delete("Service", "web", STEP, Deletes.UNDECLARED, "no longer declared");
      out.deleteWith(service, "ScalingPolicy", "web", STEP, "with its service");
      out.deleteWith(service, "TaskDefinition", "web:1", STEP, "with its service");
      out.deleteWith(Key.of("Service", "kept"), "TaskDefinition", "kept:1", STEP, "never");

      Plan plan = out.build(20, false);

      if (maxDeletes == 1)
        assertEquals(
            List.of("ScalingPolicy/web", "Service/web", "TaskDefinition/web:1"),
            deleted(plan),
            "one deletion of budget covers the service and its parts");
      else {
        assertEquals(List.of(), deleted(plan));
        assertEquals(3, plan.withheld().size());
        assertTrue(plan.withheld().stream().allMatch(w -> w.why() == Withheld.Why.OVER_BUDGET));
      }
    }
  }

  @Test
  void anActionOfTheFirstKindInOrderRunsBeforeOneOfAKindTheOrderDoesNotName() {
    PlanBuilder out = builder(PRUNE);
    out.add(Action.create("NotAKind", "x", STEP, List.of()));
    out.add(Action.create(ORDER.get(0), "first", STEP, List.of()));

    Plan plan = out.build(10, false);

    assertEquals(
        List.of(ORDER.get(0) + "/first", "NotAKind/x"),
        plan.actions().stream().map(a -> a.key().toString()).toList());
  }

  @Test
  void aDeletionWithheldForPruneNeitherBlocksThePlanNorIsCountedAsDeferred() {
    PlanBuilder out = builder(PlanOptions.DEFAULT);
    out.delete("ListenerRule", "old", STEP, Deletes.UNDECLARED, "no longer declared");

    Plan plan = out.build(10, false);

    assertFalse(plan.isBlocked(), "only a desired state sharing nothing blocks on --prune");
    assertEquals(List.of(), plan.notes(), "nothing was deferred by --max-deletes");
    assertEquals(
        List.of(Withheld.Why.NEEDS_PRUNE), plan.withheld().stream().map(Withheld::why).toList());
  }

  @Test
  void whatIsKnownPendingAndAddedIsReadBackByLaterPlanners() {
    PlanBuilder out = builder(PRUNE);
    Key kept = Key.of("TargetGroup", "tg");
    Key created = Key.of("TargetGroup", "new");
    Action create = Action.create("TargetGroup", "new", STEP, List.of());
    out.known(kept, "arn:tg");
    out.pending(created);
    out.add(create);

    assertEquals(java.util.Optional.of("arn:tg"), out.idOf(kept));
    assertEquals(java.util.Optional.empty(), out.idOf(created));
    assertTrue(out.isPending(created));
    assertFalse(out.isPending(kept));
    assertEquals(List.of(create), out.actions());
    assertEquals(java.util.Set.of(created), out.build(10, false).creating());
  }

  @Test
  void whatIsBlockedIsHeldThroughAChainOfNeedsWhateverTheOrderTheyComeIn() {
    Key a = Key.of("A", "a");
    Key b = Key.of("B", "b");
    Plan plan =
        new Plan(
            List.of(
                Action.create("C", "c", needing(b), List.of()),
                Action.create("B", "b", needing(a), List.of()),
                Action.blocked("A", "a", "not ready"),
                Action.create("D", "d", STEP, List.of())),
            java.util.Map.of(),
            List.of());

    assertEquals(
        List.of("D/d"),
        plan.withoutDependentsOfBlocked().executable().stream()
            .map(x -> x.key().toString())
            .toList());
  }

  @Test
  void aPlanWithNothingBlockedRunsWhole() {
    Plan plan =
        new Plan(List.of(Action.create("C", "c", STEP, List.of())), java.util.Map.of(), List.of());
    assertEquals(plan, plan.withoutDependentsOfBlocked());
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> differences() {
    Action create = Action.create("C", "c", STEP, List.of());
    Action blocked = Action.blocked("C", "d", "why");
    Wait wait = new Wait(Key.of("C", "c"), Key.of("D", "d"), "why");
    Withheld withheld =
        new Withheld(
            Action.delete("C", "e", STEP, Deletes.UNDECLARED, List.of(), ""),
            Withheld.Why.NEEDS_PRUNE);
    return java.util.stream.Stream.of(
        // actions, waits, withheld -> has changes, has differences
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(), List.of(), List.of(), false, false),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(create), List.of(), List.of(), true, true),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(blocked), List.of(), List.of(), false, true),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(blocked, create), List.of(), List.of(), true, true),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(), List.of(wait), List.of(), false, true),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of(), List.of(), List.of(withheld), false, true));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} {2}: changes {3}, differences {4}")
  @org.junit.jupiter.params.provider.MethodSource("differences")
  void aPlanHasChangesWhenSomethingRunsAndDifferencesWhenAnythingDiffers(
      List<Action> actions,
      List<Wait> waits,
      List<Withheld> withheld,
      boolean changes,
      boolean differs) {
    Plan plan = new Plan(actions, java.util.Map.of(), waits, withheld, List.of());
    assertEquals(changes, plan.hasChanges());
    assertEquals(differs, plan.hasDifferences());
  }
}
