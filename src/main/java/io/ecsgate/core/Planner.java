package io.ecsgate.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns (desired, observed) into a {@link Plan}. Pure: no I/O. Kinds are planned in their order so
 * that each knows which referenced resources exist and which the plan creates; the deletion guards
 * then apply to all of them at once ({@link PlanBuilder#build}).
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
    for (Kind kind : kinds) kind.planner().plan(context, out);
    return out.build(context.observed().ownedCount(context.ownership()), prunesEverything(context))
        .checkedAgainst(
            context.ownership().inventory(), context.observed().untracked(context.ownership()));
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
