package io.ecsgate.kinds.ecs;

import static io.ecsgate.testing.Fixtures.OWNERSHIP;
import static io.ecsgate.testing.Fixtures.desired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Cluster, task definition, service and scaling planners against an account in sync with the YAML,
 * then drifted.
 */
class EcsPlannerTest {
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
              environment: {A: "1", B: "2", C: "3"}
              healthCheck: {command: [CMD-SHELL, "curl -f http://localhost/ || exit 1"]}
      SCALING""";
  private static final String SCALING =
      "  autoScaling: {minTasks: 2, maxTasks: 4, cpuTarget: 70}\n";

  private static DesiredState stack(boolean scaling) {
    return desired(STACK.replace("SCALING", scaling ? SCALING : ""));
  }

  private static DesiredState stack(String from, String to) {
    String yaml = STACK.replace("SCALING", "");
    assertTrue(yaml.contains(from), from);
    return desired(yaml.replace(from, to));
  }

  private static Plan plan(DesiredState desired, ObservedState observed, PlanOptions options) {
    return Registry.planner().plan(new PlanContext(desired, observed, OWNERSHIP, options));
  }

  private static ObservedState inSync(DesiredState desired) {
    return SyntheticAccount.inSync(desired, OWNERSHIP);
  }

  private static ObservedState withService(
      ObservedState observed, UnaryOperator<Service.Builder> change) {
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    Map<String, List<Service>> services = new HashMap<>();
    ecs.services()
        .forEach(
            (cluster, list) ->
                services.put(
                    cluster, list.stream().map(s -> change.apply(s.toBuilder()).build()).toList()));
    return ObservedState.of(
        ElbSnapshot.of(observed),
        Network.of(observed),
        new EcsSnapshot(
            ecs.clusters(),
            services,
            ecs.taskDefinitions(),
            ecs.scalableTargets(),
            ecs.scalingPolicies()));
  }

  private static ObservedState withTaskDefinition(
      ObservedState observed, UnaryOperator<TaskDefinition.Builder> change) {
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    Map<String, EcsSnapshot.FamilyRevision> families = new HashMap<>();
    ecs.taskDefinitions()
        .forEach(
            (family, r) ->
                families.put(
                    family,
                    new EcsSnapshot.FamilyRevision(
                        change.apply(r.definition().toBuilder()).build(), r.tags())));
    return ObservedState.of(
        ElbSnapshot.of(observed),
        Network.of(observed),
        new EcsSnapshot(
            ecs.clusters(),
            ecs.services(),
            families,
            ecs.scalableTargets(),
            ecs.scalingPolicies()));
  }

  private static ObservedState withContainer(
      ObservedState observed, UnaryOperator<ContainerDefinition.Builder> change) {
    return withTaskDefinition(
        observed,
        td ->
            td.containerDefinitions(
                td.build().containerDefinitions().stream()
                    .map(c -> change.apply(c.toBuilder()).build())
                    .toList()));
  }

  private static List<Action> ecsActions(Plan plan) {
    return plan.actions().stream()
        .filter(
            a ->
                List.of(
                        ClusterSpec.KIND,
                        TaskDefinitionPlanner.KIND,
                        ServiceSpec.KIND,
                        ScalingPolicyPlanner.KIND)
                    .contains(a.kind()))
        .toList();
  }

  @Test
  void anAccountInSyncWithTheYamlPlansNothing() {
    Plan plan = plan(stack(true), inSync(stack(true)), PlanOptions.DEFAULT);
    assertEquals(List.of(), plan.actions());
  }

  static Stream<Arguments> whatAwsFillsInOrReorders() {
    return Stream.of(
        Arguments.of(
            "environment returned in another order",
            (UnaryOperator<ContainerDefinition.Builder>)
                c ->
                    c.environment(
                        KeyValuePair.builder().name("C").value("3").build(),
                        KeyValuePair.builder().name("A").value("1").build(),
                        KeyValuePair.builder().name("B").value("2").build())),
        Arguments.of(
            "protocol tcp and hostPort filled in",
            (UnaryOperator<ContainerDefinition.Builder>)
                c -> c.portMappings(p -> p.containerPort(80).hostPort(80).protocol("tcp"))),
        Arguments.of(
            "essential returned as null",
            (UnaryOperator<ContainerDefinition.Builder>) c -> c.essential((Boolean) null)),
        Arguments.of(
            "empty secrets, mount points and volumes",
            (UnaryOperator<ContainerDefinition.Builder>)
                c -> c.secrets(List.of()).mountPoints(List.of()).volumesFrom(List.of())),
        Arguments.of(
            "container cpu 0 filled in",
            (UnaryOperator<ContainerDefinition.Builder>) c -> c.cpu(0)),
        Arguments.of(
            "health-check defaults filled in",
            (UnaryOperator<ContainerDefinition.Builder>)
                c ->
                    c.healthCheck(
                        h ->
                            h.command("CMD-SHELL", "curl -f http://localhost/ || exit 1")
                                .interval(30)
                                .timeout(5)
                                .retries(3)
                                .startPeriod(0))));
  }

  @ParameterizedTest(name = "{0} is no change")
  @MethodSource("whatAwsFillsInOrReorders")
  void whatAwsFillsInOrReordersIsNoChange(
      String what, UnaryOperator<ContainerDefinition.Builder> aws) {
    Plan plan = plan(stack(false), withContainer(inSync(stack(false)), aws), PlanOptions.DEFAULT);
    assertEquals(List.of(), plan.actions(), what);
  }

  static Stream<Arguments> realDifferences() {
    return Stream.of(
        Arguments.of(
            "an image change", "image: nginx:1.27", "image: nginx:1.28", "containers[app].image"),
        Arguments.of(
            "an environment value change",
            "B: \"2\"",
            "B: \"22\"",
            "containers[app].environment.B"),
        Arguments.of(
            "a new environment variable",
            "C: \"3\"}",
            "C: \"3\", D: \"4\"}",
            "containers[app].environment.D"),
        Arguments.of("a bigger task", "memory: 512", "memory: 1024", "memory"),
        Arguments.of(
            "a udp port",
            "portMappings: [{containerPort: 80}]",
            "portMappings: [{containerPort: 80, protocol: udp}]",
            "containers[app].portMappings"),
        Arguments.of(
            "a new health-check interval",
            "exit 1\"]}",
            "exit 1\"], intervalSeconds: 10}",
            "containers[app].healthCheck"));
  }

  @ParameterizedTest(name = "{0} registers one new revision and points the service at it")
  @MethodSource("realDifferences")
  void aRealDifferenceRegistersOneNewRevisionAndPointsTheServiceAtIt(
      String what, String from, String to, String field) {
    Plan plan = plan(stack(from, to), inSync(stack(false)), PlanOptions.DEFAULT);

    List<Action> actions = ecsActions(plan);
    assertEquals(2, actions.size(), actions.toString());
    assertEquals(TaskDefinitionPlanner.KIND, actions.get(0).kind());
    assertInstanceOf(TaskDefinitionStep.Register.class, actions.get(0).step());
    assertTrue(
        actions.get(0).changes().stream().anyMatch(c -> c.field().equals(field)),
        actions.get(0).changes().toString());
    ServiceStep.Update update = assertInstanceOf(ServiceStep.Update.class, actions.get(1).step());
    assertEquals(Key.of(TaskDefinitionPlanner.KIND, "web"), update.taskDefinition());
    assertNull(update.desiredCount(), "only the task definition changes");
    assertNull(update.network());
    assertNull(update.deployment());
  }

  @Test
  void aRoleThatPassRoleDoesNotListBlocksTheFamilyAtPlanTime() {
    String task = "arn:aws:iam::123456789012:role/web-task";
    String execution = "arn:aws:iam::123456789012:role/ecsTaskExecution";
    DesiredState withRoles =
        stack(
            "    memory: 512\n",
            "    memory: 512\n    taskRoleArn: "
                + task
                + "\n    executionRoleArn: "
                + execution
                + "\n");
    ObservedState registered = inSync(stack(false));

    Plan refused =
        plan(withRoles, registered, PlanOptions.DEFAULT.withPassRoles(List.of(task, "other")));
    assertTrue(refused.isBlocked());
    assertEquals(1, refused.blocked().size(), refused.blocked().toString());
    assertEquals(
        TaskDefinitionPlanner.KIND + "/web",
        refused.blocked().get(0).kind() + "/" + refused.blocked().get(0).name());
    String reason = refused.blocked().get(0).reason();
    assertTrue(reason.contains("execution role " + execution), reason);
    assertFalse(reason.contains("task role " + task), "the listed role is not named: " + reason);
    assertTrue(
        ecsActions(refused).stream()
            .noneMatch(a -> a.step() instanceof TaskDefinitionStep.Register),
        "nothing is registered: " + ecsActions(refused));

    Plan allowed =
        plan(
            withRoles,
            registered,
            PlanOptions.DEFAULT.withPassRoles(List.of(task, "ecsTaskExecution")));
    assertFalse(allowed.isBlocked(), "an ARN or a role name lists a role: " + allowed.blocked());
    assertInstanceOf(TaskDefinitionStep.Register.class, ecsActions(allowed).get(0).step());

    Plan unrestricted = plan(withRoles, registered, PlanOptions.DEFAULT);
    assertFalse(unrestricted.isBlocked(), "without --pass-role any role may be named");
    assertEquals(
        List.of(),
        plan(withRoles, inSync(withRoles), PlanOptions.DEFAULT.withPassRoles(List.of("x")))
            .actions()
            .stream()
            .filter(a -> a.kind().equals(TaskDefinitionPlanner.KIND) && a.verb() != Verb.BLOCKED)
            .toList(),
        "a family in sync whose role is refused registers nothing either");
  }

  @Test
  void aFamilyRegisteredBySomeoneElseIsBlockedUntilAdopted() {
    ObservedState observed = inSync(stack(false));
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    Map<String, EcsSnapshot.FamilyRevision> foreign =
        Map.of(
            "web",
            new EcsSnapshot.FamilyRevision(ecs.latest("web").orElseThrow().definition(), Map.of()));
    ObservedState observedForeign =
        ObservedState.of(
            ElbSnapshot.of(observed),
            Network.of(observed),
            new EcsSnapshot(ecs.clusters(), Map.of(), foreign, List.of(), List.of()));

    Plan plan = plan(stack(false), observedForeign, PlanOptions.DEFAULT);
    assertTrue(plan.isBlocked());
    assertTrue(
        plan.blocked().get(0).reason().contains("has revisions ecsgate did not register"),
        plan.blocked().toString());

    Plan adopted =
        plan(
            stack("metadata: {name: web}", "metadata: {name: web, adopt: true}"),
            observedForeign,
            PlanOptions.DEFAULT);
    assertFalse(adopted.isBlocked());
    assertEquals(Verb.ADOPT, ecsActions(adopted).get(0).verb());
    assertInstanceOf(EcsTagsStep.class, ecsActions(adopted).get(0).step());
  }

  @Test
  void
      aRevisionRegisteredByHandIntoTheFamilyOfAManagedServiceIsUsedWhenIdenticalAndOutdoneWhenNot() {
    ObservedState observed = inSync(stack(false));
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    Map<String, EcsSnapshot.FamilyRevision> handMade =
        Map.of(
            "web",
            new EcsSnapshot.FamilyRevision(ecs.latest("web").orElseThrow().definition(), Map.of()));
    ObservedState withHandMade =
        ObservedState.of(
            ElbSnapshot.of(observed),
            Network.of(observed),
            new EcsSnapshot(
                ecs.clusters(),
                ecs.services(),
                handMade,
                ecs.scalableTargets(),
                ecs.scalingPolicies()));

    assertEquals(List.of(), plan(stack(false), withHandMade, PlanOptions.DEFAULT).actions());
    List<Action> actions =
        ecsActions(
            plan(
                stack("image: nginx:1.27", "image: nginx:1.28"),
                withHandMade,
                PlanOptions.DEFAULT));
    assertInstanceOf(TaskDefinitionStep.Register.class, actions.get(0).step());
  }

  @Test
  void aDesiredCountChangedByHandIsRestoredWhenNoAutoScalingIsDeclared() {
    Plan plan =
        plan(
            stack(false),
            withService(inSync(stack(false)), s -> s.desiredCount(7)),
            PlanOptions.DEFAULT);

    ServiceStep.Update update =
        assertInstanceOf(ServiceStep.Update.class, ecsActions(plan).get(0).step());
    assertEquals(2, update.desiredCount());
    assertNull(update.taskDefinition());
    assertEquals(List.of(Change.of("desiredCount", 7, 2)), ecsActions(plan).get(0).changes());
  }

  @Test
  void aDesiredCountSetByTheScalerIsLeftAloneAndThePlanSaysSo() {
    Plan plan =
        plan(
            stack(true),
            withService(inSync(stack(true)), s -> s.desiredCount(4)),
            PlanOptions.DEFAULT);

    assertEquals(List.of(), plan.actions());
    assertTrue(
        plan.notes().get(0).contains("desiredCount 4 belongs to the auto scaler"),
        plan.notes().toString());
  }

  @Test
  void anotherChangeUnderAutoScalingNeverCarriesTheDesiredCount() {
    Plan plan =
        plan(
            stack(true),
            withService(inSync(stack(true)), s -> s.desiredCount(4).enableExecuteCommand(true)),
            PlanOptions.DEFAULT);

    ServiceStep.Update update =
        assertInstanceOf(ServiceStep.Update.class, ecsActions(plan).get(0).step());
    assertNull(update.desiredCount());
    assertEquals(false, update.enableExecuteCommand());
    assertEquals("desiredCount is left to the auto scaler", ecsActions(plan).get(0).reason());
  }

  @Test
  void aServicePointedAtAnotherRevisionIsPointedBack() {
    Plan plan =
        plan(
            stack(false),
            withService(
                inSync(stack(false)),
                s ->
                    s.taskDefinition("arn:aws:ecs:us-west-2:123456789012:task-definition/other:3")),
            PlanOptions.DEFAULT);

    List<Action> actions = ecsActions(plan);
    assertEquals(1, actions.size(), actions.toString());
    ServiceStep.Update update = assertInstanceOf(ServiceStep.Update.class, actions.get(0).step());
    assertEquals(Key.of(TaskDefinitionPlanner.KIND, "web"), update.taskDefinition());
    assertEquals(
        "arn:aws:ecs:us-west-2:123456789012:task-definition/web:1",
        actions.get(0).changes().get(0).desired());
  }

  @Test
  void aDeploymentChangeIsOneUpdateWithOnlyTheDeployment() {
    Plan plan =
        plan(
            stack("maximumPercent: 100", "maximumPercent: 200"),
            inSync(stack(false)),
            PlanOptions.DEFAULT);

    ServiceStep.Update update =
        assertInstanceOf(ServiceStep.Update.class, ecsActions(plan).get(0).step());
    assertNotNull(update.deployment());
    assertEquals(200, update.deployment().maximumPercent());
    assertNull(update.taskDefinition());
    assertNull(update.desiredCount());
    assertNull(update.loadBalancers());
    assertNull(update.healthCheckGracePeriodSeconds());
  }

  @Test
  void aLaunchTypeChangeIsBlockedWithoutAllowReplaceAndAReplacementWithIt() {
    ObservedState onEc2 = withService(inSync(stack(false)), s -> s.launchType("EC2"));

    Plan blocked = plan(stack(false), onEc2, PlanOptions.DEFAULT);
    assertTrue(blocked.isBlocked());
    assertTrue(
        blocked.blocked().get(0).reason().contains("launchType cannot change in place"),
        blocked.blocked().toString());
    assertTrue(blocked.blocked().get(0).reason().contains("--allow-replace"));

    Plan replaced = plan(stack(false), onEc2, PlanOptions.DEFAULT.withAllowReplace(true));
    assertFalse(replaced.isBlocked());
    Action replace = ecsActions(replaced).get(0);
    assertEquals(Verb.DELETE, replace.verb());
    assertInstanceOf(ServiceStep.Delete.class, replace.step());
    assertEquals(Deletes.REPLACED, replace.deletes());
    assertEquals(Key.of("Service", replace.name()), replaced.waits().get(0).on());
    assertTrue(
        replaced.waits().get(0).why().contains("created again"), replaced.waits().toString());

    Plan draining =
        plan(
            stack(false),
            withService(inSync(stack(false)), s -> s.status("DRAINING")),
            PlanOptions.DEFAULT);
    assertEquals(
        List.of(),
        ecsActions(draining),
        "nothing is created or updated while the old service drains");
    assertTrue(draining.waits().get(0).why().contains("is draining"), draining.waits().toString());
    assertTrue(draining.hasDifferences(), "a draining service is a difference");
  }

  @Test
  void aServiceNotCreatedByEcsgateIsBlockedUnlessAdopted() {
    Plan plan =
        plan(
            stack(false),
            withService(inSync(stack(false)), s -> s.tags(List.of())),
            PlanOptions.DEFAULT);
    assertTrue(plan.isBlocked());
    assertTrue(plan.blocked().get(0).reason().contains("set metadata.adopt: true"));
  }

  @Test
  void containerInsightsSwitchedOffIsSwitchedBackOn() {
    ObservedState observed = inSync(stack(false));
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    Map<String, Cluster> clusters = new HashMap<>();
    ecs.clusters()
        .forEach(
            (name, c) ->
                clusters.put(
                    name,
                    c.toBuilder()
                        .settings(s -> s.name("containerInsights").value("disabled"))
                        .build()));
    ObservedState off =
        ObservedState.of(
            ElbSnapshot.of(observed),
            Network.of(observed),
            new EcsSnapshot(
                clusters,
                ecs.services(),
                ecs.taskDefinitions(),
                ecs.scalableTargets(),
                ecs.scalingPolicies()));

    List<Action> actions = ecsActions(plan(stack(false), off, PlanOptions.DEFAULT));

    assertEquals(1, actions.size());
    assertEquals(new ClusterStep.UpdateSettings("main", "enabled"), actions.get(0).step());
  }

  @Test
  void aClusterNotCreatedByEcsgateIsBlockedUnlessAdoptedAndAdoptionOnlyAddsTheTags() {
    ObservedState observed = inSync(stack(false));
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    Map<String, Cluster> clusters = new HashMap<>();
    ecs.clusters().forEach((name, c) -> clusters.put(name, c.toBuilder().tags(List.of()).build()));
    ObservedState foreign =
        ObservedState.of(
            ElbSnapshot.of(observed),
            Network.of(observed),
            new EcsSnapshot(
                clusters,
                ecs.services(),
                ecs.taskDefinitions(),
                ecs.scalableTargets(),
                ecs.scalingPolicies()));

    Plan blocked = plan(stack(false), foreign, PlanOptions.DEFAULT);
    assertTrue(
        blocked
            .blocked()
            .get(0)
            .reason()
            .contains("a cluster named 'main' exists and is not managed by ecsgate"),
        blocked.blocked().toString());

    List<Action> adopted =
        ecsActions(
            plan(
                stack("metadata: {name: main}", "metadata: {name: main, adopt: true}"),
                foreign,
                PlanOptions.DEFAULT));
    assertEquals(1, adopted.size(), adopted.toString());
    assertEquals(Verb.ADOPT, adopted.get(0).verb());
    EcsTagsStep tags = assertInstanceOf(EcsTagsStep.class, adopted.get(0).step());
    assertEquals("Cluster/main", tags.add().get("ecsgate:resource"));
  }

  @Test
  void fromNothingTheClusterComesFirstThenTheTaskDefinitionThenTheServiceThenItsScaling() {
    ObservedState observed = inSync(stack(true));
    ObservedState empty =
        ObservedState.of(ElbSnapshot.of(observed), Network.of(observed), EcsSnapshot.EMPTY);

    List<Action> actions = ecsActions(plan(stack(true), empty, PlanOptions.DEFAULT));

    assertEquals(
        List.of(
            ClusterSpec.KIND,
            TaskDefinitionPlanner.KIND,
            ServiceSpec.KIND,
            ScalingPolicyPlanner.KIND),
        actions.stream().map(Action::kind).toList());
    ScalingPolicyStep scaling = assertInstanceOf(ScalingPolicyStep.class, actions.get(3).step());
    assertEquals(2, scaling.minTasks());
    assertEquals(
        List.of(new ScalingPolicyStep.Policy("web-cpu", ScalingPolicyPlanner.CPU_METRIC, 70)),
        scaling.policies());
    assertEquals(
        OWNERSHIP.tags(ScalingPolicyPlanner.KIND, "web", Map.of()),
        scaling.tags(),
        "the target is registered with the ownership tags IAM's ScaleOwnedServices requires");
    assertEquals("ecsgate", scaling.tags().get("ecsgate:managed-by"));
  }

  @Test
  void aChangedTargetValueUpdatesOnlyThePolicy() {
    Plan plan =
        plan(
            desired(STACK.replace("SCALING", SCALING.replace("cpuTarget: 70", "cpuTarget: 55"))),
            inSync(stack(true)),
            PlanOptions.DEFAULT);

    List<Action> actions = ecsActions(plan);
    assertEquals(1, actions.size(), actions.toString());
    ScalingPolicyStep step = assertInstanceOf(ScalingPolicyStep.class, actions.get(0).step());
    assertNull(step.minTasks(), "the scalable target is left alone");
    assertEquals(55.0, step.policies().get(0).targetValue());
  }

  @Test
  void aScalableTargetLeftOnAServiceThatNoLongerDeclaresAutoScalingIsDeregistered() {
    Plan plan = plan(stack(false), inSync(stack(true)), PlanOptions.DEFAULT);

    List<Action> actions = ecsActions(plan);
    assertEquals(1, actions.size(), actions.toString());
    assertEquals(Verb.DELETE, actions.get(0).verb());
    assertEquals(new ScalingPolicyStep.Deregister("service/main/web"), actions.get(0).step());
  }

  @Test
  void pruneDeletesAnUndeclaredServiceBeforeItsTargetGroup() {
    ObservedState observed = inSync(stack(false));
    String withoutService =
        STACK
            .replace("SCALING", "")
            .substring(0, STACK.indexOf("---\napiVersion: ecsgate/v1\nkind: Service"));
    String smaller =
        withoutService
            .replace(
                "listeners: [{port: 80, defaultAction: {forward: web-tg}}]",
                "listeners: [{port: 80, defaultAction: {fixedResponse: {statusCode: 404}}}]")
            .replace(
                "---\napiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: web-tg}\nspec: {vpc: vpc-main, protocol: HTTP, port: 80}\n",
                "");

    Plan plan = plan(desired(smaller), observed, PlanOptions.DEFAULT.withPrune(true));

    List<String> deletes = new ArrayList<>();
    plan.actions().stream()
        .filter(a -> a.verb() == Verb.DELETE)
        .forEach(a -> deletes.add(a.kind() + "/" + a.name()));
    assertEquals(List.of("Service/web", "TargetGroup/web-tg"), deletes);
  }

  @Test
  void pruningAServiceAlsoRemovesItsScalableTargetAndDeregistersItsOwnedRevisions() {
    ObservedState inSync = inSync(stack(true));
    EcsSnapshot ecs = EcsSnapshot.of(inSync);
    String arn = ecs.taskDefinitions().get("web").definition().taskDefinitionArn();
    String base = arn.substring(0, arn.lastIndexOf(':') + 1);
    Map<String, String> ours = OWNERSHIP.tags(TaskDefinitionPlanner.KIND, "web", Map.of());
    ObservedState observed =
        ObservedState.of(
            ElbSnapshot.of(inSync),
            Network.of(inSync),
            new EcsSnapshot(
                ecs.clusters(),
                ecs.services(),
                Map.of(),
                ecs.scalableTargets(),
                ecs.scalingPolicies(),
                Map.of(
                    "web",
                    List.of(
                        new EcsSnapshot.Revision(base + "3", 3, ours),
                        new EcsSnapshot.Revision(base + "2", 2, ours),
                        new EcsSnapshot.Revision(base + "1", 1, Map.of("team", "theirs"))))));
    String withoutService =
        STACK
            .replace("SCALING", "")
            .substring(0, STACK.indexOf("---\napiVersion: ecsgate/v1\nkind: Service"));

    Plan pruned =
        plan(
            desired(withoutService),
            observed,
            PlanOptions.DEFAULT.withPrune(true).withAllowMassDelete(true));
    List<String> deletes = new ArrayList<>();
    pruned.actions().stream()
        .filter(a -> a.verb() == Verb.DELETE)
        .forEach(a -> deletes.add(a.kind() + "/" + a.name()));
    assertEquals(
        List.of("ScalingPolicy/web", "Service/web", "TaskDefinition/web:3", "TaskDefinition/web:2"),
        deletes,
        "the scaler first, then the service, then its owned revisions; the foreign one stays");

    Plan overBudget =
        plan(desired(withoutService), observed, new PlanOptions(true, 0, false, 5, true));
    assertTrue(
        overBudget.actions().stream().noneMatch(a -> a.verb() == Verb.DELETE),
        "the parts wait with their service: " + overBudget.actions());
    assertEquals(4, overBudget.withheld().size());

    Plan withoutPrune = plan(desired(withoutService), observed, PlanOptions.DEFAULT);
    assertTrue(withoutPrune.actions().stream().noneMatch(a -> a.verb() == Verb.DELETE));
    assertEquals(4, withoutPrune.withheld().size(), "each shown, withheld until --prune");
  }

  @Test
  void onlyALaunchTypeAwsReportsAndThatDiffersReplacesTheService() {
    ServiceSpec web = stack(false).all(ServiceSpec.class).get(0);
    Service actual =
        EcsSnapshot.of(inSync(stack(false))).services().values().iterator().next().get(0);

    assertEquals(List.of(), ServicePlanner.immutableChanges(web, actual));
    assertEquals(
        List.of(),
        ServicePlanner.immutableChanges(web, actual.toBuilder().launchType((String) null).build()),
        "a service on a capacity provider strategy reports no launch type");
    assertEquals(
        List.of("launchType: EC2 -> FARGATE"),
        ServicePlanner.immutableChanges(web, actual.toBuilder().launchType("EC2").build()).stream()
            .map(Object::toString)
            .toList());
  }

  private static List<ScalingPolicyStep> scalingSteps(Plan plan) {
    return plan.actions().stream()
        .map(Action::step)
        .filter(ScalingPolicyStep.class::isInstance)
        .map(ScalingPolicyStep.class::cast)
        .toList();
  }

  @Test
  void aMemoryTargetAddedIsOnePolicyAndTheBoundsAreSentOnlyWhenTheyDiffer() {
    DesiredState withMemory =
        desired(
            STACK.replace(
                "SCALING", SCALING.replace("cpuTarget: 70}", "cpuTarget: 70, memoryTarget: 80}")));
    List<ScalingPolicyStep> steps =
        scalingSteps(plan(withMemory, inSync(stack(true)), PlanOptions.DEFAULT));

    assertEquals(1, steps.size(), steps.toString());
    assertEquals(
        List.of(
            new ScalingPolicyStep.Policy("web-memory", "ECSServiceAverageMemoryUtilization", 80)),
        steps.get(0).policies());
    assertNull(steps.get(0).minTasks(), "the bounds are in sync");
    assertNull(steps.get(0).maxTasks());

    List<ScalingPolicyStep> bounds =
        scalingSteps(
            plan(
                desired(STACK.replace("SCALING", SCALING.replace("minTasks: 2", "minTasks: 1"))),
                inSync(stack(true)),
                PlanOptions.DEFAULT));
    assertEquals(1, bounds.size(), bounds.toString());
    assertEquals(1, bounds.get(0).minTasks());
    assertEquals(4, bounds.get(0).maxTasks());
    assertEquals(List.of(), bounds.get(0).policies(), "the CPU policy is in sync");
  }

  @Test
  void aScalableTargetLeftByAServiceThatIsCreatedAgainIsNotDeregistered() {
    ObservedState scaled = inSync(stack(true));
    EcsSnapshot ecs = EcsSnapshot.of(scaled);
    ObservedState serviceGone =
        ObservedState.of(
            ElbSnapshot.of(scaled),
            Network.of(scaled),
            new EcsSnapshot(
                ecs.clusters(),
                Map.of(),
                ecs.taskDefinitions(),
                ecs.scalableTargets(),
                ecs.scalingPolicies()));

    Plan plan = plan(stack(false), serviceGone, PlanOptions.DEFAULT);
    assertEquals(
        List.of(),
        plan.actions().stream().filter(a -> a.kind().equals(ScalingPolicyPlanner.KIND)).toList(),
        "a new service starts without a scaler; the leftover target is not its own yet");

    Plan kept = plan(stack(false), scaled, PlanOptions.DEFAULT);
    assertEquals(
        List.of(Deletes.PART),
        kept.actions().stream()
            .filter(a -> a.kind().equals(ScalingPolicyPlanner.KIND))
            .map(Action::deletes)
            .toList(),
        "an existing service's scaler that the YAML no longer declares is removed");
  }

  /** In sync, plus an owned service {@code old} of family {@code family} that is not declared. */
  private static ObservedState withUndeclaredService(String family) {
    ObservedState synced = inSync(stack(false));
    EcsSnapshot ecs = EcsSnapshot.of(synced);
    Service web = ecs.services().get("main").get(0);
    Service old =
        web.toBuilder()
            .serviceName("old")
            .serviceArn(web.serviceArn().replace("/web", "/old"))
            .taskDefinition("arn:aws:ecs:us-west-2:123456789012:task-definition/" + family + ":1")
            .tags(
                OWNERSHIP.tags(ServiceSpec.KIND, "old", Map.of()).entrySet().stream()
                    .map(
                        e ->
                            software.amazon.awssdk.services.ecs.model.Tag.builder()
                                .key(e.getKey())
                                .value(e.getValue())
                                .build())
                    .toList())
            .build();
    Map<String, String> revisionTags = OWNERSHIP.tags(TaskDefinitionPlanner.KIND, family, Map.of());
    return ObservedState.of(
        ElbSnapshot.of(synced),
        Network.of(synced),
        new EcsSnapshot(
            ecs.clusters(),
            Map.of("main", List.of(web, old)),
            ecs.taskDefinitions(),
            ecs.scalableTargets(),
            ecs.scalingPolicies(),
            Map.of(
                family,
                List.of(new EcsSnapshot.Revision("arn:" + family + ":1", 1, revisionTags)))));
  }

  @Test
  void aPrunedServicesRevisionsGoWithItUnlessADeclaredServiceUsesTheFamily() {
    PlanOptions prune = PlanOptions.DEFAULT.withPrune(true).withAllowMassDelete(true);

    Plan own = plan(stack(false), withUndeclaredService("old"), prune);
    assertEquals(
        List.of("Service/old", "TaskDefinition/old:1"),
        own.actions().stream()
            .filter(a -> a.verb() == Verb.DELETE)
            .map(a -> a.key().toString())
            .sorted()
            .toList());

    Plan shared = plan(stack(false), withUndeclaredService("web"), prune);
    assertEquals(
        List.of("Service/old"),
        shared.actions().stream()
            .filter(a -> a.verb() == Verb.DELETE)
            .map(a -> a.key().toString())
            .toList(),
        "family web is still declared by service web: its revisions stay");
  }
}
