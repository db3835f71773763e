package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Owned;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Spec;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Owned} for the API Gateway kinds, whose resources ecsgate cannot take over: API Gateway
 * names are not unique, so a VPC link or REST API ecsgate did not create is never adopted. A
 * declared one that ecsgate does not own, while one of its name exists, is reported blocked (with
 * {@code adopt: true} too, saying that adopting is not supported) and never touched; everything
 * else is {@link Owned}'s.
 */
final class Unadoptable<S extends Spec, A> {
  /** What is particular to one kind: how its resources are created, updated and deleted. */
  interface Rules<S, A> {
    /** Creates the resource; nothing of ours exists. */
    void create(S desired, PlanBuilder out);

    /** The field diffs of a resource ecsgate owns. */
    void update(S desired, A actual, PlanBuilder out);

    Step delete(A actual);
  }

  private final String kind;
  private final String label;
  private final Owned.Identity<A> identity;
  private final Owned.Rules<S, A> rules;

  /**
   * {@code label}: what a person calls the kind, as in "a VPC link named ..."; {@code identity}:
   * the name it gives is not unique in API Gateway.
   */
  Unadoptable(String kind, String label, Owned.Identity<A> identity, Rules<S, A> rules) {
    this.kind = kind;
    this.label = label;
    this.identity = identity;
    this.rules = new AsOwned<>(rules);
  }

  /** The kind's rules as {@link Owned} takes them: never tagged after it is created. */
  private record AsOwned<S, A>(Rules<S, A> rules) implements Owned.Rules<S, A> {
    @Override
    public void create(S desired, PlanBuilder out) {
      rules.create(desired, out);
    }

    @Override
    public void update(S desired, A actual, PlanBuilder out) {
      rules.update(desired, actual, out);
    }

    /** None: a resource that cannot be adopted is not tagged afterwards either. */
    @Override
    public Optional<Step> tag(A actual, Map<String, String> add) {
      return Optional.empty();
    }

    @Override
    public Optional<Step> delete(A actual) {
      return Optional.of(rules.delete(actual));
    }
  }

  /**
   * Plans every declared resource of the kind, then the undeclared ones; returns the declared ones
   * whose parts are to be planned (neither suspended nor blocked by a resource of their name).
   */
  List<S> plan(PlanContext context, List<S> desired, List<A> actual, PlanBuilder out) {
    List<S> plannable = new ArrayList<>();
    for (S spec : desired) {
      if (isNameTakenByAnother(context, spec, actual))
        out.add(Action.blocked(kind, spec.name(), notOurs(spec)));
      else plannable.add(spec);
    }
    new Owned<>(kind, label, identity, rules).plan(context, plannable, actual, out);
    return plannable.stream().filter(spec -> !spec.metadata().suspend()).toList();
  }

  /** Is a resource of the declared name there that ecsgate does not own, and none that it does? */
  private boolean isNameTakenByAnother(PlanContext context, S desired, List<A> actual) {
    if (desired.metadata().suspend()) return false;
    boolean ours =
        actual.stream()
            .anyMatch(
                a ->
                    context.ownership().isResource(identity.tags().apply(a), kind, desired.name()));
    return !ours
        && actual.stream().anyMatch(a -> desired.name().equals(identity.awsName().apply(a)));
  }

  private String notOurs(S desired) {
    String name =
        "a " + label + " named '" + desired.name() + "' exists and is not managed by ecsgate";
    return desired.metadata().adopt()
        ? name + "; adopting " + label + "s is not supported yet"
        : name;
  }
}
