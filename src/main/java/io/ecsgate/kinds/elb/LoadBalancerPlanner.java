package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Load balancers and their listeners. Type and scheme are fixed at creation (a change is reported,
 * never silently replaced: a new load balancer means a new DNS name); subnets and security groups
 * change in place; listeners are created, modified or (with --prune) deleted by port ({@link
 * Listeners}). A load balancer whose subnets or security groups do not resolve is blocked before
 * the ownership algorithm ({@link Owned}) sees it: it can be neither created nor changed, and what
 * ecsgate owns of it stays known to its dependents.
 */
public final class LoadBalancerPlanner implements Kind.Planner {
  private static final String KIND = LoadBalancerSpec.KIND;

  /** The kind of a load balancer's listeners, planned here with it. */
  public static final String LISTENER = "Listener";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    new Rules(context)
        .plan(context, "load balancer", context.desired().all(LoadBalancerSpec.class), out);
  }

  public static Key listenerKey(String loadBalancer, int port) {
    return Key.of(LISTENER, loadBalancer + ":" + port);
  }

  /** A load balancer is found by ecsgate's tag, or (to adopt) by its name. */
  private static final class Rules extends ElbRules<LoadBalancerSpec, LoadBalancer> {
    private final DesiredState declared;

    Rules(PlanContext context) {
      super(
          context,
          KIND,
          ElbSnapshot::loadBalancers,
          LoadBalancer::loadBalancerArn,
          LoadBalancer::loadBalancerName,
          LoadBalancerStep.Delete::new);
      this.declared = context.desired();
    }

    @Override
    public void create(LoadBalancerSpec desired, PlanBuilder out) {
      List<String> subnetIds = network.ids(desired.subnets());
      Map<String, String> tags = ownership.tags(KIND, desired.name(), desired.tags());
      out.add(
          Action.create(
              KIND,
              desired.name(),
              new LoadBalancerStep.Create(
                  desired, subnetIds, network.ids(desired.securityGroups()), tags),
              List.of(
                  Change.of("type", "(none)", desired.type()),
                  Change.of("scheme", "(none)", desired.scheme()),
                  Change.of("subnets", "(none)", subnetIds))));
      for (LoadBalancerSpec.Listener listener : desired.listeners())
        Listeners.create(desired, listener, ownership, out);
    }

    @Override
    public List<Change> fixedFieldChanges(LoadBalancerSpec desired, LoadBalancer actual) {
      return immutableChanges(desired, actual);
    }

    /** A load balancer is never replaced: a new one would get a new DNS name. */
    @Override
    public void cannotChangeInPlace(
        LoadBalancerSpec desired, LoadBalancer actual, List<Change> immutable, PlanBuilder out) {
      out.add(
          Action.blocked(
              KIND,
              desired.name(),
              immutable.stream().map(Change::toString).collect(Collectors.joining("; "))
                  + ": cannot change on an existing load balancer (it would get a new DNS name); rename it to create a new one"));
    }

    @Override
    public void update(LoadBalancerSpec desired, LoadBalancer actual, PlanBuilder out) {
      Set<String> actualSubnets =
          actual.availabilityZones().stream()
              .map(AvailabilityZone::subnetId)
              .collect(Collectors.toCollection(TreeSet::new));
      List<String> subnetIds = network.ids(desired.subnets());
      setIfDifferent(
          desired,
          "subnets",
          actualSubnets,
          subnetIds,
          new LoadBalancerStep.SetSubnets(actual.loadBalancerArn(), subnetIds),
          out);
      // a network load balancer created without security groups keeps none unless some are set
      List<String> groupIds = network.ids(desired.securityGroups());
      if (desired.isApplication() || !groupIds.isEmpty())
        setIfDifferent(
            desired,
            "securityGroups",
            new TreeSet<>(actual.securityGroups()),
            groupIds,
            new LoadBalancerStep.SetSecurityGroups(actual.loadBalancerArn(), groupIds),
            out);
      Listeners.plan(desired, actual, elb, ownership, out);
    }

    /** One Set call when the IDs differ from those in place (in any order). */
    private static void setIfDifferent(
        LoadBalancerSpec desired,
        String field,
        Set<String> actual,
        List<String> ids,
        LoadBalancerStep step,
        PlanBuilder out) {
      Set<String> wanted = new TreeSet<>(ids);
      if (actual.equals(wanted)) return;
      out.add(Action.update(KIND, desired.name(), step, List.of(Change.of(field, actual, wanted))));
    }

    /**
     * The first unresolved subnet and the first unresolved security group, if any; else a target
     * group it forwards to that is declared in another VPC (AWS refuses it).
     */
    @Override
    List<String> unresolvedReferences(LoadBalancerSpec desired) {
      List<String> problems = new ArrayList<>();
      firstUnresolved(desired.subnets()).ifPresent(problems::add);
      firstUnresolved(desired.securityGroups()).ifPresent(problems::add);
      if (problems.isEmpty())
        network
            .vpcOf(desired.subnets())
            .ifPresent(vpc -> problems.addAll(otherVpcGroups(desired, vpc)));
      return problems;
    }

    /** The declared target groups this load balancer forwards to that are not in {@code vpc}. */
    private List<String> otherVpcGroups(LoadBalancerSpec desired, String vpc) {
      Set<String> groups = new TreeSet<>();
      desired.listeners().forEach(l -> l.forward().ifPresent(ref -> groups.add(ref.name())));
      declared.all(ListenerRuleSpec.class).stream()
          .filter(rule -> rule.loadBalancer().name().equals(desired.name()))
          .forEach(rule -> groups.add(rule.forward().name()));
      List<String> problems = new ArrayList<>();
      for (String name : groups) {
        declared
            .find(TargetGroupSpec.class, name)
            .flatMap(tg -> network.id(tg.vpc()))
            .filter(groupVpc -> !groupVpc.equals(vpc))
            .ifPresent(
                groupVpc ->
                    problems.add(
                        "load balancer '"
                            + desired.name()
                            + "' is in VPC "
                            + vpc
                            + " but forwards to target group '"
                            + name
                            + "' in VPC "
                            + groupVpc
                            + "; AWS only forwards to a target group of the load balancer's VPC"));
      }
      return problems;
    }

    private Optional<String> firstUnresolved(List<Ref> refs) {
      return refs.stream().map(network::unresolved).flatMap(Optional::stream).findFirst();
    }

    /** Its listeners stay known too. */
    @Override
    void keepKnown(LoadBalancerSpec desired, LoadBalancer actual, PlanBuilder out) {
      super.keepKnown(desired, actual, out);
      Listeners.keepKnown(desired, actual, elb, out);
    }
  }

  private static List<Change> immutableChanges(LoadBalancerSpec desired, LoadBalancer actual) {
    List<Change> immutable = new ArrayList<>();
    if (!desired.type().equals(actual.typeAsString()))
      immutable.add(Change.of("type", actual.typeAsString(), desired.type()));
    if (!desired.scheme().equals(actual.schemeAsString()))
      immutable.add(Change.of("scheme", actual.schemeAsString(), desired.scheme()));
    return immutable;
  }
}
