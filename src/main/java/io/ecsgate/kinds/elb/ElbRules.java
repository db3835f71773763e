package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Spec;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.network.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the ELB kinds planned on {@link Owned} share. A resource is known by its ARN, its tags are
 * in the snapshot, ecsgate tags it with AddTags. Before the match, a declaration whose references
 * do not resolve is blocked (it can be neither created nor changed) and what ecsgate owns of it is
 * set aside, so it is never deleted and stays known to its dependents, as a suspended one does. A
 * kind may set aside the old copy of a resource it replaces ({@link #isReplaced}).
 */
abstract class ElbRules<S extends Spec, A> implements Owned.Rules<S, A> {
  final String kind;
  final Ownership ownership;
  final ElbSnapshot elb;
  final Network network;
  private final List<A> all;
  private final Function<A, String> arn;
  private final Function<A, String> name;
  private final Function<String, Step> delete;
  private Map<String, List<A>> copies;

  /** {@code all}: where the snapshot lists the kind's resources. */
  ElbRules(
      PlanContext context,
      String kind,
      Function<ElbSnapshot, List<A>> all,
      Function<A, String> arn,
      Function<A, String> name,
      Function<String, Step> delete) {
    this.kind = kind;
    this.ownership = context.ownership();
    this.elb = ElbSnapshot.of(context.observed());
    this.network = Network.of(context.observed());
    this.all = all.apply(elb);
    this.arn = arn;
    this.name = name;
    this.delete = delete;
  }

  /** Why {@code desired} cannot be planned (a reference that does not resolve), if anything. */
  abstract List<String> unresolvedReferences(S desired);

  /** Is this copy of ours the old half of a replacement, never matched? */
  boolean isReplaced(S desired, A actual) {
    return false;
  }

  /** A resource left alone (suspended, or blocked on its references) stays known. */
  void keepKnown(S desired, A actual, PlanBuilder out) {
    out.known(Key.of(kind, desired.name()), id(actual));
  }

  /** {@code label}: what a person calls the kind, as in "a target group named ...". */
  final void plan(PlanContext context, String label, List<S> declared, PlanBuilder out) {
    List<S> placed = new ArrayList<>();
    Map<String, S> byName = new HashMap<>();
    Set<String> placedNames = new HashSet<>();
    for (S desired : declared) {
      byName.putIfAbsent(desired.name(), desired);
      List<String> problems =
          desired.metadata().suspend() ? List.of() : unresolvedReferences(desired);
      if (problems.isEmpty()) {
        placed.add(desired);
        placedNames.add(desired.name());
      } else problems.forEach(problem -> out.add(Action.blocked(kind, desired.name(), problem)));
    }
    List<A> matchable = all.stream().filter(a -> !isSetAside(a, byName, placedNames)).toList();
    new Owned<>(kind, label, new Owned.Identity<>(this::id, this::tags, name), this)
        .plan(context, placed, matchable, out);
    for (S desired : declared) {
      if (placedNames.contains(desired.name()) && !desired.metadata().suspend()) continue;
      copies(desired.name()).stream().findFirst().ifPresent(a -> keepKnown(desired, a, out));
    }
  }

  /**
   * Is this a copy of ours the match must not see: one of a declaration blocked on its references,
   * or the old half of a replacement?
   */
  private boolean isSetAside(A actual, Map<String, S> declared, Set<String> placed) {
    Optional<S> declaration = ownership.nameOf(tags(actual), kind, id(actual)).map(declared::get);
    if (declaration.isEmpty() || declaration.get().metadata().suspend()) return false;
    return !placed.contains(declaration.get().name()) || isReplaced(declaration.get(), actual);
  }

  /**
   * The resources ecsgate owns as {@code name}, in the order AWS lists them (indexed by name on
   * first use: one pass over the kind's resources, not one per declared resource).
   */
  final List<A> copies(String resourceName) {
    if (copies == null) {
      Map<String, List<A>> index = new HashMap<>();
      for (A a : all)
        ownership
            .nameOf(tags(a), kind, id(a))
            .ifPresent(n -> index.computeIfAbsent(n, k -> new ArrayList<>()).add(a));
      copies = index;
    }
    return copies.getOrDefault(resourceName, List.of());
  }

  /** Proposes {@code step} for {@code desired} when it changes anything. */
  static void updateIfChanged(
      String kind, Spec desired, Step step, List<Change> changes, PlanBuilder out) {
    if (!changes.isEmpty()) out.add(Action.update(kind, desired.name(), step, changes));
  }

  final String id(A actual) {
    return arn.apply(actual);
  }

  final Map<String, String> tags(A actual) {
    return elb.tagsOf(arn.apply(actual));
  }

  @Override
  public final Optional<Step> tag(A actual, Map<String, String> add) {
    return Optional.of(new ElbTagsStep(id(actual), add, List.of()));
  }

  @Override
  public final Optional<Step> delete(A actual) {
    return Optional.of(delete.apply(id(actual)));
  }
}
