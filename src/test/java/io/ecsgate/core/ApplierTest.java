package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplierTest {
  @Test
  void onceTheLeaseIsLostNoFurtherStepRuns() {
    List<String> written = new ArrayList<>();
    int[] checks = {0};
    Fence lostAfterTheFirstStep =
        () -> {
          if (checks[0]++ >= 1) throw new Fence.LeaseLost("lease lost");
        };
    List<Action> actions = new ArrayList<>();
    for (String name : List.of("a", "b", "c"))
      actions.add(
          Action.update(
              "TargetGroup",
              name,
              (aws, ids) -> {
                written.add(name);
                return "ok";
              },
              List.of(Change.of("port", "80", "81"))));
    ApplyResult result =
        new Applier(null, lostAfterTheFirstStep, InventoryStore.UNCHECKED, java.util.Set.of())
            .apply(new Plan(actions, Map.of(), List.of()), outcome -> {});
    assertEquals(List.of("a"), written, "only the step before the loss ran");
    assertEquals(
        List.of(Outcome.Status.DONE, Outcome.Status.SKIPPED, Outcome.Status.SKIPPED),
        result.outcomes().stream().map(Outcome::status).toList());
    assertTrue(result.outcomes().get(1).message().contains("lease lost"));
  }

  /** The inventory in memory: what the applier records and forgets, in order. */
  private static final class Store implements InventoryStore {
    Inventory current;
    final List<String> writes = new ArrayList<>();

    Store(Inventory start) {
      current = start;
    }

    @Override
    public Inventory read() {
      return current;
    }

    @Override
    public Inventory current() {
      return current;
    }

    @Override
    public void record(Inventory.Entry entry) {
      writes.add("record " + entry);
      current = current.with(entry);
    }

    @Override
    public void forget(Inventory.Entry entry) {
      writes.add("forget " + entry);
      current = current.without(entry);
    }

    @Override
    public void remember(Inventory.Memo memo) {
      writes.add("remember " + memo.item() + "=" + memo.value());
      current = current.withMemo(memo);
    }

    @Override
    public void forget(Inventory.Memo memo) {
      writes.add("forget " + memo.item());
      current = current.withoutMemo(memo);
    }
  }

  private static Step creating(String kind, String name, String id) {
    return (aws, ids) -> {
      ids.put(Key.of(kind, name), id);
      return "created " + id;
    };
  }

  private static List<String> apply(Store store, Fence fence, Map<Key, String> known, Action... a) {
    Plan plan = new Plan(List.of(a), known, List.of()).checkedAgainst(store.current(), List.of());
    new Applier(null, fence, store, java.util.Set.of("TargetGroup")).apply(plan, outcome -> {});
    return store.writes;
  }

  @Test
  void aCreationAndAnAdoptionAreRecordedRightAfterTheirStep() {
    Store store = new Store(Inventory.of());
    assertEquals(
        List.of("record TargetGroup/a (arn-a)", "record TargetGroup/b (arn-b)"),
        apply(
            store,
            Fence.NONE,
            Map.of(Key.of("TargetGroup", "b"), "arn-b"),
            Action.create("TargetGroup", "a", creating("TargetGroup", "a", "arn-a"), List.of()),
            Action.adopt("TargetGroup", "b", (aws, ids) -> "tagged")));
  }

  @Test
  void whatIsRecordedAlreadyOrIsNotInventoriedOrHasNoIdWritesNothing() {
    Store store = new Store(Inventory.of(new Inventory.Entry("TargetGroup", "a", "arn-a")));
    assertEquals(
        List.of(),
        apply(
            store,
            Fence.NONE,
            Map.of(),
            Action.create("TargetGroup", "a", creating("TargetGroup", "a", "arn-a"), List.of()),
            Action.create("Listener", "l", creating("Listener", "l", "arn-l"), List.of()),
            Action.create("TargetGroup", "c /part", (aws, ids) -> "a part", List.of())));
  }

  @Test
  void aDeletionForgetsTheEntriesOfItsNameButTheCopyKept() {
    Store store =
        new Store(
            Inventory.of(
                new Inventory.Entry("TargetGroup", "a", "arn-old"),
                new Inventory.Entry("TargetGroup", "a", "arn-new"),
                new Inventory.Entry("TargetGroup", "b", "arn-b")));
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, List.of("TargetGroup"));
    out.delete("TargetGroup", "a", (aws, ids) -> "deleted", Deletes.REPLACED, "replaced");
    Action delete = out.build(10, false).actions().get(0);
    assertEquals(
        List.of("forget TargetGroup/a (arn-old)"),
        apply(store, Fence.NONE, Map.of(Key.of("TargetGroup", "a"), "arn-new"), delete));
  }

  /** A step that keeps {@code value} as the memo {@code t} of the resource {@code key} names. */
  private static Step keeping(Key key, String value) {
    return new Step() {
      @Override
      public String run(io.ecsgate.aws.AwsClients aws, Ids ids) {
        return "ran";
      }

      @Override
      public java.util.Optional<Inventory.Memo> memo(Ids ids) {
        return java.util.Optional.of(new Inventory.Memo("t", ids.get(key), value));
      }
    };
  }

  @Test
  void aStepsMemoIsWrittenAfterItOnlyWhenItChanged() {
    Key a = Key.of("TargetGroup", "a");
    Key b = Key.of("TargetGroup", "b");
    Store store =
        new Store(Inventory.read(List.of(), List.of(new Inventory.Memo("t", "arn-a", "10.0.1.5"))));
    assertEquals(
        List.of("remember t/arn-b=10.0.2.6"),
        apply(
            store,
            Fence.NONE,
            Map.of(a, "arn-a", b, "arn-b"),
            Action.update("NlbTargets", "a", keeping(a, "10.0.1.5"), List.of()),
            Action.update("NlbTargets", "b", keeping(b, "10.0.2.6"), List.of())));
  }

  @Test
  void aDeletionForgetsTheMemosOfTheResourceItDeleted() {
    Store store =
        new Store(
            Inventory.read(
                List.of(new Inventory.Entry("TargetGroup", "a", "arn-a")),
                List.of(
                    new Inventory.Memo("t", "arn-a", "10.0.1.5"),
                    new Inventory.Memo("t", "arn-b", "10.0.2.6"))));
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, List.of("TargetGroup"));
    out.delete("TargetGroup", "a", (aws, ids) -> "deleted", Deletes.REPLACED, "replaced");
    Action delete = out.build(10, false).actions().get(0);
    assertEquals(
        List.of("forget TargetGroup/a (arn-a)", "forget t/arn-a"),
        apply(store, Fence.NONE, Map.of(), delete));
  }

  @Test
  void aStepOfSeveralResourcesRecordsAndForgetsExactlyTheIdsItReports() {
    Key rules = Key.of("SecurityGroupIngress", "web");
    Store store =
        new Store(
            Inventory.of(
                new Inventory.Entry("SecurityGroupIngress", "web", "sgr-kept"),
                new Inventory.Entry("SecurityGroupIngress", "web", "sgr-stale")));
    Step authorize =
        (aws, ids) -> {
          ids.created(rules, "sgr-new");
          ids.created(rules, "sgr-kept");
          return "authorized";
        };
    Step revoke =
        (aws, ids) -> {
          ids.removed(rules, "sgr-stale");
          return "revoked";
        };
    PlanBuilder out =
        new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, List.of("SecurityGroupIngress"));
    out.removePart("SecurityGroupIngress", "web", revoke, List.of());
    Action removal = out.build(10, false).actions().get(0);
    Plan plan =
        new Plan(
                List.of(
                    Action.update("SecurityGroupIngress", "web", authorize, List.of()), removal),
                Map.of(),
                List.of())
            .checkedAgainst(store.current(), List.of());
    new Applier(null, Fence.NONE, store, java.util.Set.of("SecurityGroupIngress"))
        .apply(plan, o -> {});
    assertEquals(
        List.of(
            "record SecurityGroupIngress/web (sgr-new)",
            "forget SecurityGroupIngress/web (sgr-stale)"),
        store.writes,
        "the kept rule's entry stays; nothing else of the name is forgotten");
  }

  @Test
  void anUncheckedInventoryIsNeverWritten() {
    Store store = new Store(Inventory.UNCHECKED);
    assertEquals(
        List.of(),
        apply(
            store,
            Fence.NONE,
            Map.of(),
            Action.create("TargetGroup", "a", creating("TargetGroup", "a", "arn-a"), List.of())));
  }

  @Test
  void anEntryIsNotWrittenOnceTheLeaseIsLostAndItsActionFails() {
    Store store = new Store(Inventory.of());
    int[] checks = {0};
    Fence lostAfterTheStepCheck =
        () -> {
          if (checks[0]++ >= 1) throw new Fence.LeaseLost("lease lost");
        };
    Plan plan =
        new Plan(
                List.of(
                    Action.create(
                        "TargetGroup", "a", creating("TargetGroup", "a", "arn-a"), List.of())),
                Map.of(),
                List.of())
            .checkedAgainst(store.current(), List.of());
    ApplyResult result =
        new Applier(null, lostAfterTheStepCheck, store, java.util.Set.of("TargetGroup"))
            .apply(plan, outcome -> {});
    assertEquals(List.of(), store.writes);
    assertEquals(Outcome.Status.FAILED, result.outcomes().get(0).status());
    assertTrue(result.outcomes().get(0).message().contains("inventory was not updated"));
  }

  @Test
  void aCreateIsMarkedPendingBeforeItsStepAndTheMarkReplacedByItsIdAfter() {
    Store store = new Store(Inventory.of());
    Key a = Key.of("TargetGroup", "a");
    Plan plan =
        new Plan(
                List.of(
                    Action.create(
                        "TargetGroup",
                        "a",
                        (aws, ids) -> {
                          store.writes.add("step");
                          ids.put(a, "arn-a");
                          return "created";
                        },
                        List.of())),
                Map.of(),
                List.of())
            .creating(java.util.Set.of(a))
            .checkedAgainst(store.current(), List.of());
    new Applier(null, Fence.NONE, store, java.util.Set.of("TargetGroup")).apply(plan, o -> {});
    assertEquals(
        List.of(
            "record TargetGroup/a ((pending))",
            "step",
            "record TargetGroup/a (arn-a)",
            "forget TargetGroup/a ((pending))"),
        store.writes);
  }

  @Test
  void aPendingMarkLeftByACrashIsReplacedByTheIdTheNextPlanFoundBeforeAnyStep() {
    Store store = new Store(Inventory.of(Inventory.pending("TargetGroup", "a")));
    assertEquals(
        true,
        store.current().holds("TargetGroup", "a", "arn-a"),
        "pending: the resource tagged TargetGroup/a is ours");
    assertEquals(
        List.of("record TargetGroup/a (arn-a)", "forget TargetGroup/a ((pending))"),
        apply(store, Fence.NONE, Map.of(Key.of("TargetGroup", "a"), "arn-a")));
    assertEquals(false, store.current().holds("TargetGroup", "a", "arn-other"));
  }
}
