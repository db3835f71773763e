package io.ecsgate.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns (desired, observed) into a {@link Plan}. Pure: no I/O. Kinds are planned in their order so
 * that each knows which referenced resources exist and which the plan creates; the deletion guards
 * then apply to all of them at once ({@link PlanBuilder#build}).
 *
 * <p>A kind whose family was not observed ({@link ObservationFailure}), or that needs ({@link
 * Kind#needs()}) a family not observed or a kind not planned, is not planned: it proposes nothing,
 * so no deletion and no change comes from what was not read. Each resource of it that the desired
 * state declares (and does not suspend) is blocked as not observed instead, and each failed family
 * adds one blocked action of kind {@value ObservationFailure#KIND} naming the failure and the kinds
 * it left unplanned. So {@code apply} writes nothing and exits 1, while the daemon holds only what
 * depends on them ({@link Plan#withoutDependentsOfBlocked()}) and plans the other kinds as usual.
 */
public final class Planner {
  private final List<Kind> kinds;
  private final List<String> order = new ArrayList<>();

  /** {@code kinds} in the order they are created and updated (deletes run in reverse). */
  public Planner(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
    kinds.forEach(kind -> order.addAll(kind.actionKinds()));
  }

  public Plan plan(PlanContext context) {
    if (context.desired().isEmpty()) {
      throw new IllegalArgumentException("refusing to plan an empty desired state");
    }
    PlanBuilder out = new PlanBuilder(context.options(), context.pass(), order);
    Map<String, ObservationFailure> unplanned = new HashMap<>();
    Map<ObservationFailure, List<String>> left = new LinkedHashMap<>();
    for (ObservationFailure failure : context.observed().failures()) {
      unplanned.put(failure.family(), failure);
      failure.kinds().forEach(kind -> unplanned.put(kind, failure));
      left.put(failure, new ArrayList<>());
    }
    for (Kind kind : kinds) {
      Optional<String> why = whyNotPlanned(kind, unplanned);
      if (why.isEmpty()) {
        kind.planner().plan(context, out);
        continue;
      }
      ObservationFailure failure = unplanned.get(cause(kind, unplanned));
      kind.actionKinds().forEach(k -> unplanned.putIfAbsent(k, failure));
      left.get(failure).add(kind.name());
      blockDeclared(context.desired(), kind, why.get(), out);
    }
    left.forEach(
        (failure, notPlanned) ->
            out.add(
                Action.blocked(
                    ObservationFailure.KIND,
                    failure.family(),
                    failure.summary()
                        + (notPlanned.isEmpty()
                            ? ""
                            : "; not planned: " + String.join(", ", notPlanned))
                        + " (nothing is deleted while it fails)")));
    return out.build(context.observed().ownedCount(context.ownership()), prunesEverything(context))
        .checkedAgainst(
            context.ownership().inventory(), context.observed().untracked(context.ownership()));
  }

  /**
   * Why {@code kind} is not planned: one of its action kinds was not observed, or it needs a family
   * not observed or a kind not planned ({@code unplanned}, by name). Empty when it is planned.
   */
  static Optional<String> whyNotPlanned(Kind kind, Map<String, ObservationFailure> unplanned) {
    String cause = cause(kind, unplanned);
    if (cause == null) return Optional.empty();
    ObservationFailure failure = unplanned.get(cause);
    if (kind.actionKinds().contains(cause))
      return Optional.of("not observed: " + failure.summary());
    return Optional.of(
        "not planned: it needs "
            + cause
            + ", which "
            + (cause.equals(failure.family()) ? "was not observed" : "is not planned")
            + " ("
            + failure.summary()
            + ")");
  }

  /** The first of {@code kind}'s own action kinds, then of its needs, that is unplanned. */
  private static String cause(Kind kind, Map<String, ObservationFailure> unplanned) {
    for (String own : kind.actionKinds()) if (unplanned.containsKey(own)) return own;
    return kind.needs().stream().sorted().filter(unplanned::containsKey).findFirst().orElse(null);
  }

  /** Each resource of {@code kind} that the desired state declares, blocked for {@code why}. */
  private static void blockDeclared(DesiredState desired, Kind kind, String why, PlanBuilder out) {
    Set<Key> blocked = new LinkedHashSet<>();
    for (Spec spec : desired.specs()) {
      if (spec.metadata().suspend()) continue; // left alone whatever is observed
      for (Key key : spec.declares()) if (kind.actionKinds().contains(key.kind())) blocked.add(key);
    }
    blocked.forEach(key -> out.add(Action.blocked(key.kind(), key.name(), why)));
  }

  /**
   * True when the desired state shares no resource with what this controller owns: a wrong
   * directory, not an intent. Only kinds that are declared count: parts such as listeners come and
   * go with what holds them.
   */
  private boolean prunesEverything(PlanContext context) {
    Set<String> declarable = new HashSet<>();
    kinds.stream().filter(k -> k.spec().isPresent()).forEach(k -> declarable.add(k.name() + "/"));
    Set<String> owned = new HashSet<>(context.observed().ownedResources(context.ownership()));
    owned.removeIf(resource -> declarable.stream().noneMatch(resource::startsWith));
    if (owned.isEmpty()) return false;
    Set<String> declared = new HashSet<>();
    for (Spec spec : context.desired().specs())
      spec.declares().forEach(key -> declared.add(key.toString()));
    return owned.stream().noneMatch(declared::contains);
  }
}
