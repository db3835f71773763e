package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.aws.AwsErrors;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.SpecType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the planner makes of families whose reads failed: their kinds and dependents skipped. */
class PlannerTest {
  record TestSpec(Metadata metadata) implements Spec {
    @Override
    public Map<String, String> tags() {
      return Map.of();
    }
  }

  record TestStep(List<Key> needs) implements Step {
    @Override
    public String run(io.ecsgate.aws.AwsClients aws, Ids ids) {
      throw new AssertionError("planning runs nothing");
    }
  }

  private static Spec spec(String kind, String name, boolean suspend) {
    return new TestSpec(new Metadata(kind, name, Mark.file("x.yaml"), false, suspend));
  }

  private final List<String> planned = new ArrayList<>();

  /**
   * A kind whose planner updates each of its declared resources and proposes deleting an undeclared
   * one, as a planner would from an empty snapshot; it records that it ran.
   */
  private Kind kind(String name, String... needs) {
    Kind.Planner planner =
        (context, out) -> {
          planned.add(name);
          for (Spec spec : context.desired().specs())
            if (spec.kind().equals(name))
              out.add(
                  Action.update(
                      name,
                      spec.name(),
                      new TestStep(
                          List.of(needs).stream()
                              .filter(n -> Character.isUpperCase(n.charAt(0)))
                              .map(n -> Key.of(n, "x"))
                              .toList()),
                      List.of(Change.of("f", "1", "2"))));
          out.delete(name, "undeclared", new TestStep(List.of()), Deletes.UNDECLARED, "gone");
        };
    return new Kind(name, Optional.empty(), List.of(name), planner).needing(needs);
  }

  private static ObservationFailure failed(String family, String... kinds) {
    return new ObservationFailure(
        family,
        Set.of(kinds),
        AwsErrors.Category.THROTTLED,
        "X.Get failed: Throttling: Rate exceeded",
        new RuntimeException("throttled"));
  }

  private static final DesiredState DESIRED =
      new DesiredState(
          "1",
          List.of(
              spec("A", "x", false),
              spec("B", "x", false),
              spec("C", "x", false),
              spec("D", "x", false),
              spec("B", "quiet", true)));

  private Plan plan(List<Kind> kinds, ObservedState observed) {
    return new Planner(kinds)
        .plan(
            new PlanContext(
                DESIRED,
                observed,
                new Ownership("ecsgate"),
                new PlanOptions(true, 20).withAllowMassDelete(true)));
  }

  @Test
  void aFailedFamilysKindsAndTheirDependentsAreNotPlannedTheOthersAre() {
    List<Kind> kinds = List.of(kind("A"), kind("B", "A"), kind("C"), kind("D", "net"));
    Plan plan = plan(kinds, ObservedState.of(failed("fa", "A"), "c snapshot", "net snapshot"));

    assertEquals(List.of("C", "D"), planned, "only the planners of what was read ran");
    assertEquals(
        List.of("C/x", "D/x", "D/undeclared", "C/undeclared"),
        plan.executable().stream().map(a -> a.key().toString()).toList(),
        "nothing, deletions least of all, is planned from what was not read");
    assertTrue(plan.withheld().isEmpty(), plan.withheld().toString());
    Action a = blocked(plan, "A/x");
    assertTrue(a.reason().startsWith("not observed: reading fa failed (throttled): "), a.reason());
    Action b = blocked(plan, "B/x");
    assertTrue(
        b.reason().startsWith("not planned: it needs A, which is not planned (reading fa failed"),
        b.reason());
    assertTrue(
        plan.blocked().stream().noneMatch(x -> x.key().toString().equals("B/quiet")),
        "a suspended resource is left alone, not blocked");
    Action family = blocked(plan, ObservationFailure.KIND + "/fa");
    assertEquals(
        "reading fa failed (throttled): X.Get failed: Throttling: Rate exceeded; not planned: A, B"
            + " (nothing is deleted while it fails)",
        family.reason());
  }

  @Test
  void theDaemonRunsTheIndependentKindsAndNoDeletion() {
    List<Kind> kinds = List.of(kind("A"), kind("B", "A"), kind("C"), kind("D", "net"));
    Plan plan = plan(kinds, ObservedState.of(failed("fa", "A"), "c snapshot", "net snapshot"));
    Plan runnable = plan.withoutDependentsOfBlocked();
    assertEquals(
        List.of("C/x", "D/x"),
        runnable.executable().stream().map(a -> a.key().toString()).toList());
    assertTrue(runnable.executable().stream().noneMatch(a -> a.verb() == Verb.DELETE));
  }

  @Test
  void aFailedFamilyWithoutKindsSkipsTheKindsThatNeedIt() {
    List<Kind> kinds = List.of(kind("A"), kind("B", "A"), kind("C"), kind("D", "net"));
    Plan plan = plan(kinds, ObservedState.of("a snapshot", "c snapshot", failed("net")));
    assertEquals(List.of("A", "B", "C"), planned);
    Action d = blocked(plan, "D/x");
    assertTrue(
        d.reason().startsWith("not planned: it needs net, which was not observed (reading net"),
        d.reason());
    assertTrue(
        blocked(plan, ObservationFailure.KIND + "/net")
            .reason()
            .endsWith("not planned: D (nothing is deleted while it fails)"));
  }

  @Test
  void withEveryFamilyReadNothingIsBlocked() {
    List<Kind> kinds = List.of(kind("A"), kind("B", "A"), kind("C"), kind("D", "net"));
    Plan plan = plan(kinds, ObservedState.of("a", "c", "net"));
    assertEquals(List.of("A", "B", "C", "D"), planned);
    assertFalse(plan.isBlocked(), plan.toString());
  }

  private static Action blocked(Plan plan, String key) {
    return plan.blocked().stream()
        .filter(a -> a.key().toString().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + " is not blocked: " + plan.actions()));
  }

  // --- the wrong-path guard: a desired state that shares nothing with what is owned

  /** A snapshot holding resources tagged as ecsgate's {@code Kind/name}. */
  record Owning(List<String> resources) implements Snapshot {
    @Override
    public List<Tagged> tagged() {
      return resources.stream()
          .map(
              r ->
                  new Tagged(
                      "id-" + r, Map.of(Ownership.MANAGED_BY, "ecsgate", Ownership.RESOURCE, r)))
          .toList();
    }
  }

  /** A declarable kind (it has a spec type) and a part kind that proposes nothing. */
  private static List<Kind> declarableAndPart() {
    SpecType<?> anySpecType = io.ecsgate.kinds.Registry.specTypes().get(0);
    Kind.Planner proposesDeletingGone =
        (context, out) ->
            out.delete("A", "gone", new TestStep(List.of()), Deletes.UNDECLARED, "gone");
    return List.of(
        new Kind("A", Optional.of(anySpecType), List.of("A"), proposesDeletingGone),
        Kind.part("P", (context, out) -> {}));
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> wrongPaths() {
    return java.util.stream.Stream.of(
        // owned (tags), declared -> the whole prune refused as a wrong path
        org.junit.jupiter.params.provider.Arguments.of(List.of("A/gone"), List.of("x"), true),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of("A/gone", "A/x"), List.of("x"), false),
        org.junit.jupiter.params.provider.Arguments.of(List.of("A/x"), List.of("x"), false),
        org.junit.jupiter.params.provider.Arguments.of(List.of(), List.of("x"), false),
        org.junit.jupiter.params.provider.Arguments.of(List.of("P/x"), List.of("y"), false),
        org.junit.jupiter.params.provider.Arguments.of(
            List.of("P/x", "A/gone"), List.of("x"), true),
        org.junit.jupiter.params.provider.Arguments.of(List.of("AB/x"), List.of("y"), false));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "owned {0}, declared A/{1}: refused {2}")
  @org.junit.jupiter.params.provider.MethodSource("wrongPaths")
  void pruningEverythingOwnedOfTheDeclarableKindsIsRefusedAsAWrongPath(
      List<String> owned, List<String> declared, boolean refused) {
    DesiredState desired =
        new DesiredState("1", declared.stream().map(n -> spec("A", n, false)).toList());
    Plan plan =
        new Planner(declarableAndPart())
            .plan(
                new PlanContext(
                    desired,
                    ObservedState.of(new Owning(owned)),
                    new Ownership("ecsgate"),
                    new PlanOptions(true, 20).withAllowMassDelete(true)));

    assertEquals(
        refused ? List.of(Withheld.Why.PRUNES_EVERYTHING) : List.of(),
        plan.withheld().stream().map(Withheld::why).toList());
    assertEquals(refused, plan.isBlocked(), plan.actions().toString());
    assertEquals(
        refused ? List.of() : List.of("A/gone"),
        plan.executable().stream().map(a -> a.key().toString()).toList());
  }

  @Test
  void aKindNotPlannedTakesThePartsItPlansWithIt() {
    Kind a =
        new Kind("A", Optional.empty(), List.of("A", "APart"), (context, out) -> planned.add("A"));
    Kind b = kind("B", "APart");
    Plan plan = plan(List.of(a, b), ObservedState.of(failed("fa", "A")));

    assertEquals(List.of(), planned, "B needs a part that A, not planned, would have planned");
    assertTrue(
        blocked(plan, "B/x")
            .reason()
            .startsWith("not planned: it needs APart, which is not planned"),
        blocked(plan, "B/x").reason());
  }
}
