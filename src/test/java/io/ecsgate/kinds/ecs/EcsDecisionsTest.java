package io.ecsgate.kinds.ecs;

import static io.ecsgate.testing.Fixtures.OWNERSHIP;
import static io.ecsgate.testing.Fixtures.desired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The ECS decisions one row each: which old task definition revisions a registration deregisters,
 * every field of a service's drift, and why a declared service is held back.
 */
class EcsDecisionsTest {
  private static final String STACK =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: alb}
      spec:
        type: application
        subnets: [subnet-a, subnet-b]
        listeners: [{port: 80, defaultAction: {forward: web-tg}}]
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: web-tg}
      spec: {vpc: vpc-main, protocol: HTTP, port: 80}
      ---
      apiVersion: ecsgate/v1
      kind: Cluster
      metadata: {name: main}
      spec: {containerInsights: enabled}
      ---
      apiVersion: ecsgate/v1
      kind: Service
      metadata: {name: web}
      spec:
        cluster: main
        desiredCount: 2
        network: {subnets: [private-a], securityGroups: [app-sg]}
        loadBalancers: [{targetGroup: web-tg, containerName: app, containerPort: 80}]
        deployment: {minimumHealthyPercent: 50, maximumPercent: 100}
        taskDefinition:
          family: web
          cpu: 256
          memory: 512
          containers:
            - name: app
              image: nginx:1.27
              portMappings: [{containerPort: 80}]
      """;

  private static final DesiredState DESIRED = desired(STACK);
  private static final ObservedState IN_SYNC = SyntheticAccount.inSync(DESIRED, OWNERSHIP);

  private static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    return Registry.planner().plan(new PlanContext(desired, observed, OWNERSHIP, options));
  }

  private static ObservedState withEcs(UnaryOperator<EcsSnapshot> change) {
    return ObservedState.of(
        ElbSnapshot.of(IN_SYNC), Network.of(IN_SYNC), change.apply(EcsSnapshot.of(IN_SYNC)));
  }

  private static ObservedState withService(UnaryOperator<Service.Builder> change) {
    return withEcs(
        ecs -> {
          Map<String, List<Service>> services = new HashMap<>();
          ecs.services()
              .forEach(
                  (cluster, list) ->
                      services.put(
                          cluster,
                          list.stream().map(s -> change.apply(s.toBuilder()).build()).toList()));
          return new EcsSnapshot(
              ecs.clusters(),
              services,
              ecs.taskDefinitions(),
              ecs.scalableTargets(),
              ecs.scalingPolicies());
        });
  }

  /** {@code owned} per revision, newest first: the family's ACTIVE revisions 9, 8, ... */
  private static ObservedState withRevisions(boolean... owned) {
    List<EcsSnapshot.Revision> revisions = new ArrayList<>();
    for (int i = 0; i < owned.length; i++) {
      int number = 9 - i;
      revisions.add(
          new EcsSnapshot.Revision(
              "arn:aws:ecs:us-west-2:123456789012:task-definition/web:" + number,
              number,
              owned[i]
                  ? OWNERSHIP.tags(TaskDefinitionPlanner.KIND, "web", Map.of())
                  : Map.of("team", "x")));
    }
    return withEcs(
        ecs ->
            new EcsSnapshot(
                ecs.clusters(),
                ecs.services(),
                ecs.taskDefinitions(),
                ecs.scalableTargets(),
                ecs.scalingPolicies(),
                Map.of("web", revisions)));
  }

  private static List<String> deregistered(Plan plan) {
    return plan.actions().stream()
        .filter(a -> a.step() instanceof TaskDefinitionStep.Deregister)
        .map(Action::name)
        .toList();
  }

  static Stream<Arguments> revisionsKept() {
    return Stream.of(
        // --keep-task-definitions, owned flags newest first -> deregistered
        Arguments.of(3, new boolean[] {true, true}, List.of()),
        Arguments.of(3, new boolean[] {true, true, true}, List.of("web:7")),
        Arguments.of(3, new boolean[] {true, true, true, true}, List.of("web:7", "web:6")),
        Arguments.of(1, new boolean[] {true, true}, List.of("web:9", "web:8")),
        Arguments.of(2, new boolean[] {true, true, false}, List.of("web:8")),
        Arguments.of(0, new boolean[] {true, true, true}, List.of()));
  }

  @ParameterizedTest(name = "keep {0}: deregister {2}")
  @MethodSource("revisionsKept")
  void aRegistrationDeregistersTheOwnedRevisionsBeyondTheKeptOnes(
      int keep, boolean[] owned, List<String> deregistered) {
    Plan plan =
        plan(
            desired(STACK.replace("image: nginx:1.27", "image: nginx:1.28")),
            withRevisions(owned),
            new PlanOptions(false, 20, false, keep));
    assertEquals(deregistered, deregistered(plan));
    plan.actions().stream()
        .filter(a -> a.step() instanceof TaskDefinitionStep.Deregister)
        .forEach(a -> assertEquals(Deletes.PART, a.deletes()));
    Action register =
        plan.actions().stream()
            .filter(a -> a.step() instanceof TaskDefinitionStep.Register)
            .findFirst()
            .orElseThrow();
    assertEquals(
        "registers revision 2 (the latest ACTIVE revision, 1, differs)", register.reason());
  }

  @Test
  void anIdenticalRevisionIsKeptAndKnownToTheService() {
    Plan plan = plan(DESIRED, IN_SYNC, PlanOptions.DEFAULT);
    assertEquals(List.of(), plan.actions());
    assertEquals(
        EcsSnapshot.of(IN_SYNC).latest("web").orElseThrow().definition().taskDefinitionArn(),
        plan.knownIds().get(Key.of(TaskDefinitionPlanner.KIND, "web")));
  }

  @Test
  void aSuspendedServiceKeepsItsRevisionKnownAndRegistersNothing() {
    Plan plan =
        plan(
            desired(
                STACK
                    .replace("metadata: {name: web}", "metadata: {name: web, suspend: true}")
                    .replace("image: nginx:1.27", "image: nginx:1.28")),
            IN_SYNC,
            PlanOptions.DEFAULT);
    assertEquals(List.of(), plan.actions());
    assertTrue(plan.knownIds().containsKey(Key.of(TaskDefinitionPlanner.KIND, "web")));
    assertTrue(plan.knownIds().containsKey(Key.of(ServiceSpec.KIND, "web")));
  }

  @Test
  void aFirstRevisionIsRegisteredWithoutAReasonAndDeregistersNothing() {
    Plan plan =
        plan(
            DESIRED,
            withEcs(
                ecs ->
                    new EcsSnapshot(
                        ecs.clusters(), ecs.services(), Map.of(), List.of(), List.of())),
            PlanOptions.DEFAULT);
    Action register = plan.actions().get(0);
    assertEquals(TaskDefinitionPlanner.KIND, register.kind());
    assertEquals("", register.reason());
    assertTrue(
        register.changes().stream().allMatch(c -> c.actual().equals("(none)")),
        register.changes().toString());
  }

  static Stream<Arguments> serviceDrift() {
    return Stream.of(
        Arguments.of(
            "another platform version with none declared",
            (UnaryOperator<Service.Builder>) s -> s.platformVersion("1.3.0"),
            List.of()),
        Arguments.of(
            "other subnets",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.networkConfiguration(
                        n ->
                            n.awsvpcConfiguration(
                                v -> v.subnets("subnet-other").securityGroups(groups(s)))),
            List.of("network.subnets")),
        Arguments.of(
            "a public IP",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.networkConfiguration(
                        n ->
                            n.awsvpcConfiguration(
                                s.build().networkConfiguration().awsvpcConfiguration().toBuilder()
                                    .assignPublicIp("ENABLED")
                                    .build())),
            List.of("network.assignPublicIp")),
        Arguments.of(
            "no network at all",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.networkConfiguration(
                        (software.amazon.awssdk.services.ecs.model.NetworkConfiguration) null),
            List.of("network.subnets", "network.securityGroups")),
        Arguments.of(
            "no load balancer",
            (UnaryOperator<Service.Builder>) s -> s.loadBalancers(List.of()),
            List.of("loadBalancers")),
        Arguments.of(
            "another container port",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.loadBalancers(
                        s.build().loadBalancers().stream()
                            .map(lb -> lb.toBuilder().containerPort(8080).build())
                            .toList()),
            List.of("loadBalancers")),
        Arguments.of(
            "another container",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.loadBalancers(
                        s.build().loadBalancers().stream()
                            .map(lb -> lb.toBuilder().containerName("sidecar").build())
                            .toList()),
            List.of("loadBalancers")),
        Arguments.of(
            "another target group",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.loadBalancers(
                        s.build().loadBalancers().stream()
                            .map(lb -> lb.toBuilder().targetGroupArn("arn:tg/other").build())
                            .toList()),
            List.of("loadBalancers")),
        Arguments.of(
            "a grace period",
            (UnaryOperator<Service.Builder>) s -> s.healthCheckGracePeriodSeconds(30),
            List.of("healthCheckGracePeriodSeconds")),
        Arguments.of(
            "no grace period returned",
            (UnaryOperator<Service.Builder>) s -> s.healthCheckGracePeriodSeconds((Integer) null),
            List.of()),
        Arguments.of(
            "tags propagated",
            (UnaryOperator<Service.Builder>) s -> s.propagateTags("SERVICE"),
            List.of("propagateTags")),
        Arguments.of(
            "no propagateTags returned",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.propagateTags((software.amazon.awssdk.services.ecs.model.PropagateTags) null),
            List.of()),
        Arguments.of(
            "the circuit breaker on",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.deploymentConfiguration(
                        d ->
                            d.minimumHealthyPercent(50)
                                .maximumPercent(100)
                                .deploymentCircuitBreaker(b -> b.enable(true).rollback(false))),
            List.of("deployment")),
        Arguments.of(
            "rollback on",
            (UnaryOperator<Service.Builder>)
                s ->
                    s.deploymentConfiguration(
                        d ->
                            d.minimumHealthyPercent(50)
                                .maximumPercent(100)
                                .deploymentCircuitBreaker(b -> b.enable(false).rollback(true))),
            List.of("deployment")),
        Arguments.of(
            "no deployment configuration returned",
            (UnaryOperator<Service.Builder>)
                s -> s.deploymentConfiguration((DeploymentConfiguration) null),
            List.of("deployment")));
  }

  private static List<String> groups(Service.Builder s) {
    return s.build().networkConfiguration().awsvpcConfiguration().securityGroups();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("serviceDrift")
  void eachDriftedServiceFieldIsInTheOneUpdate(
      String what, UnaryOperator<Service.Builder> drift, List<String> fields) {
    Plan plan = plan(DESIRED, withService(drift), PlanOptions.DEFAULT);
    if (fields.isEmpty()) {
      assertEquals(List.of(), plan.actions(), what);
      return;
    }
    assertEquals(1, plan.actions().size(), plan.actions().toString());
    Action update = plan.actions().get(0);
    assertEquals(fields, update.changes().stream().map(Change::field).toList(), what);
    ServiceStep.Update step = assertInstanceOf(ServiceStep.Update.class, update.step());
    assertEquals(
        fields.contains("network.subnets") || fields.contains("network.assignPublicIp"),
        step.network() != null,
        what);
    assertEquals(fields.contains("loadBalancers"), step.loadBalancers() != null, what);
    assertEquals(fields.contains("deployment"), step.deployment() != null, what);
  }

  @Test
  void aDeploymentIsShownAsAPersonReadsIt() {
    Plan plan =
        plan(
            DESIRED,
            withService(
                s ->
                    s.deploymentConfiguration(
                        d ->
                            d.minimumHealthyPercent(50)
                                .maximumPercent(100)
                                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))),
            PlanOptions.DEFAULT);
    assertEquals(
        new Change(
            "deployment",
            "min 50%, max 100%, circuit breaker on with rollback",
            "min 50%, max 100%, circuit breaker off"),
        plan.actions().get(0).changes().get(0));
    assertEquals(
        ServiceSpec.Deployment.AWS_DEFAULT,
        ServicePlanner.deployment(DeploymentConfiguration.builder().build()));
  }

  @Test
  void aPlatformVersionDeclaredIsKeptAndADesiredCountUnderScalingIsNot() {
    Plan plan =
        plan(
            desired(STACK.replace("desiredCount: 2", "desiredCount: 2\n  platformVersion: 1.4.0")),
            withService(s -> s.platformVersion("1.3.0")),
            PlanOptions.DEFAULT);
    ServiceStep.Update step = (ServiceStep.Update) plan.actions().get(0).step();
    assertEquals("1.4.0", step.platformVersion());
    assertNull(step.desiredCount());
  }

  @Test
  void aNewServiceShowsItsClusterFamilyCountAndBindings() {
    Plan plan =
        plan(
            DESIRED,
            withEcs(
                ecs ->
                    new EcsSnapshot(
                        ecs.clusters(), Map.of(), ecs.taskDefinitions(), List.of(), List.of())),
            PlanOptions.DEFAULT);
    Action create =
        plan.actions().stream()
            .filter(a -> a.kind().equals(ServiceSpec.KIND))
            .findFirst()
            .orElseThrow();
    assertEquals(Verb.CREATE, create.verb());
    assertEquals(
        List.of(
            "cluster: (none) -> main",
            "taskDefinition: (none) -> web",
            "desiredCount: (none) -> 2",
            "loadBalancers: (none) -> web-tg -> app:80"),
        create.changes().stream().map(Change::toString).toList());
  }

  @Test
  void aServiceWhoseNetworkDoesNotResolveIsBlockedAndStaysKnown() {
    ObservedState noNetwork =
        ObservedState.of(
            ElbSnapshot.of(IN_SYNC), new Network(Map.of(), Map.of()), EcsSnapshot.of(IN_SYNC));
    Plan plan = plan(DESIRED, noNetwork, PlanOptions.DEFAULT);
    List<Action> blocked =
        plan.blocked().stream().filter(a -> a.kind().equals(ServiceSpec.KIND)).toList();
    assertEquals(1, blocked.size(), plan.blocked().toString());
    assertTrue(
        blocked.get(0).reason().contains(":25:23: subnet not resolved; "), blocked.get(0).reason());
    assertTrue(
        blocked.get(0).reason().endsWith(":25:52: security group not resolved"),
        blocked.get(0).reason());
    assertTrue(plan.knownIds().containsKey(Key.of(ServiceSpec.KIND, "web")));
  }

  @Test
  void aServiceOfSomeoneElseInTheClusterIsBlockedAndAnInactiveOneIsNotSeen() {
    Plan someoneElses = plan(DESIRED, withService(s -> s.tags(List.of())), PlanOptions.DEFAULT);
    assertEquals(
        "a service named 'web' exists in cluster 'main' and is not managed by ecsgate; set metadata.adopt: true to take it over",
        someoneElses.blocked().get(0).reason());

    Plan inactive = plan(DESIRED, withService(s -> s.status("INACTIVE")), PlanOptions.DEFAULT);
    Action create =
        inactive.actions().stream()
            .filter(a -> a.kind().equals(ServiceSpec.KIND))
            .findFirst()
            .orElseThrow();
    assertEquals(Verb.CREATE, create.verb(), "an INACTIVE service is gone: the name is free");
  }

  @Test
  void anOwnedServiceNoLongerDeclaredIsProposedForDeletionInItsCluster() {
    Plan plan =
        plan(
            desired(
                STACK
                    .replace("metadata: {name: web}", "metadata: {name: web2}")
                    .replace("family: web", "family: web2")),
            IN_SYNC,
            PlanOptions.DEFAULT.withPrune(true));
    List<Action> deletes =
        plan.actions().stream()
            .filter(a -> a.kind().equals(ServiceSpec.KIND) && a.verb() == Verb.DELETE)
            .toList();
    assertEquals(1, deletes.size(), plan.actions().toString());
    assertEquals("web", deletes.get(0).name());
    assertEquals(
        "main", assertInstanceOf(ServiceStep.Delete.class, deletes.get(0).step()).cluster());
  }
}
