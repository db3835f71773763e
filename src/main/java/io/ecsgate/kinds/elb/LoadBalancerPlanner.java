package io.ecsgate.kinds.elb;

import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Tagging;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Load balancers and their listeners. Type and scheme are fixed at creation (a change is reported,
 * never silently replaced: a new load balancer means a new DNS name); subnets and security groups
 * change in place; listeners are created, modified or (with --prune) deleted by port.
 */
public final class LoadBalancerPlanner implements Kind.Planner {
  private static final String KIND = LoadBalancerSpec.KIND;

  /** The kind of a load balancer's listeners, planned here with it. */
  public static final String LISTENER = "Listener";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    Network network = Network.of(context.observed());
    Map<String, List<LoadBalancer>> oursByName =
        ElbOwnership.oursByName(
            elb.loadBalancers(), LoadBalancer::loadBalancerArn, elb, ownership, KIND);
    for (LoadBalancerSpec desired : context.desired().all(LoadBalancerSpec.class)) {
      Key key = Key.of(KIND, desired.name());
      List<LoadBalancer> ours = oursByName.getOrDefault(desired.name(), List.of());
      Optional<LoadBalancer> actual = ours.stream().findFirst();
      if (actual.isEmpty()) {
        Optional<LoadBalancer> sameName = elb.loadBalancerNamed(desired.name());
        if (sameName.isPresent() && !desired.metadata().adopt()) {
          out.add(
              blocked(
                  desired,
                  "a load balancer named '"
                      + desired.name()
                      + "' exists and is not managed by ecsgate; set metadata.adopt: true to take it over"));
          continue;
        }
        if (sameName.isPresent() && !desired.metadata().suspend()) {
          out.add(
              io.ecsgate.core.Action.adopt(
                  KIND,
                  desired.name(),
                  new ElbTagsStep(
                      sameName.get().loadBalancerArn(),
                      ownership.tags(KIND, desired.name(), desired.tags()),
                      List.of())));
        }
        actual = sameName;
      }
      actual.ifPresent(lb -> out.known(key, lb.loadBalancerArn()));
      if (desired.metadata().suspend()) {
        actual.ifPresent(
            lb ->
                elb.listenersOf(lb.loadBalancerArn())
                    .forEach(
                        l -> out.known(listenerKey(desired.name(), l.port()), l.listenerArn())));
        continue;
      }
      Optional<List<String>> subnetIds = ids(desired.subnets(), network, desired, out);
      Optional<List<String>> groupIds = ids(desired.securityGroups(), network, desired, out);
      if (subnetIds.isEmpty() || groupIds.isEmpty()) {
        actual.ifPresent(
            lb ->
                elb.listenersOf(lb.loadBalancerArn())
                    .forEach(
                        l -> out.known(listenerKey(desired.name(), l.port()), l.listenerArn())));
        continue;
      }
      if (actual.isEmpty()) {
        Map<String, String> tags = ownership.tags(KIND, desired.name(), desired.tags());
        out.add(
            io.ecsgate.core.Action.create(
                KIND,
                desired.name(),
                new LoadBalancerStep.Create(desired, subnetIds.get(), groupIds.get(), tags),
                List.of(
                    Change.of("type", "(none)", desired.type()),
                    Change.of("scheme", "(none)", desired.scheme()),
                    Change.of("subnets", "(none)", subnetIds.get()))));
        out.pending(key);
        for (LoadBalancerSpec.Listener listener : desired.listeners()) {
          createListener(desired, listener, ownership, out);
        }
        continue;
      }
      LoadBalancer lb = actual.get();
      List<Change> immutable = new ArrayList<>();
      if (!desired.type().equals(lb.typeAsString()))
        immutable.add(Change.of("type", lb.typeAsString(), desired.type()));
      if (!desired.scheme().equals(lb.schemeAsString()))
        immutable.add(Change.of("scheme", lb.schemeAsString(), desired.scheme()));
      if (!immutable.isEmpty()) {
        out.add(
            blocked(
                desired,
                immutable.stream().map(Change::toString).collect(Collectors.joining("; "))
                    + ": cannot change on an existing load balancer (it would get a new DNS name); rename it to create a new one"));
        continue;
      }
      Set<String> actualSubnets =
          lb.availabilityZones().stream()
              .map(AvailabilityZone::subnetId)
              .collect(Collectors.toCollection(TreeSet::new));
      if (!actualSubnets.equals(new TreeSet<>(subnetIds.get()))) {
        out.add(
            io.ecsgate.core.Action.update(
                KIND,
                desired.name(),
                new LoadBalancerStep.SetSubnets(lb.loadBalancerArn(), subnetIds.get()),
                List.of(Change.of("subnets", actualSubnets, new TreeSet<>(subnetIds.get())))));
      }
      Set<String> actualGroups = new TreeSet<>(lb.securityGroups());
      if (!actualGroups.equals(new TreeSet<>(groupIds.get()))
          && (desired.isApplication() || !groupIds.get().isEmpty())) {
        out.add(
            io.ecsgate.core.Action.update(
                KIND,
                desired.name(),
                new LoadBalancerStep.SetSecurityGroups(lb.loadBalancerArn(), groupIds.get()),
                List.of(Change.of("securityGroups", actualGroups, new TreeSet<>(groupIds.get())))));
      }
      Map<String, String> addTags =
          Tagging.missingTags(desired.tags(), elb.tagsOf(lb.loadBalancerArn()));
      if (!addTags.isEmpty() && !ours.isEmpty()) {
        out.add(
            io.ecsgate.core.Action.update(
                KIND,
                desired.name(),
                new ElbTagsStep(lb.loadBalancerArn(), addTags, List.of()),
                Tagging.tagChanges(addTags, elb.tagsOf(lb.loadBalancerArn()))));
      }
      planListeners(context, desired, lb, out);
    }
    prune(context, out);
  }

  private void planListeners(
      PlanContext context, LoadBalancerSpec desired, LoadBalancer lb, PlanBuilder out) {
    List<Listener> actualListeners =
        ElbSnapshot.of(context.observed()).listenersOf(lb.loadBalancerArn());
    for (LoadBalancerSpec.Listener desiredListener : desired.listeners()) {
      Optional<Listener> actualListener =
          actualListeners.stream().filter(l -> l.port() == desiredListener.port()).findFirst();
      if (actualListener.isEmpty()) {
        createListener(desired, desiredListener, context.ownership(), out);
        continue;
      }
      out.known(
          listenerKey(desired.name(), desiredListener.port()), actualListener.get().listenerArn());
      List<Change> changes = listenerDrift(desiredListener, actualListener.get(), out);
      if (!changes.isEmpty()) {
        out.add(
            io.ecsgate.core.Action.update(
                LoadBalancerPlanner.LISTENER,
                desired.name() + ":" + desiredListener.port(),
                new LoadBalancerStep.ModifyListener(
                    actualListener.get().listenerArn(), desiredListener),
                changes));
      }
    }
    for (Listener actualListener : actualListeners) {
      if (desired.listener(actualListener.port()).isEmpty()) {
        out.delete(
            LoadBalancerPlanner.LISTENER,
            desired.name() + ":" + actualListener.port(),
            new LoadBalancerStep.DeleteListener(actualListener.listenerArn()),
            Deletes.UNDECLARED,
            "listener no longer declared");
      }
    }
  }

  /** Protocol, certificate and default action of a listener, compared with what is declared. */
  static List<Change> listenerDrift(
      LoadBalancerSpec.Listener desired, Listener actual, PlanBuilder out) {
    List<Change> changes = new ArrayList<>();
    if (!desired.protocol().equals(actual.protocolAsString()))
      changes.add(Change.of("protocol", actual.protocolAsString(), desired.protocol()));
    desired
        .certificateArn()
        .ifPresent(
            cert -> {
              String actualCert =
                  actual.certificates().isEmpty()
                      ? "(none)"
                      : actual.certificates().get(0).certificateArn();
              if (!cert.equals(actualCert))
                changes.add(Change.of("certificateArn", actualCert, cert));
            });
    Optional<Action> actualAction = actual.defaultActions().stream().findFirst();
    if (desired.forward().isPresent()) {
      Key tg = Key.of(TargetGroupSpec.KIND, desired.forward().get().name());
      String actualTarget = actualAction.map(LoadBalancerPlanner::forwardTarget).orElse("(none)");
      Optional<String> desiredTarget = out.idOf(tg);
      if (desiredTarget.isEmpty() || !desiredTarget.get().equals(actualTarget)) {
        changes.add(
            Change.of("defaultAction.forward", actualTarget, desiredTarget.orElse(tg + " (new)")));
      }
    } else {
      LoadBalancerSpec.FixedResponse fixed = desired.fixedResponse().orElseThrow();
      String desiredText =
          fixed.statusCode() + " " + fixed.contentType() + " '" + fixed.messageBody() + "'";
      String actualText =
          actualAction
              .filter(a -> a.fixedResponseConfig() != null)
              .map(
                  a ->
                      a.fixedResponseConfig().statusCode()
                          + " "
                          + a.fixedResponseConfig().contentType()
                          + " '"
                          + (a.fixedResponseConfig().messageBody() == null
                              ? ""
                              : a.fixedResponseConfig().messageBody())
                          + "'")
              .orElse(actualAction.map(a -> a.typeAsString()).orElse("(none)"));
      if (!desiredText.equals(actualText))
        changes.add(Change.of("defaultAction.fixedResponse", actualText, desiredText));
    }
    return changes;
  }

  /** The target group a forward action sends to (simple form or single-group forward config). */
  static String forwardTarget(Action action) {
    if (action.targetGroupArn() != null) return action.targetGroupArn();
    if (action.forwardConfig() != null && action.forwardConfig().targetGroups().size() == 1) {
      return action.forwardConfig().targetGroups().get(0).targetGroupArn();
    }
    return action.typeAsString();
  }

  private static void createListener(
      LoadBalancerSpec desired,
      LoadBalancerSpec.Listener listener,
      Ownership ownership,
      PlanBuilder out) {
    String name = desired.name() + ":" + listener.port();
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of("protocol", "(none)", listener.protocol()));
    listener
        .forward()
        .ifPresent(f -> changes.add(Change.of("defaultAction.forward", "(none)", f.name())));
    listener
        .fixedResponse()
        .ifPresent(
            f -> changes.add(Change.of("defaultAction.fixedResponse", "(none)", f.statusCode())));
    out.add(
        io.ecsgate.core.Action.create(
            LoadBalancerPlanner.LISTENER,
            name,
            new LoadBalancerStep.CreateListener(
                Key.of(KIND, desired.name()),
                listener,
                ownership.tags(LoadBalancerPlanner.LISTENER, name, Map.of())),
            changes));
    out.pending(listenerKey(desired.name(), listener.port()));
  }

  public static Key listenerKey(String loadBalancer, int port) {
    return Key.of(LoadBalancerPlanner.LISTENER, loadBalancer + ":" + port);
  }

  private static Optional<List<String>> ids(
      List<Ref> refs, Network network, LoadBalancerSpec desired, PlanBuilder out) {
    List<String> ids = new ArrayList<>();
    for (Ref ref : refs) {
      Optional<String> id = network.id(ref);
      if (id.isEmpty()) {
        out.add(
            blocked(
                desired,
                ref.at()
                    + ": "
                    + network.problem(ref).orElse("'" + ref.name() + "' not resolved")));
        return Optional.empty();
      }
      ids.add(id.get());
    }
    return Optional.of(ids);
  }

  private static io.ecsgate.core.Action blocked(LoadBalancerSpec desired, String reason) {
    return io.ecsgate.core.Action.blocked(KIND, desired.name(), reason);
  }

  private void prune(PlanContext context, PlanBuilder out) {
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Set<String> declared =
        context.desired().all(LoadBalancerSpec.class).stream()
            .map(LoadBalancerSpec::name)
            .collect(Collectors.toSet());
    ElbOwnership.oursByName(
            elb.loadBalancers(), LoadBalancer::loadBalancerArn, elb, context.ownership(), KIND)
        .forEach(
            (name, balancers) -> {
              if (declared.contains(name)) return;
              for (LoadBalancer lb : balancers) {
                out.delete(
                    KIND,
                    name,
                    new LoadBalancerStep.Delete(lb.loadBalancerArn()),
                    Deletes.UNDECLARED,
                    "no longer declared");
              }
            });
  }
}
