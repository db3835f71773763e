package io.ecsgate.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The part every kind whose resources carry ecsgate's ownership tags plans the same way, written
 * once (as java-operator-sdk's dependent resources do): each declared resource is matched to the
 * actual one whose {@code ecsgate:resource} tag names it and that the {@link Inventory} holds under
 * that name, never by position, name or tags alone (a resource tagged as ours but not inventoried
 * is someone else's: it is never changed, and blocks the declared one when it has its name). A
 * suspended resource is left alone (its ID is still known to its dependents). A missing one is
 * created, unless a resource of its name that ecsgate does not own is in the way: that one is taken
 * over with {@code metadata.adopt: true} (its ownership tags added), and otherwise never touched
 * and reported as blocked. A matched one gets the kind's field diffs and any user tag it lacks.
 * Owned resources the desired state no longer declares are proposed for deletion through the one
 * guarded path ({@link PlanBuilder#delete}).
 *
 * @param <S> the kind's spec
 * @param <A> the SDK's model of the actual resource
 */
public final class Owned<S extends Spec, A> {

  /**
   * How the generic part reads an actual resource: the ARN or ID its dependents refer to, its tags,
   * and the name AWS knows it by (a foreign resource of the declared name is in the way).
   */
  public record Identity<A>(
      Function<A, String> id, Function<A, Map<String, String>> tags, Function<A, String> awsName) {}

  /** What is particular to one kind. */
  public interface Rules<S, A> {
    /** Creates the resource; nothing of ours exists. */
    void create(S desired, PlanBuilder out);

    /** The field diffs of an owned resource (just adopted, or ours before). */
    void update(S desired, A actual, PlanBuilder out);

    /**
     * The declared changes AWS cannot make in place (a service's launch type, a load balancer's
     * scheme); none for most kinds.
     */
    default List<Change> fixedFieldChanges(S desired, A actual) {
      return List.of();
    }

    /**
     * What to do when there are {@code fixedFieldChanges}: replace the resource, or block it with
     * the reason. Neither {@link #update} nor a tag is planned for it then.
     */
    default void cannotChangeInPlace(
        S desired, A actual, List<Change> fixedFieldChanges, PlanBuilder out) {
      throw new IllegalStateException(
          "fixedFieldChanges without a decision for " + desired + ": " + fixedFieldChanges);
    }

    /** Adds tags to an existing resource; empty where the kind cannot be tagged (or adopted). */
    Optional<Step> tag(A actual, Map<String, String> add);

    /** Deletes it; empty for a kind ecsgate never deletes. */
    Optional<Step> delete(A actual);

    /**
     * Can a resource of the declared name that ecsgate did not create be taken over with {@code
     * adopt: true}? Not where names are not unique (API Gateway): such a resource only blocks.
     */
    default boolean adoptable() {
      return true;
    }
  }

  private final String kind;
  private final String label;
  private final Identity<A> identity;
  private final Rules<S, A> rules;

  /** {@code label}: what a person calls the kind, as in "a target group named ...". */
  public Owned(String kind, String label, Identity<A> identity, Rules<S, A> rules) {
    this.kind = kind;
    this.label = label;
    this.identity = identity;
    this.rules = rules;
  }

  /**
   * Plans every declared resource of the kind against {@code actual}, then the undeclared ones;
   * returns the declared ones it created, adopted or updated (neither suspended nor blocked by a
   * resource of their name), whose parts a kind may plan next.
   */
  public List<S> plan(PlanContext context, List<S> desired, List<A> actual, PlanBuilder out) {
    List<S> planned = new ArrayList<>();
    Index<A> index = Index.of(context.ownership(), kind, identity, actual);
    for (S spec : desired) if (plan(context, spec, index, out)) planned.add(spec);
    deleteUndeclared(context, desired, actual, out);
    return planned;
  }

  /**
   * The resources by the name ecsgate's tags give them (the first in the order AWS lists them) and
   * by their AWS name (all of them, in that order): one pass over the kind's resources, not one per
   * declared resource.
   */
  private record Index<A>(Map<String, A> ours, Map<String, List<A>> byAwsName) {
    static <A> Index<A> of(Ownership ownership, String kind, Identity<A> identity, List<A> all) {
      Map<String, A> ours = new HashMap<>();
      Map<String, List<A>> byAwsName = new HashMap<>();
      for (A a : all) {
        ownership
            .nameOf(identity.tags().apply(a), kind, identity.id().apply(a))
            .ifPresent(n -> ours.putIfAbsent(n, a));
        String awsName = identity.awsName().apply(a);
        if (awsName != null) byAwsName.computeIfAbsent(awsName, k -> new ArrayList<>()).add(a);
      }
      return new Index<>(ours, byAwsName);
    }
  }

  private boolean plan(PlanContext context, S desired, Index<A> index, PlanBuilder out) {
    Ownership ownership = context.ownership();
    Key key = Key.of(kind, desired.name());
    Optional<A> ours = Optional.ofNullable(index.ours().get(desired.name()));
    if (desired.metadata().suspend()) {
      ours.ifPresent(a -> out.known(key, identity.id().apply(a)));
      return false;
    }
    if (ours.isPresent()) {
      out.known(key, identity.id().apply(ours.get()));
      if (changeInPlace(desired, ours.get(), out)) tagMissing(desired, ours.get(), out);
      return true;
    }
    List<A> named = index.byAwsName().getOrDefault(desired.name(), List.of());
    if (named.isEmpty()) {
      rules.create(desired, out);
      out.pending(key);
      return true;
    }
    if (named.size() > 1) { // names need not be unique (API Gateway): adopt cannot choose
      out.add(Action.blocked(kind, desired.name(), severalNotOurs(desired, named.size())));
      return false;
    }
    Optional<A> inTheWay = Optional.of(named.get(0));
    Optional<Step> adopt =
        desired.metadata().adopt() && rules.adoptable()
            ? rules.tag(inTheWay.get(), ownership.tags(kind, desired.name(), desired.tags()))
            : Optional.empty();
    if (adopt.isEmpty()) {
      out.add(Action.blocked(kind, desired.name(), notOurs(desired)));
      return false;
    }
    out.add(Action.adopt(kind, desired.name(), adopt.get()));
    out.known(key, identity.id().apply(inTheWay.get()));
    changeInPlace(desired, inTheWay.get(), out);
    return true;
  }

  /** Plans the kind's field diffs; false when a field AWS cannot change replaces or blocks it. */
  private boolean changeInPlace(S desired, A actual, PlanBuilder out) {
    List<Change> fixed = rules.fixedFieldChanges(desired, actual);
    if (!fixed.isEmpty()) {
      rules.cannotChangeInPlace(desired, actual, fixed, out);
      return false;
    }
    rules.update(desired, actual, out);
    return true;
  }

  private String notOurs(S desired) {
    String name =
        "a " + label + " named '" + desired.name() + "' exists and is not managed by ecsgate";
    if (!rules.adoptable())
      return desired.metadata().adopt()
          ? name + "; adopting " + label + "s is not supported yet"
          : name;
    if (!desired.metadata().adopt()) return name + "; set metadata.adopt: true to take it over";
    return name + "; adopting " + label + "s is not supported";
  }

  private String severalNotOurs(S desired, int count) {
    return count
        + " "
        + label
        + "s named '"
        + desired.name()
        + "' exist and none is managed by ecsgate; "
        + (desired.metadata().adopt()
            ? "adopt: true takes over only the one "
                + label
                + " of a name: rename or delete the others"
            : "ecsgate creates none of that name while they exist");
  }

  /** User tags the resource lacks or has with another value; ecsgate never removes a tag. */
  private void tagMissing(S desired, A actual, PlanBuilder out) {
    Map<String, String> add = Tagging.missingTags(desired.tags(), identity.tags().apply(actual));
    if (add.isEmpty()) return;
    rules
        .tag(actual, add)
        .ifPresent(
            step ->
                out.add(
                    Action.update(
                        kind,
                        desired.name(),
                        step,
                        Tagging.tagChanges(add, identity.tags().apply(actual)))));
  }

  private void deleteUndeclared(
      PlanContext context, List<S> desired, List<A> actual, PlanBuilder out) {
    Set<String> declared = new HashSet<>();
    desired.forEach(spec -> declared.add(spec.name()));
    for (A resource : actual) {
      context
          .ownership()
          .nameOf(identity.tags().apply(resource), kind, identity.id().apply(resource))
          .filter(name -> !declared.contains(name))
          .ifPresent(
              name ->
                  rules
                      .delete(resource)
                      .ifPresent(
                          step ->
                              out.delete(
                                  kind, name, step, Deletes.UNDECLARED, "no longer declared")));
    }
  }
}
