package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ownership algorithm every tagged kind shares, on a made-up kind. */
class OwnedTest {
  private static final String KIND = "Widget";
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");

  record WidgetSpec(Metadata metadata, Map<String, String> tags) implements Spec {}

  record Widget(String id, String name, Map<String, String> tags) {}

  record Call(String id) implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      return id;
    }
  }

  /** Records what the generic part asked of the kind. */
  static class Rules implements Owned.Rules<WidgetSpec, Widget> {
    final List<String> calls = new ArrayList<>();
    final boolean deletable;
    final boolean taggable;

    Rules(boolean deletable, boolean taggable) {
      this.deletable = deletable;
      this.taggable = taggable;
    }

    @Override
    public void create(WidgetSpec desired, PlanBuilder out) {
      calls.add("create " + desired.name());
      out.add(Action.create(KIND, desired.name(), new Call("create"), List.of()));
    }

    @Override
    public void update(WidgetSpec desired, Widget actual, PlanBuilder out) {
      calls.add("update " + desired.name() + " " + actual.id());
    }

    @Override
    public Optional<Step> tag(Widget actual, Map<String, String> add) {
      calls.add("tag " + actual.id() + " " + new java.util.TreeMap<>(add));
      return taggable ? Optional.of(new Call("tag")) : Optional.empty();
    }

    @Override
    public Optional<Step> delete(Widget actual) {
      return deletable ? Optional.of(new Call("delete " + actual.id())) : Optional.empty();
    }
  }

  private static WidgetSpec spec(String name, boolean adopt, boolean suspend) {
    return new WidgetSpec(
        new Metadata(KIND, name, Mark.file("w.yaml"), adopt, suspend), Map.of("team", "edge"));
  }

  private static Widget ours(String id, String name) {
    Map<String, String> tags = new HashMap<>(OWNERSHIP.tags(KIND, name, Map.of("team", "edge")));
    return new Widget(id, name, tags);
  }

  private static Plan plan(
      Rules rules, List<WidgetSpec> desired, List<Widget> actual, PlanOptions options) {
    PlanContext context =
        new PlanContext(
            new DesiredState("r", List.copyOf(desired)), ObservedState.of(), OWNERSHIP, options);
    PlanBuilder out = new PlanBuilder(options, Pass.FIRST, Registry.order());
    new Owned<>(KIND, "widget", new Owned.Identity<>(Widget::id, Widget::tags, Widget::name), rules)
        .plan(context, desired, actual, out);
    return out.build(10, false);
  }

  @Test
  void aMissingResourceIsCreatedAndItsIdIsPending() {
    Rules rules = new Rules(true, true);
    Plan plan = plan(rules, List.of(spec("a", false, false)), List.of(), PlanOptions.DEFAULT);

    assertEquals(List.of("create a"), rules.calls);
    assertEquals(Verb.CREATE, plan.actions().get(0).verb());
  }

  @Test
  void anOwnedResourceIsUpdatedAndKnownToDependents() {
    Rules rules = new Rules(true, true);
    Plan plan =
        plan(
            rules,
            List.of(spec("a", false, false)),
            List.of(ours("id-a", "a")),
            PlanOptions.DEFAULT);

    assertEquals(List.of("update a id-a"), rules.calls);
    assertEquals("id-a", plan.knownIds().get(Key.of(KIND, "a")));
    assertEquals(List.of(), plan.actions(), "tags match: nothing to do");
  }

  @Test
  void aMissingUserTagIsAddedToAnOwnedResource() {
    Rules rules = new Rules(true, true);
    Widget untagged = new Widget("id-a", "a", OWNERSHIP.tags(KIND, "a", Map.of()));

    Plan plan =
        plan(rules, List.of(spec("a", false, false)), List.of(untagged), PlanOptions.DEFAULT);

    assertTrue(rules.calls.contains("tag id-a {team=edge}"), rules.calls.toString());
    assertEquals("tags.team: (none) -> edge", plan.actions().get(0).changes().get(0).toString());
  }

  @Test
  void aResourceReplacedOrBlockedGetsNoTag() {
    Rules replacing =
        new Rules(true, true) {
          @Override
          public List<Change> fixedFieldChanges(WidgetSpec desired, Widget actual) {
            return List.of(Change.of("zone", "a", "b"));
          }

          @Override
          public void cannotChangeInPlace(
              WidgetSpec desired, Widget actual, List<Change> changes, PlanBuilder out) {
            calls.add("replace " + desired.name() + " " + changes);
          }
        };
    Widget untagged = new Widget("id-a", "a", OWNERSHIP.tags(KIND, "a", Map.of()));

    Plan plan =
        plan(replacing, List.of(spec("a", false, false)), List.of(untagged), PlanOptions.DEFAULT);

    assertEquals(List.of("replace a [zone: a -> b]"), replacing.calls, "no update, no tag");
    assertEquals(List.of(), plan.actions());
  }

  @Test
  void aSuspendedResourceIsLeftAloneButKnown() {
    Rules rules = new Rules(true, true);
    Plan plan =
        plan(
            rules,
            List.of(spec("a", false, true)),
            List.of(ours("id-a", "a")),
            PlanOptions.DEFAULT);

    assertEquals(List.of(), rules.calls);
    assertEquals("id-a", plan.knownIds().get(Key.of(KIND, "a")));
  }

  @Test
  void aForeignResourceOfTheNameBlocksUnlessAdopted() {
    Widget foreign = new Widget("id-x", "a", Map.of("owner", "someone"));

    Plan blocked =
        plan(
            new Rules(true, true),
            List.of(spec("a", false, false)),
            List.of(foreign),
            PlanOptions.DEFAULT);
    assertTrue(blocked.isBlocked());
    assertEquals(
        "a widget named 'a' exists and is not managed by ecsgate; set metadata.adopt: true to take it over",
        blocked.blocked().get(0).reason());

    Rules rules = new Rules(true, true);
    Plan adopted =
        plan(rules, List.of(spec("a", true, false)), List.of(foreign), PlanOptions.DEFAULT);
    assertEquals(Verb.ADOPT, adopted.actions().get(0).verb());
    assertTrue(rules.calls.contains("update a id-x"), "the adopted one gets its diffs too");
  }

  @Test
  void aKindThatCannotBeTaggedRefusesAdoptionClearly() {
    Widget foreign = new Widget("id-x", "a", Map.of());

    Plan plan =
        plan(
            new Rules(true, false),
            List.of(spec("a", true, false)),
            List.of(foreign),
            PlanOptions.DEFAULT);

    assertTrue(plan.blocked().get(0).reason().endsWith("adopting widgets is not supported"));
  }

  @Test
  void anOwnedUndeclaredResourceIsProposedForDeletionAndAForeignOneNever() {
    List<Widget> actual = List.of(ours("id-b", "b"), new Widget("id-x", "x", Map.of()));

    Plan pruning =
        plan(
            new Rules(true, true),
            List.of(spec("a", false, false)),
            actual,
            new PlanOptions(true, 20));
    Plan notDeletable =
        plan(
            new Rules(false, true),
            List.of(spec("a", false, false)),
            actual,
            new PlanOptions(true, 20));

    List<Action> deletes = pruning.actions().stream().filter(a -> a.verb() == Verb.DELETE).toList();
    assertEquals(1, deletes.size());
    assertEquals(Key.of(KIND, "b"), deletes.get(0).key());
    assertEquals(Deletes.UNDECLARED, deletes.get(0).deletes());
    assertTrue(notDeletable.actions().stream().noneMatch(a -> a.verb() == Verb.DELETE));
  }
}
