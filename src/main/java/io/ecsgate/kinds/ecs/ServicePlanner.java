package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Tagging;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
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

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = EcsSnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    for (ServiceSpec desired : context.desired().all(ServiceSpec.class)) {
      Key key = Key.of(KIND, desired.name());
      Optional<Service> actual = ecs.service(desired.cluster().name(), desired.name());
      if (actual.isPresent() && "DRAINING".equals(actual.get().status())) {
        out.waitFor(
            key,
            key,
            "Service "
                + desired.name()
                + " is draining (deleted, AWS still holds its name); it is created again once it is gone");
        continue;
      }
      if (desired.metadata().suspend()) {
        actual.ifPresent(s -> out.known(key, s.serviceArn()));
        continue;
      }
      Optional<ServiceStep.NetworkIds> network =
          networkIds(desired, Network.of(context.observed()), out);
      if (network.isEmpty()) {
        actual.ifPresent(s -> out.known(key, s.serviceArn()));
        continue;
      }
      List<ServiceStep.Binding> bindings =
          desired.loadBalancers().stream()
              .map(
                  b ->
                      new ServiceStep.Binding(
                          Key.of(TargetGroupSpec.KIND, b.targetGroup().name()),
                          b.containerName(),
                          b.containerPort()))
              .toList();
      ServiceStep.Create create =
          new ServiceStep.Create(
              desired,
              network.get(),
              bindings,
              ownership.tags(KIND, desired.name(), desired.tags()));
      if (actual.isEmpty()) {
        List<Change> fields =
            new ArrayList<>(
                List.of(
                    Change.of("cluster", "(none)", desired.cluster().name()),
                    Change.of("taskDefinition", "(none)", desired.taskDefinition().family()),
                    Change.of("desiredCount", "(none)", desired.desiredCount())));
        desired
            .loadBalancers()
            .forEach(
                b ->
                    fields.add(
                        Change.of(
                            "loadBalancers",
                            "(none)",
                            b.targetGroup().name()
                                + " -> "
                                + b.containerName()
                                + ":"
                                + b.containerPort())));
        out.add(Action.create(KIND, desired.name(), create, fields));
        out.pending(key);
        continue;
      }
      Service service = actual.get();
      Map<String, String> tags = EcsSnapshot.tags(service.tags());
      boolean adopting = false;
      if (!ownership.isResource(tags, KIND, desired.name())) {
        if (!desired.metadata().adopt()) {
          out.add(
              Action.blocked(
                  KIND,
                  desired.name(),
                  "a service named '"
                      + desired.name()
                      + "' exists in cluster '"
                      + desired.cluster().name()
                      + "' and is not managed by ecsgate; set metadata.adopt: true to take it over"));
          continue;
        }
        out.add(
            Action.adopt(
                KIND,
                desired.name(),
                new EcsTagsStep(
                    service.serviceArn(), ownership.tags(KIND, desired.name(), desired.tags()))));
        adopting = true;
      }
      out.known(key, service.serviceArn());
      List<Change> immutable = immutableChanges(desired, service);
      if (!immutable.isEmpty()) {
        String fields = immutable.stream().map(Change::field).collect(Collectors.joining(", "));
        if (context.options().allowReplace()) {
          // AWS keeps a deleted service DRAINING for a while and refuses its name until then: the
          // new one comes in a later pass
          out.delete(
              KIND,
              desired.name(),
              new ServiceStep.Delete(desired.cluster().name(), service.serviceArn()),
              Deletes.REPLACED,
              immutable,
              "replaced (--allow-replace): "
                  + fields
                  + " cannot change in place; deleted now, created again once AWS has drained it");
          out.waitFor(
              key,
              key,
              "Service " + desired.name() + " is created again once the replaced one has drained");
        } else {
          out.add(
              Action.blocked(
                  KIND,
                  desired.name(),
                  fields
                      + " cannot change in place: the service would have to be deleted and created again"
                      + " (its tasks stop); run with --allow-replace to do that"));
        }
        continue;
      }
      List<Change> changes = new ArrayList<>();
      ServiceStep.Update update = drift(desired, service, network.get(), bindings, out, changes);
      if (!changes.isEmpty()) {
        Action action = Action.update(KIND, desired.name(), update, changes);
        boolean scalerMoved =
            desired.autoScaling().isPresent()
                && !Objects.equals(service.desiredCount(), desired.desiredCount());
        out.add(scalerMoved ? action.because("desiredCount is left to the auto scaler") : action);
      }
      if (desired.autoScaling().isPresent()
          && service.desiredCount() != null
          && service.desiredCount() != desired.desiredCount()) {
        out.note(
            "Service "
                + desired.name()
                + ": desiredCount "
                + service.desiredCount()
                + " belongs to the auto scaler (the declared "
                + desired.desiredCount()
                + " is the initial count only); not reset");
      }
      Map<String, String> add = Tagging.missingTags(desired.tags(), tags);
      if (!adopting && !add.isEmpty()) {
        out.add(
            Action.update(
                KIND,
                desired.name(),
                new EcsTagsStep(service.serviceArn(), add),
                Tagging.tagChanges(add, tags)));
      }
    }
    prune(context, out);
  }

  private void prune(PlanContext context, PlanBuilder out) {
    Set<String> declared =
        context.desired().all(ServiceSpec.class).stream()
            .map(s -> s.cluster().name() + "/" + s.name())
            .collect(Collectors.toSet());
    EcsSnapshot.of(context.observed())
        .services()
        .forEach(
            (cluster, services) -> {
              for (Service service : services) {
                Optional<String> resource =
                    context
                        .ownership()
                        .resourceOf(EcsSnapshot.tags(service.tags()))
                        .filter(r -> r.startsWith(KIND + "/"));
                if (resource.isPresent()
                    && "ACTIVE".equals(service.status())
                    && !declared.contains(cluster + "/" + service.serviceName())) {
                  out.delete(
                      KIND,
                      service.serviceName(),
                      new ServiceStep.Delete(cluster, service.serviceArn()),
                      Deletes.UNDECLARED,
                      "no longer declared");
                }
              }
            });
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
   * changes}.
   */
  static ServiceStep.Update drift(
      ServiceSpec desired,
      Service actual,
      ServiceStep.NetworkIds network,
      List<ServiceStep.Binding> bindings,
      PlanBuilder out,
      List<Change> changes) {
    Key taskKey = Key.of(TaskDefinitionPlanner.KIND, desired.taskDefinition().family());
    Key taskDefinition = null;
    Optional<String> desiredArn = out.idOf(taskKey);
    if (out.isPending(taskKey)) {
      taskDefinition = taskKey;
      changes.add(
          Change.of(
              "taskDefinition",
              actual.taskDefinition(),
              "(the new revision of " + desired.taskDefinition().family() + ")"));
    } else if (desiredArn.isPresent() && !desiredArn.get().equals(actual.taskDefinition())) {
      taskDefinition = taskKey;
      changes.add(Change.of("taskDefinition", actual.taskDefinition(), desiredArn.get()));
    }
    Integer desiredCount = null;
    if (desired.autoScaling().isEmpty()
        && !Objects.equals(actual.desiredCount(), desired.desiredCount())) {
      desiredCount = desired.desiredCount();
      changes.add(Change.of("desiredCount", actual.desiredCount(), desired.desiredCount()));
    }
    String platformVersion = null;
    if (desired.platformVersion().isPresent()
        && !desired.platformVersion().get().equals(actual.platformVersion())) {
      platformVersion = desired.platformVersion().get();
      changes.add(Change.of("platformVersion", actual.platformVersion(), platformVersion));
    }
    ServiceStep.NetworkIds networkUpdate = null;
    AwsVpcConfiguration vpc =
        actual.networkConfiguration() == null
            ? null
            : actual.networkConfiguration().awsvpcConfiguration();
    Set<String> actualSubnets = vpc == null ? Set.of() : new TreeSet<>(vpc.subnets());
    Set<String> actualGroups = vpc == null ? Set.of() : new TreeSet<>(vpc.securityGroups());
    boolean actualPublicIp = vpc != null && "ENABLED".equals(vpc.assignPublicIpAsString());
    if (!actualSubnets.equals(new TreeSet<>(network.subnetIds())))
      changes.add(Change.of("network.subnets", actualSubnets, new TreeSet<>(network.subnetIds())));
    if (!actualGroups.equals(new TreeSet<>(network.securityGroupIds()))) {
      changes.add(
          Change.of(
              "network.securityGroups", actualGroups, new TreeSet<>(network.securityGroupIds())));
    }
    if (actualPublicIp != network.assignPublicIp())
      changes.add(Change.of("network.assignPublicIp", actualPublicIp, network.assignPublicIp()));
    if (changes.stream().anyMatch(c -> c.field().startsWith("network."))) networkUpdate = network;

    List<ServiceStep.Binding> loadBalancers = null;
    Set<String> actualBindings = new TreeSet<>();
    actual
        .loadBalancers()
        .forEach(
            lb ->
                actualBindings.add(
                    lb.targetGroupArn() + " " + lb.containerName() + ":" + lb.containerPort()));
    Set<String> desiredBindings = new TreeSet<>();
    boolean bindingPending = false;
    for (ServiceStep.Binding b : bindings) {
      Optional<String> arn = out.idOf(b.targetGroup());
      if (out.isPending(b.targetGroup()) || arn.isEmpty()) bindingPending = true;
      desiredBindings.add(
          arn.orElse("(new " + b.targetGroup() + ")")
              + " "
              + b.containerName()
              + ":"
              + b.containerPort());
    }
    if (bindingPending || !actualBindings.equals(desiredBindings)) {
      loadBalancers = bindings;
      changes.add(Change.of("loadBalancers", actualBindings, desiredBindings));
    }
    ServiceSpec.Deployment deployment = null;
    ServiceSpec.Deployment actualDeployment = deployment(actual.deploymentConfiguration());
    if (!actualDeployment.equals(desired.deployment())) {
      deployment = desired.deployment();
      changes.add(
          Change.of("deployment", describe(actualDeployment), describe(desired.deployment())));
    }
    Integer grace = null;
    int actualGrace =
        actual.healthCheckGracePeriodSeconds() == null ? 0 : actual.healthCheckGracePeriodSeconds();
    if (actualGrace != desired.healthCheckGracePeriodSeconds()) {
      grace = desired.healthCheckGracePeriodSeconds();
      changes.add(Change.of("healthCheckGracePeriodSeconds", actualGrace, grace));
    }
    String propagate = null;
    String actualPropagate =
        actual.propagateTags() == null ? "NONE" : actual.propagateTagsAsString();
    if (!actualPropagate.equals(desired.propagateTags())) {
      propagate = desired.propagateTags();
      changes.add(Change.of("propagateTags", actualPropagate, propagate));
    }
    Boolean execute = null;
    boolean actualExecute = Boolean.TRUE.equals(actual.enableExecuteCommand());
    if (actualExecute != desired.enableExecuteCommand()) {
      execute = desired.enableExecuteCommand();
      changes.add(Change.of("enableExecuteCommand", actualExecute, execute));
    }
    return new ServiceStep.Update(
        desired.cluster().name(),
        desired.name(),
        taskDefinition,
        desiredCount,
        platformVersion,
        networkUpdate,
        loadBalancers,
        deployment,
        grace,
        propagate,
        execute);
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

  private static Optional<ServiceStep.NetworkIds> networkIds(
      ServiceSpec desired, Network network, PlanBuilder out) {
    List<String> subnets = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Ref ref : desired.network().subnets()) {
      network
          .id(ref)
          .ifPresentOrElse(
              subnets::add,
              () ->
                  problems.add(
                      ref.at() + ": " + network.problem(ref).orElse("subnet not resolved")));
    }
    for (Ref ref : desired.network().securityGroups()) {
      network
          .id(ref)
          .ifPresentOrElse(
              groups::add,
              () ->
                  problems.add(
                      ref.at()
                          + ": "
                          + network.problem(ref).orElse("security group not resolved")));
    }
    if (!problems.isEmpty()) {
      out.add(Action.blocked(KIND, desired.name(), String.join("; ", problems)));
      return Optional.empty();
    }
    return Optional.of(
        new ServiceStep.NetworkIds(subnets, groups, desired.network().assignPublicIp()));
  }
}
