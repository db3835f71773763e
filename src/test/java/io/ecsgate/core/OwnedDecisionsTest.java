package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decision of the ownership algorithm, one row each: which declared resources it hands back
 * as planned (a kind plans their parts next), what it says when a resource is in the way, and what
 * the defaults of {@link Owned.Rules} decide.
 */
class OwnedDecisionsTest {
  private static final String KIND = "Widget";
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");

  record WidgetSpec(Metadata metadata, Map<String, String> tags) implements Spec {}

  record Widget(String id, String name, Map<String, String> tags) {}

  record Call(String id) implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      throw new AssertionError("planning runs nothing");
    }
  }

  /** A kind: adoptable or not, and with a field AWS cannot change or not. */
  record Rules(boolean adoptable, boolean fixedField) implements Owned.Rules<WidgetSpec, Widget> {
    @Override
    public void create(WidgetSpec desired, PlanBuilder out) {
      out.add(Action.create(KIND, desired.name(), new Call("create"), List.of()));
    }

    @Override
    public void update(WidgetSpec desired, Widget actual, PlanBuilder out) {}

    @Override
    public List<Change> fixedFieldChanges(WidgetSpec desired, Widget actual) {
      return fixedField ? List.of(Change.of("zone", "a", "b")) : List.of();
    }

    @Override
    public void cannotChangeInPlace(
        WidgetSpec desired, Widget actual, List<Change> changes, PlanBuilder out) {
      out.add(Action.blocked(KIND, desired.name(), "zone cannot change"));
    }

    @Override
    public Optional<Step> tag(Widget actual, Map<String, String> add) {
      return Optional.of(new Call("tag"));
    }

    @Override
    public Optional<Step> delete(Widget actual) {
      return Optional.of(new Call("delete"));
    }

    @Override
    public boolean adoptable() {
      return adoptable;
    }
  }

  private static WidgetSpec spec(boolean adopt, boolean suspend) {
    return new WidgetSpec(new Metadata(KIND, "a", Mark.file("w.yaml"), adopt, suspend), Map.of());
  }

  private static final Widget OURS = new Widget("id-a", "a", OWNERSHIP.tags(KIND, "a", Map.of()));
  private static final Widget FOREIGN = new Widget("id-x", "a", Map.of());

  private record Result(List<WidgetSpec> planned, Plan plan) {}

  private static Result plan(
      Owned.Rules<WidgetSpec, Widget> rules, WidgetSpec spec, List<Widget> actual) {
    PlanContext context =
        new PlanContext(
            new DesiredState("r", List.of(spec)),
            ObservedState.of(),
            OWNERSHIP,
            PlanOptions.DEFAULT);
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, Registry.order());
    List<WidgetSpec> planned =
        new Owned<>(
                KIND, "widget", new Owned.Identity<>(Widget::id, Widget::tags, Widget::name), rules)
            .plan(context, List.of(spec), actual, out);
    return new Result(planned, out.build(10, false));
  }

  static Stream<Arguments> whatIsHandedBackAsPlanned() {
    return Stream.of(
        Arguments.of("a created one", new Rules(true, false), spec(false, false), List.of(), true),
        Arguments.of(
            "an owned one", new Rules(true, false), spec(false, false), List.of(OURS), true),
        Arguments.of(
            "an owned one replaced or blocked by a fixed field",
            new Rules(true, true),
            spec(false, false),
            List.of(OURS),
            true),
        Arguments.of(
            "an adopted one", new Rules(true, false), spec(true, false), List.of(FOREIGN), true),
        Arguments.of(
            "a suspended one", new Rules(true, false), spec(false, true), List.of(OURS), false),
        Arguments.of(
            "a suspended missing one", new Rules(true, false), spec(false, true), List.of(), false),
        Arguments.of(
            "one blocked by a foreign resource",
            new Rules(true, false),
            spec(false, false),
            List.of(FOREIGN),
            false),
        Arguments.of(
            "one of a kind that cannot be adopted",
            new Rules(false, false),
            spec(true, false),
            List.of(FOREIGN),
            false));
  }

  @ParameterizedTest(name = "{0}: planned {4}")
  @MethodSource("whatIsHandedBackAsPlanned")
  void theDeclaredResourcesPlannedAreHandedBack(
      String what, Rules rules, WidgetSpec spec, List<Widget> actual, boolean planned) {
    assertEquals(planned ? List.of(spec) : List.of(), plan(rules, spec, actual).planned(), what);
  }

  static Stream<Arguments> whyAForeignResourceBlocks() {
    String named = "a widget named 'a' exists and is not managed by ecsgate";
    return Stream.of(
        Arguments.of(true, false, named + "; set metadata.adopt: true to take it over"),
        Arguments.of(false, false, named),
        Arguments.of(false, true, named + "; adopting widgets is not supported yet"));
  }

  @ParameterizedTest(name = "adoptable {0}, adopt {1}")
  @MethodSource("whyAForeignResourceBlocks")
  void aForeignResourceInTheWaySaysWhatWouldTakeItOver(
      boolean adoptable, boolean adopt, String reason) {
    Plan plan = plan(new Rules(adoptable, false), spec(adopt, false), List.of(FOREIGN)).plan();
    assertEquals(List.of(reason), plan.blocked().stream().map(Action::reason).toList());
  }

  @Test
  void anAdoptedResourceIsKnownToDependentsByItsId() {
    Plan plan = plan(new Rules(true, false), spec(true, false), List.of(FOREIGN)).plan();
    assertEquals(Map.of(Key.of(KIND, "a"), "id-x"), plan.knownIds());
  }

  @Test
  void theDefaultsChangeEverythingInPlaceAndAdoptAndRefuseAFixedFieldWithoutADecision() {
    Owned.Rules<WidgetSpec, Widget> defaults =
        new Owned.Rules<>() {
          @Override
          public void create(WidgetSpec desired, PlanBuilder out) {}

          @Override
          public void update(WidgetSpec desired, Widget actual, PlanBuilder out) {}

          @Override
          public Optional<Step> tag(Widget actual, Map<String, String> add) {
            return Optional.empty();
          }

          @Override
          public Optional<Step> delete(Widget actual) {
            return Optional.empty();
          }
        };
    assertEquals(List.of(), defaults.fixedFieldChanges(spec(false, false), OURS));
    assertEquals(true, defaults.adoptable());
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, Registry.order());
    assertThrows(
        IllegalStateException.class,
        () -> defaults.cannotChangeInPlace(spec(false, false), OURS, List.of(), out));
  }

  // --- ownership with the inventory: tags and inventory must agree

  private static final Map<String, String> TAGGED_A = OWNERSHIP.tags(KIND, "a", Map.of());

  static Stream<Arguments> tagsAndInventoryMustAgree() {
    Inventory holdsA = Inventory.of(new Inventory.Entry(KIND, "a", "id-1"));
    return Stream.of(
        Arguments.of("tags and entry agree: ours, in sync", holdsA, "a", false, "a", List.of()),
        Arguments.of(
            "no entry, its AWS name declared: in the way, blocked",
            Inventory.of(),
            "a",
            false,
            "a",
            List.of(Verb.BLOCKED)),
        Arguments.of(
            "no entry, another AWS name: left alone, ours created beside it",
            Inventory.of(),
            "payments",
            false,
            "a",
            List.of(Verb.CREATE)),
        Arguments.of(
            "an entry of another ID: not ours",
            Inventory.of(new Inventory.Entry(KIND, "a", "id-2")),
            "payments",
            false,
            "a",
            List.of(Verb.CREATE)),
        Arguments.of(
            "an entry of another name: not ours",
            Inventory.of(new Inventory.Entry(KIND, "b", "id-1")),
            "payments",
            false,
            "a",
            List.of(Verb.CREATE)),
        Arguments.of(
            "an entry of another kind: not ours",
            Inventory.of(new Inventory.Entry("Gadget", "a", "id-1")),
            "payments",
            false,
            "a",
            List.of(Verb.CREATE)),
        Arguments.of(
            "no state table yet: nothing is ours",
            Inventory.NO_TABLE,
            "a",
            false,
            "a",
            List.of(Verb.BLOCKED)),
        Arguments.of(
            "no entry, adopt: true takes it over",
            Inventory.of(),
            "a",
            true,
            "a",
            List.of(Verb.ADOPT)),
        Arguments.of(
            "undeclared, tags and entry agree: pruned",
            holdsA,
            "a",
            false,
            "z",
            List.of(Verb.CREATE, Verb.DELETE)),
        Arguments.of(
            "undeclared, no entry: never deleted",
            Inventory.of(),
            "a",
            false,
            "z",
            List.of(Verb.CREATE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tagsAndInventoryMustAgree")
  void aResourceIsOursOnlyWhenItsTagsAndTheInventoryAgree(
      String what,
      Inventory inventory,
      String awsName,
      boolean adopt,
      String declared,
      List<Verb> verbs) {
    Ownership ownership = OWNERSHIP.withInventory(inventory);
    WidgetSpec spec =
        new WidgetSpec(new Metadata(KIND, declared, Mark.file("w.yaml"), adopt, false), Map.of());
    Widget actual = new Widget("id-1", awsName, TAGGED_A);
    PlanContext context =
        new PlanContext(
            new DesiredState("r", List.of(spec)),
            ObservedState.of(),
            ownership,
            PlanOptions.DEFAULT.withPrune(true));
    PlanBuilder out = new PlanBuilder(context.options(), Pass.FIRST, Registry.order());
    new Owned<>(
            KIND,
            "widget",
            new Owned.Identity<>(Widget::id, Widget::tags, Widget::name),
            new Rules(true, false))
        .plan(context, List.of(spec), List.of(actual), out);
    Plan plan = out.build(10, false);
    assertEquals(verbs, plan.actions().stream().map(Action::verb).toList(), what);
    boolean ours = inventory.holds(KIND, "a", "id-1");
    assertEquals(
        ours ? Optional.empty() : Optional.of(new Inventory.Untracked(KIND, "a", "id-1")),
        ownership.untracked(TAGGED_A, "id-1"),
        what + ": reported when not ours");
  }

  @Test
  void tagsOfAnotherControllerOrWithoutAResourceAreNeitherOursNorReported() {
    Ownership ownership = OWNERSHIP.withInventory(Inventory.of());
    assertEquals(
        Optional.empty(),
        ownership.untracked(new Ownership("other").tags(KIND, "a", Map.of()), "id-1"));
    assertEquals(
        Optional.empty(), ownership.untracked(Map.of(Ownership.MANAGED_BY, "ecsgate"), "id-1"));
    assertEquals(false, ownership.owns(TAGGED_A, "id-1"));
    assertEquals(true, OWNERSHIP.owns(TAGGED_A, "id-1"), "unchecked (tests) trusts the tags");
  }

  static Stream<Arguments> severalForeignOfTheName() {
    String several = "2 widgets named 'a' exist and none is managed by ecsgate; ";
    return Stream.of(
        Arguments.of(false, several + "ecsgate creates none of that name while they exist"),
        Arguments.of(
            true,
            several
                + "adopt: true takes over only the one widget of a name: rename or delete the others"));
  }

  @ParameterizedTest(name = "adopt {0}")
  @MethodSource("severalForeignOfTheName")
  void severalForeignResourcesOfTheNameBlockItAndNoneIsTakenOver(boolean adopt, String reason) {
    Widget other = new Widget("id-y", "a", Map.of());
    Result result = plan(new Rules(true, false), spec(adopt, false), List.of(FOREIGN, other));

    assertEquals(List.of(), result.planned());
    assertEquals(List.of(reason), result.plan().blocked().stream().map(Action::reason).toList());
    assertEquals(
        List.of(Verb.BLOCKED), result.plan().actions().stream().map(Action::verb).toList());
    assertEquals(Map.of(), result.plan().knownIds());
  }

  @Test
  void aCreatedResourceIsPendingAndNotKnown() {
    Plan plan = plan(new Rules(true, false), spec(false, false), List.of()).plan();
    assertEquals(java.util.Set.of(Key.of(KIND, "a")), plan.creating());
    assertEquals(Map.of(), plan.knownIds());
  }
}
