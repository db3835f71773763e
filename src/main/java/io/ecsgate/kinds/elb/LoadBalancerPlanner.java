package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.network.Network;
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
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Rules rules = new Rules(context.ownership(), elb, Network.of(context.observed()));
    List<LoadBalancerSpec> declared = context.desired().all(LoadBalancerSpec.class);
    List<LoadBalancerSpec> placed = new ArrayList<>();
    for (LoadBalancerSpec desired : declared) {
      List<String> problems = rules.unresolvedReferences(desired);
      if (problems.isEmpty()) placed.add(desired);
      else problems.forEach(problem -> out.add(Action.blocked(KIND, desired.name(), problem)));
    }
    List<LoadBalancer> matchable =
        elb.loadBalancers().stream().filter(lb -> !rules.isOfBlocked(lb, declared)).toList();
    new Owned<>(KIND, "load balancer", rules).plan(context, placed, matchable, out);
    for (LoadBalancerSpec desired : declared) {
      if (!placed.contains(desired) || desired.metadata().suspend())
        rules.firstOurs(desired).ifPresent(lb -> rules.keepKnown(desired, lb, out));
    }
  }

  public static Key listenerKey(String loadBalancer, int port) {
    return Key.of(LISTENER, loadBalancer + ":" + port);
  }

  /** A load balancer is found by ecsgate's tag, or (to adopt) by its name. */
  private record Rules(Ownership ownership, ElbSnapshot elb, Network network)
      implements Owned.Rules<LoadBalancerSpec, LoadBalancer> {

    @Override
    public String id(LoadBalancer actual) {
      return actual.loadBalancerArn();
    }

    @Override
    public Map<String, String> tags(LoadBalancer actual) {
      return elb.tagsOf(actual.loadBalancerArn());
    }

    @Override
    public String awsName(LoadBalancer actual) {
      return actual.loadBalancerName();
    }

    @Override
    public void create(LoadBalancerSpec desired, PlanBuilder out) {
      List<String> subnetIds = ids(desired.subnets());
      Map<String, String> tags = ownership.tags(KIND, desired.name(), desired.tags());
      out.add(
          Action.create(
              KIND,
              desired.name(),
              new LoadBalancerStep.Create(desired, subnetIds, ids(desired.securityGroups()), tags),
              List.of(
                  Change.of("type", "(none)", desired.type()),
                  Change.of("scheme", "(none)", desired.scheme()),
                  Change.of("subnets", "(none)", subnetIds))));
      for (LoadBalancerSpec.Listener listener : desired.listeners())
        Listeners.create(desired, listener, ownership, out);
    }

    @Override
    public void update(LoadBalancerSpec desired, LoadBalancer actual, PlanBuilder out) {
      List<Change> immutable = immutableChanges(desired, actual);
      if (!immutable.isEmpty()) {
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                immutable.stream().map(Change::toString).collect(Collectors.joining("; "))
                    + ": cannot change on an existing load balancer (it would get a new DNS name); rename it to create a new one"));
        return;
      }
      setSubnets(desired, actual, out);
      setSecurityGroups(desired, actual, out);
      Listeners.plan(desired, actual, elb, ownership, out);
    }

    @Override
    public Optional<Step> tag(LoadBalancer actual, Map<String, String> add) {
      return Optional.of(new ElbTagsStep(actual.loadBalancerArn(), add, List.of()));
    }

    @Override
    public Optional<Step> delete(LoadBalancer actual) {
      return Optional.of(new LoadBalancerStep.Delete(actual.loadBalancerArn()));
    }

    private void setSubnets(LoadBalancerSpec desired, LoadBalancer actual, PlanBuilder out) {
      Set<String> actualSubnets =
          actual.availabilityZones().stream()
              .map(AvailabilityZone::subnetId)
              .collect(Collectors.toCollection(TreeSet::new));
      List<String> subnetIds = ids(desired.subnets());
      if (actualSubnets.equals(new TreeSet<>(subnetIds))) return;
      out.add(
          Action.update(
              KIND,
              desired.name(),
              new LoadBalancerStep.SetSubnets(actual.loadBalancerArn(), subnetIds),
              List.of(Change.of("subnets", actualSubnets, new TreeSet<>(subnetIds)))));
    }

    /** A network load balancer created without security groups keeps none unless some are set. */
    private void setSecurityGroups(LoadBalancerSpec desired, LoadBalancer actual, PlanBuilder out) {
      Set<String> actualGroups = new TreeSet<>(actual.securityGroups());
      List<String> groupIds = ids(desired.securityGroups());
      if (actualGroups.equals(new TreeSet<>(groupIds))) return;
      if (!desired.isApplication() && groupIds.isEmpty()) return;
      out.add(
          Action.update(
              KIND,
              desired.name(),
              new LoadBalancerStep.SetSecurityGroups(actual.loadBalancerArn(), groupIds),
              List.of(Change.of("securityGroups", actualGroups, new TreeSet<>(groupIds)))));
    }

    /**
     * Why the load balancer cannot be planned: the first unresolved subnet and the first unresolved
     * security group, if any.
     */
    List<String> unresolvedReferences(LoadBalancerSpec desired) {
      if (desired.metadata().suspend()) return List.of();
      List<String> problems = new ArrayList<>();
      firstUnresolved(desired.subnets()).ifPresent(problems::add);
      firstUnresolved(desired.securityGroups()).ifPresent(problems::add);
      return problems;
    }

    private Optional<String> firstUnresolved(List<Ref> refs) {
      return refs.stream()
          .filter(ref -> network.id(ref).isEmpty())
          .findFirst()
          .map(
              ref ->
                  ref.at()
                      + ": "
                      + network.problem(ref).orElse("'" + ref.name() + "' not resolved"));
    }

    private List<String> ids(List<Ref> refs) {
      return refs.stream().map(ref -> network.id(ref).orElseThrow()).toList();
    }

    /** Is this one of ours for a declaration blocked on its references? */
    boolean isOfBlocked(LoadBalancer actual, List<LoadBalancerSpec> declared) {
      return ownership
          .nameOf(tags(actual), KIND)
          .flatMap(name -> declared.stream().filter(d -> d.name().equals(name)).findFirst())
          .filter(desired -> !unresolvedReferences(desired).isEmpty())
          .isPresent();
    }

    Optional<LoadBalancer> firstOurs(LoadBalancerSpec desired) {
      return elb.loadBalancers().stream()
          .filter(lb -> ownership.isResource(tags(lb), KIND, desired.name()))
          .findFirst();
    }

    /** A load balancer left alone stays known to its dependents, with its listeners. */
    void keepKnown(LoadBalancerSpec desired, LoadBalancer actual, PlanBuilder out) {
      out.known(Key.of(KIND, desired.name()), actual.loadBalancerArn());
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
