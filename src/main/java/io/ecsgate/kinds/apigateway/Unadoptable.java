package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Owned;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Owned} for the API Gateway kinds, whose resources ecsgate cannot take over: API Gateway
 * names are not unique, so a VPC link or REST API ecsgate did not create is never adopted. A
 * declared one that ecsgate does not own, while one of its name exists, is reported blocked (with
 * {@code adopt: true} too, saying that adopting is not supported) and never touched; everything
 * else is {@link Owned}'s.
 */
final class Unadoptable<S extends Spec, A> {
  private final String kind;
  private final String label;
  private final Owned.Rules<S, A> rules;

  /** {@code rules} return no tag step: what cannot be adopted is not tagged afterwards either. */
  Unadoptable(String kind, String label, Owned.Rules<S, A> rules) {
    this.kind = kind;
    this.label = label;
    this.rules = rules;
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
    new Owned<>(kind, label, rules).plan(context, plannable, actual, out);
    return plannable.stream().filter(spec -> !spec.metadata().suspend()).toList();
  }

  /** Is a resource of the declared name there that ecsgate does not own, and none that it does? */
  private boolean isNameTakenByAnother(PlanContext context, S desired, List<A> actual) {
    if (desired.metadata().suspend()) return false;
    boolean ours =
        actual.stream()
            .anyMatch(a -> context.ownership().isResource(rules.tags(a), kind, desired.name()));
    return !ours && actual.stream().anyMatch(a -> desired.name().equals(rules.awsName(a)));
  }

  private String notOurs(S desired) {
    String name =
        "a " + label + " named '" + desired.name() + "' exists and is not managed by ecsgate";
    return desired.metadata().adopt()
        ? name + "; adopting " + label + "s is not supported yet"
        : name;
  }
}
