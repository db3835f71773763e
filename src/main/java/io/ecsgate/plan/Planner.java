package io.ecsgate.plan;

/**
 * Turns (desired, observed) into a {@link Plan}. Pure: no I/O. Kinds are planned in dependency
 * order so that each planner knows which referenced resources exist and which the plan creates.
 */
public final class Planner {
  private final TargetGroupPlanner targetGroups = new TargetGroupPlanner();
  private final LoadBalancerPlanner loadBalancers = new LoadBalancerPlanner();
  private final ListenerRulePlanner listenerRules = new ListenerRulePlanner();
  private final NlbTargetsPlanner nlbTargets = new NlbTargetsPlanner();

  public Plan plan(PlanContext context) {
    if (context.desired().isEmpty()) {
      throw new IllegalArgumentException("refusing to plan an empty desired state");
    }
    PlanBuilder out = new PlanBuilder(context.options());
    targetGroups.plan(context, out);
    loadBalancers.plan(context, out);
    listenerRules.plan(context, out);
    nlbTargets.plan(context, out);
    return out.build();
  }
}
