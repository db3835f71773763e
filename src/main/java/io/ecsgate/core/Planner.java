package io.ecsgate.core;

import io.ecsgate.kinds.apigateway.ApiGatewayStep;
import io.ecsgate.kinds.apigateway.RestApiPlanner;
import io.ecsgate.kinds.apigateway.VpcLinkPlanner;
import io.ecsgate.kinds.ecs.ClusterPlanner;
import io.ecsgate.kinds.ecs.ScalingPolicyPlanner;
import io.ecsgate.kinds.ecs.ServicePlanner;
import io.ecsgate.kinds.ecs.TaskDefinitionPlanner;
import io.ecsgate.kinds.elb.ListenerRulePlanner;
import io.ecsgate.kinds.elb.LoadBalancerPlanner;
import io.ecsgate.kinds.elb.NlbTargetsPlanner;
import io.ecsgate.kinds.elb.TargetGroupPlanner;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns (desired, observed) into a {@link Plan}. Pure: no I/O. Kinds are planned in dependency
 * order so that each planner knows which referenced resources exist and which the plan creates.
 */
public final class Planner {
  private final TargetGroupPlanner targetGroups = new TargetGroupPlanner();
  private final LoadBalancerPlanner loadBalancers = new LoadBalancerPlanner();
  private final ListenerRulePlanner listenerRules = new ListenerRulePlanner();
  private final NlbTargetsPlanner nlbTargets = new NlbTargetsPlanner();
  private final ClusterPlanner clusters = new ClusterPlanner();
  private final TaskDefinitionPlanner taskDefinitions = new TaskDefinitionPlanner();
  private final ServicePlanner services = new ServicePlanner();
  private final ScalingPolicyPlanner scalingPolicies = new ScalingPolicyPlanner();
  private final VpcLinkPlanner vpcLinks = new VpcLinkPlanner();
  private final RestApiPlanner restApis = new RestApiPlanner();

  public Plan plan(PlanContext context) {
    if (context.desired().isEmpty()) {
      throw new IllegalArgumentException("refusing to plan an empty desired state");
    }
    PlanBuilder out = new PlanBuilder(context.options(), context.pass());
    targetGroups.plan(context, out);
    loadBalancers.plan(context, out);
    listenerRules.plan(context, out);
    nlbTargets.plan(context, out);
    clusters.plan(context, out);
    taskDefinitions.plan(context, out);
    services.plan(context, out);
    scalingPolicies.plan(context, out);
    vpcLinks.plan(context, out);
    restApis.plan(context, out);
    return out.build(context.observed().ownedCount(context.ownership()), prunesEverything(context));
  }

  /**
   * True when the desired state shares no resource with what this controller owns: a wrong
   * directory, not an intent.
   */
  static boolean prunesEverything(PlanContext context) {
    Set<String> owned = new HashSet<>(context.observed().ownedResources(context.ownership()));
    owned.removeIf(
        resource ->
            resource.startsWith(
                Kinds.LISTENER + "/")); // listeners come and go with their load balancer
    if (owned.isEmpty()) return false;
    Set<String> declared = new HashSet<>();
    context
        .desired()
        .loadBalancers()
        .forEach(r -> declared.add(Kinds.LOAD_BALANCER + "/" + r.name()));
    context
        .desired()
        .targetGroups()
        .forEach(r -> declared.add(Kinds.TARGET_GROUP + "/" + r.name()));
    context
        .desired()
        .listenerRules()
        .forEach(r -> declared.add(Kinds.LISTENER_RULE + "/" + r.name()));
    context.desired().clusters().forEach(r -> declared.add(Kinds.CLUSTER + "/" + r.name()));
    context.desired().services().forEach(r -> declared.add(Kinds.SERVICE + "/" + r.name()));
    context
        .desired()
        .services()
        .forEach(r -> declared.add(Kinds.TASK_DEFINITION + "/" + r.taskDefinition().family()));
    context
        .desired()
        .vpcLinks()
        .forEach(r -> declared.add(ApiGatewayStep.VPC_LINK + "/" + r.name()));
    context
        .desired()
        .restApis()
        .forEach(r -> declared.add(ApiGatewayStep.REST_API + "/" + r.name()));
    return owned.stream().noneMatch(declared::contains);
  }
}
