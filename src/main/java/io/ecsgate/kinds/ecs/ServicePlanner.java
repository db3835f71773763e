package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ECS services: create when missing; otherwise one UpdateService carrying only the fields that
 * differ. With auto scaling declared, {@code desiredCount} is the initial count only and is never
 * reset (the plan says so). A change AWS cannot make in place (the launch type) is a replacement
 * that needs {@code --allow-replace} (deleted in this pass, created again once AWS has drained it);
 * without it the plan is blocked and says why.
 */
public final class ServicePlanner implements Kind.Planner {
  private static final String KIND = ServiceSpec.KIND;

  private static final Owned.Identity<Service> IDENTITY =
      new Owned.Identity<>(
          Service::serviceArn, s -> EcsSnapshot.tags(s.tags()), Service::serviceName);

  /** Why a declared service is planned here and not by {@link Owned}. */
  private enum Hold {
    /** AWS still holds the name of a deleted service: it is created again once that is gone. */
    DRAINING,
    /** A subnet or security group it names does not resolve. */
    UNRESOLVED_NETWORK,
    /** A service of its name in its cluster is someone else's, and it is not adopted. */
    SOMEONE_ELSES
  }

  /** The IDs of a service's network, or why they are not known. */
  private record Resolved(ServiceStep.NetworkIds ids, List<String> problems) {}

  /**
   * Services live in clusters: each cluster's services are matched to the declared ones and planned
   * by {@link Owned}, except the declared services held back for a reason of their own ({@link
   * Hold}), which are planned here and whose services Owned does not see.
   */
  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = EcsSnapshot.of(context.observed());
    Network network = Network.of(context.observed());
    List<ServiceSpec> declared = context.desired().all(ServiceSpec.class);
    Map<String, ServiceStep.NetworkIds> networks = new HashMap<>();
    Set<String> held = new HashSet<>();
    for (ServiceSpec desired : declared) {
      Optional<Service> actual = ecs.service(desired.cluster().name(), desired.name());
      Resolved resolved = resolve(desired, network);
      Optional<Hold> hold = hold(context.ownership(), desired, actual, resolved);
      if (hold.isPresent()) {
        planHeld(hold.get(), desired, actual, resolved, out);
        held.add(path(desired.cluster().name(), desired.name()));
      } else {
        networks.put(desired.name(), resolved.ids());
      }
    }
    for (String cluster : clusters(declared, ecs)) {
      List<ServiceSpec> specs =
          declared.stream()
              .filter(s -> s.cluster().name().equals(cluster))
              .filter(s -> !held.contains(path(cluster, s.name())))
              .toList();
      List<Service> services =
          ecs.servicesOf(cluster).stream()
              .filter(s -> isActive(s) && !held.contains(path(cluster, s.serviceName())))
              .toList();
      new Owned<>(KIND, "service", IDENTITY, new Rules(context, networks, cluster))
          .plan(context, specs, services, out);
    }
  }

  /** A service's place: {@code <cluster>/<service>}. */
  private static String path(String cluster, String service) {
    return cluster + "/" + service;
  }

  /** The clusters of the declared services, then those observed (where owned ones may be left). */
  private static Set<String> clusters(List<ServiceSpec> declared, EcsSnapshot ecs) {
    Set<String> clusters = new LinkedHashSet<>();
    declared.forEach(s -> clusters.add(s.cluster().name()));
    clusters.addAll(ecs.services().keySet());
    return clusters;
  }

  private static Optional<Hold> hold(
      Ownership ownership, ServiceSpec desired, Optional<Service> actual, Resolved network) {
    if (actual.isPresent() && isDraining(actual.get())) return Optional.of(Hold.DRAINING);
    if (desired.metadata().suspend()) return Optional.empty();
    if (!network.problems().isEmpty()) return Optional.of(Hold.UNRESOLVED_NETWORK);
    if (actual.isPresent() && isSomeoneElses(ownership, desired, actual.get()))
      return desired.metadata().adopt() ? Optional.empty() : Optional.of(Hold.SOMEONE_ELSES);
    return Optional.empty();
  }

  private static void planHeld(
      Hold hold, ServiceSpec desired, Optional<Service> actual, Resolved network, PlanBuilder out) {
    Key key = Key.of(KIND, desired.name());
    switch (hold) {
      case DRAINING ->
          out.waitFor(
              key,
              key,
              "Service "
                  + desired.name()
                  + " is draining (deleted, AWS still holds its name); it is created again once it is gone");
      case UNRESOLVED_NETWORK -> {
        out.add(Action.blocked(KIND, desired.name(), String.join("; ", network.problems())));
        actual.ifPresent(s -> out.known(key, s.serviceArn()));
      }
      case SOMEONE_ELSES ->
          out.add(
              Action.blocked(
                  KIND,
                  desired.name(),
                  "a service named '"
                      + desired.name()
                      + "' exists in cluster '"
                      + desired.cluster().name()
                      + "' and is not managed by ecsgate; set metadata.adopt: true to take it over"));
    }
  }

  private static boolean isDraining(Service service) {
    return "DRAINING".equals(service.status());
  }

  private static boolean isActive(Service service) {
    return "ACTIVE".equals(service.status());
  }

  private static boolean isSomeoneElses(Ownership ownership, ServiceSpec desired, Service actual) {
    return !ownership.isResource(
        EcsSnapshot.tags(actual.tags()), KIND, desired.name(), actual.serviceArn());
  }

  /**
   * A service is found in its cluster by name. A change AWS cannot make in place replaces it (with
   * {@code --allow-replace}) or blocks the plan; with auto scaling, {@code desiredCount} is the
   * scaler's.
   */
  private record Rules(
      PlanContext context, Map<String, ServiceStep.NetworkIds> networks, String cluster)
      implements Owned.Rules<ServiceSpec, Service> {
    @Override
    public void create(ServiceSpec desired, PlanBuilder out) {
      ServiceStep.Create create =
          new ServiceStep.Create(
              desired,
              networks.get(desired.name()),
              bindings(desired),
              context.ownership().tags(KIND, desired.name(), desired.tags()));
      out.add(Action.create(KIND, desired.name(), create, createdFields(desired)));
    }

    @Override
    public List<Change> fixedFieldChanges(ServiceSpec desired, Service actual) {
      return immutableChanges(desired, actual);
    }

    /** Replaced with {@code --allow-replace}, blocked without. */
    @Override
    public void cannotChangeInPlace(
        ServiceSpec desired, Service actual, List<Change> immutable, PlanBuilder out) {
      replace(desired, actual, immutable, out);
    }

    @Override
    public void update(ServiceSpec desired, Service actual, PlanBuilder out) {
      List<Change> changes = new ArrayList<>();
      ServiceStep.Update update =
          drift(desired, actual, networks.get(desired.name()), bindings(desired), out, changes);
      if (!changes.isEmpty()) {
        Action action = Action.update(KIND, desired.name(), update, changes);
        out.add(
            scalerMovedIt(desired, actual)
                ? action.because("desiredCount is left to the auto scaler")
                : action);
      }
      if (scalerMovedIt(desired, actual) && actual.desiredCount() != null)
        out.note(
            "Service "
                + desired.name()
                + ": desiredCount "
                + actual.desiredCount()
                + " belongs to the auto scaler (the declared "
                + desired.desiredCount()
                + " is the initial count only); not reset");
    }

    /**
     * AWS keeps a deleted service DRAINING for a while and refuses its name until then: the new one
     * comes in a later pass.
     */
    private void replace(
        ServiceSpec desired, Service actual, List<Change> immutable, PlanBuilder out) {
      String fields = immutable.stream().map(Change::field).collect(Collectors.joining(", "));
      if (!context.options().allowReplace()) {
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                fields
                    + " cannot change in place: the service would have to be deleted and created again"
                    + " (its tasks stop); run with --allow-replace to do that"));
        return;
      }
      out.delete(
          KIND,
          desired.name(),
          new ServiceStep.Delete(cluster, actual.serviceArn()),
          Deletes.REPLACED,
          immutable,
          "replaced (--allow-replace): "
              + fields
              + " cannot change in place; deleted now, created again once AWS has drained it");
      Key key = Key.of(KIND, desired.name());
      out.waitFor(
          key,
          key,
          "Service " + desired.name() + " is created again once the replaced one has drained");
    }

    @Override
    public Optional<Step> tag(Service actual, Map<String, String> add) {
      return Optional.of(new EcsTagsStep(actual.serviceArn(), add));
    }

    @Override
    public Optional<Step> delete(Service actual) {
      return Optional.of(new ServiceStep.Delete(cluster, actual.serviceArn()));
    }
  }

  /** The auto scaler owns the count, and has moved it from the declared initial one. */
  private static boolean scalerMovedIt(ServiceSpec desired, Service actual) {
    return desired.autoScaling().isPresent()
        && !Objects.equals(actual.desiredCount(), desired.desiredCount());
  }

  private static List<ServiceStep.Binding> bindings(ServiceSpec desired) {
    return desired.loadBalancers().stream()
        .map(
            b ->
                new ServiceStep.Binding(
                    Key.of(TargetGroupSpec.KIND, b.targetGroup().name()),
                    b.containerName(),
                    b.containerPort()))
        .toList();
  }

  /** What a new service is shown with. */
  private static List<Change> createdFields(ServiceSpec desired) {
    List<Change> fields =
        new ArrayList<>(
            List.of(
                Change.of("cluster", "(none)", desired.cluster().name()),
                Change.of("taskDefinition", "(none)", desired.taskDefinition().family()),
                Change.of("desiredCount", "(none)", desired.desiredCount())));
    for (ServiceSpec.LoadBalancerBinding b : desired.loadBalancers())
      fields.add(
          Change.of(
              "loadBalancers",
              "(none)",
              b.targetGroup().name() + " -> " + b.containerName() + ":" + b.containerPort()));
    return fields;
  }

  /** Fields fixed when a service is created. */
  public static List<Change> immutableChanges(ServiceSpec desired, Service actual) {
    List<Change> changes = new ArrayList<>();
    if (actual.launchType() != null && !desired.launchType().equals(actual.launchTypeAsString())) {
      changes.add(Change.of("launchType", actual.launchTypeAsString(), desired.launchType()));
    }
    return changes;
  }

  /**
   * The update that brings {@code actual} to {@code desired}, with each difference added to {@code
   * changes} (in the order of the fields here).
   */
  static ServiceStep.Update drift(
      ServiceSpec desired,
      Service actual,
      ServiceStep.NetworkIds network,
      List<ServiceStep.Binding> bindings,
      PlanBuilder out,
      List<Change> changes) {
    int grace =
        actual.healthCheckGracePeriodSeconds() == null ? 0 : actual.healthCheckGracePeriodSeconds();
    return new ServiceStep.Update(
        desired.cluster().name(),
        desired.name(),
        taskDefinitionDrift(desired, actual, out, changes),
        desired.autoScaling().isPresent()
            ? null
            : ifChanged("desiredCount", actual.desiredCount(), desired.desiredCount(), changes),
        desired
            .platformVersion()
            .map(v -> ifChanged("platformVersion", actual.platformVersion(), v, changes))
            .orElse(null),
        networkDrift(actual, network, changes),
        loadBalancersDrift(actual, bindings, out, changes),
        deploymentDrift(desired, actual, changes),
        ifChanged(
            "healthCheckGracePeriodSeconds",
            grace,
            desired.healthCheckGracePeriodSeconds(),
            changes),
        ifChanged(
            "propagateTags",
            actual.propagateTags() == null ? "NONE" : actual.propagateTagsAsString(),
            desired.propagateTags(),
            changes),
        ifChanged(
            "enableExecuteCommand",
            Boolean.TRUE.equals(actual.enableExecuteCommand()),
            desired.enableExecuteCommand(),
            changes));
  }

  /**
   * {@code desired} when it differs from {@code actual} (the difference added to {@code changes});
   * otherwise null, which UpdateService leaves as it is.
   */
  private static <T> T ifChanged(String field, Object actual, T desired, List<Change> changes) {
    if (Objects.equals(actual, desired)) return null;
    changes.add(Change.of(field, actual, desired));
    return desired;
  }

  /** The family's key when the service should run another revision: a new one, or the kept one. */
  private static Key taskDefinitionDrift(
      ServiceSpec desired, Service actual, PlanBuilder out, List<Change> changes) {
    String family = desired.taskDefinition().family();
    Key key = Key.of(TaskDefinitionPlanner.KIND, family);
    if (out.isPending(key)) {
      changes.add(
          Change.of(
              "taskDefinition", actual.taskDefinition(), "(the new revision of " + family + ")"));
      return key;
    }
    Optional<String> kept = out.idOf(key);
    if (kept.isEmpty() || kept.get().equals(actual.taskDefinition())) return null;
    changes.add(Change.of("taskDefinition", actual.taskDefinition(), kept.get()));
    return key;
  }

  /** The whole network configuration when any part of it differs. */
  private static ServiceStep.NetworkIds networkDrift(
      Service actual, ServiceStep.NetworkIds network, List<Change> changes) {
    AwsVpcConfiguration vpc =
        actual.networkConfiguration() == null
            ? null
            : actual.networkConfiguration().awsvpcConfiguration();
    Set<String> subnets = vpc == null ? Set.of() : new TreeSet<>(vpc.subnets());
    Set<String> groups = vpc == null ? Set.of() : new TreeSet<>(vpc.securityGroups());
    boolean publicIp = vpc != null && "ENABLED".equals(vpc.assignPublicIpAsString());
    int before = changes.size();
    ifChanged("network.subnets", subnets, new TreeSet<>(network.subnetIds()), changes);
    ifChanged("network.securityGroups", groups, new TreeSet<>(network.securityGroupIds()), changes);
    ifChanged("network.assignPublicIp", publicIp, network.assignPublicIp(), changes);
    return changes.size() > before ? network : null;
  }

  /**
   * All the bindings when they differ, or when a target group they name is new (its ARN is known
   * only at apply time).
   */
  private static List<ServiceStep.Binding> loadBalancersDrift(
      Service actual, List<ServiceStep.Binding> bindings, PlanBuilder out, List<Change> changes) {
    Set<String> actualBindings = new TreeSet<>();
    actual
        .loadBalancers()
        .forEach(
            lb ->
                actualBindings.add(
                    binding(lb.targetGroupArn(), lb.containerName(), lb.containerPort())));
    Set<String> desiredBindings = new TreeSet<>();
    for (ServiceStep.Binding b : bindings)
      desiredBindings.add(
          binding(
              out.idOf(b.targetGroup()).orElse("(new " + b.targetGroup() + ")"),
              b.containerName(),
              b.containerPort()));
    boolean targetGroupIsNew = bindings.stream().anyMatch(b -> isNew(b.targetGroup(), out));
    if (!targetGroupIsNew && actualBindings.equals(desiredBindings)) return null;
    changes.add(Change.of("loadBalancers", actualBindings, desiredBindings));
    return bindings;
  }

  /** Created by this plan, or not known at all: its ID is known only at apply time. */
  private static boolean isNew(Key key, PlanBuilder out) {
    return out.isPending(key) || out.idOf(key).isEmpty();
  }

  private static String binding(String targetGroup, String container, Integer port) {
    return targetGroup + " " + container + ":" + port;
  }

  private static ServiceSpec.Deployment deploymentDrift(
      ServiceSpec desired, Service actual, List<Change> changes) {
    ServiceSpec.Deployment deployment = deployment(actual.deploymentConfiguration());
    if (deployment.equals(desired.deployment())) return null;
    changes.add(Change.of("deployment", describe(deployment), describe(desired.deployment())));
    return desired.deployment();
  }

  /** A deployment configuration as AWS returns it, with AWS's defaults where it returns nothing. */
  static ServiceSpec.Deployment deployment(DeploymentConfiguration actual) {
    ServiceSpec.Deployment d = ServiceSpec.Deployment.AWS_DEFAULT;
    if (actual == null) return d;
    boolean breaker =
        actual.deploymentCircuitBreaker() != null
            && Boolean.TRUE.equals(actual.deploymentCircuitBreaker().enable());
    boolean rollback =
        actual.deploymentCircuitBreaker() != null
            && Boolean.TRUE.equals(actual.deploymentCircuitBreaker().rollback());
    return new ServiceSpec.Deployment(
        actual.minimumHealthyPercent() == null
            ? d.minimumHealthyPercent()
            : actual.minimumHealthyPercent(),
        actual.maximumPercent() == null ? d.maximumPercent() : actual.maximumPercent(),
        breaker,
        rollback);
  }

  private static String describe(ServiceSpec.Deployment d) {
    return "min "
        + d.minimumHealthyPercent()
        + "%, max "
        + d.maximumPercent()
        + "%, circuit breaker "
        + (d.circuitBreaker() ? "on" : "off")
        + (d.rollback() ? " with rollback" : "");
  }

  /**
   * The IDs of the subnets and security groups the service names, and those that do not resolve.
   */
  private static Resolved resolve(ServiceSpec desired, Network network) {
    List<String> problems = new ArrayList<>();
    List<String> subnets = ids(desired.network().subnets(), network, "subnet", problems);
    List<String> groups =
        ids(desired.network().securityGroups(), network, "security group", problems);
    return new Resolved(
        new ServiceStep.NetworkIds(subnets, groups, desired.network().assignPublicIp()), problems);
  }

  private static List<String> ids(
      List<Ref> refs, Network network, String what, List<String> problems) {
    List<String> ids = new ArrayList<>();
    for (Ref ref : refs) {
      network
          .id(ref)
          .ifPresentOrElse(
              ids::add,
              () ->
                  problems.add(
                      ref.at() + ": " + network.problem(ref).orElse(what + " not resolved")));
    }
    return ids;
  }
}
