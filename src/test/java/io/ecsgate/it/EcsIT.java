package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Inventory;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The ECS part of the seed stack against the emulator: converge, no perpetual diffs, drift
 * repaired, the scaler left alone.
 */
@ExtendWith(Emulator.class)
class EcsIT {
  private static final String CLUSTER = "ecs-fargate-cluster";
  private static final String DEMO1 = "ecs-fargate-demo1-service";
  private static final String DEMO2 = "ecs-fargate-demo2-service";

  @TempDir Path dir;

  @Test
  void fromEmptyApplyCreatesTheClusterTaskDefinitionsAndServicesBoundToTheirTargetGroups(
      Emulator aws) {
    Cli.Result apply = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    Cluster cluster =
        aws.clients()
            .ecs()
            .describeClusters(r -> r.clusters(CLUSTER).include(ClusterField.SETTINGS))
            .clusters()
            .get(0);
    assertEquals(
        "enabled",
        cluster.settings().stream()
            .filter(s -> s.nameAsString().equals("containerInsights"))
            .findFirst()
            .orElseThrow()
            .value());
    for (String name : List.of(DEMO1, DEMO2)) {
      Service service = service(aws, name);
      String n = name.contains("demo1") ? "demo1" : "demo2";
      assertEquals(2, service.desiredCount());
      assertEquals("FARGATE", service.launchTypeAsString());
      assertEquals(50, service.deploymentConfiguration().minimumHealthyPercent());
      assertEquals(100, service.deploymentConfiguration().maximumPercent());
      assertEquals(
          "DISABLED",
          service.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString());
      assertEquals(
          List.of(aws.id("private-subnet-a"), aws.id("private-subnet-b")),
          service.networkConfiguration().awsvpcConfiguration().subnets());
      assertEquals(
          List.of(aws.id("ecs-fargate-container-sg")),
          service.networkConfiguration().awsvpcConfiguration().securityGroups());
      String tgArn =
          aws.clients()
              .elb()
              .describeTargetGroups(r -> r.names("ecs-fargate-" + n + "-tg"))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      assertEquals(tgArn, service.loadBalancers().get(0).targetGroupArn());
      assertEquals(n, service.loadBalancers().get(0).containerName());
      assertEquals(80, service.loadBalancers().get(0).containerPort());
      TaskDefinition task =
          aws.clients()
              .ecs()
              .describeTaskDefinition(r -> r.taskDefinition(service.taskDefinition()))
              .taskDefinition();
      assertEquals("256", task.cpu());
      assertEquals("512", task.memory());
      assertEquals("ecs-fargate-" + n, task.family());
      assertEquals(80, task.containerDefinitions().get(0).portMappings().get(0).containerPort());
    }
    assertEquals(
        2,
        aws.clients()
            .autoScaling()
            .describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
            .scalableTargets()
            .size());
    Map<String, Integer> owned = Inventory.owned(aws.clients());
    for (String resource :
        List.of(
            "Cluster/" + CLUSTER,
            "Service/" + DEMO1,
            "Service/" + DEMO2,
            "TaskDefinition/ecs-fargate-demo1",
            "TaskDefinition/ecs-fargate-demo2")) {
      assertEquals(1, owned.get(resource), resource + " in " + owned);
    }

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", Emulator.seed().toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
  }

  @Test
  void aNoOpApplyMakesZeroWritesAndRegistersNoTaskDefinition(Emulator aws) {
    Reconciler reconciler = converge(aws, seed());
    aws.calls().reset();

    Convergence again =
        reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT);

    assertTrue(again.succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(0, aws.calls().count("RegisterTaskDefinition"));
  }

  @Test
  void reorderedEnvironmentAndDefaultsWrittenOutPlanNoChange(Emulator aws) throws IOException {
    Path first = copySeed("first");
    edit(
        first.resolve("services.yaml"),
        "        environment:\n          SERVICE_NAME: demo1\n",
        "        environment:\n          SERVICE_NAME: demo1\n          LOG_LEVEL: info\n          REGION: us-west-2\n");
    converge(aws, load(first));

    Path second = copySeed("second");
    edit(
        second.resolve("services.yaml"),
        "        environment:\n          SERVICE_NAME: demo1\n",
        "        environment:\n          REGION: us-west-2\n          SERVICE_NAME: demo1\n          LOG_LEVEL: info\n"
            + "        essential: true\n");
    edit(
        second.resolve("services.yaml"),
        "          - containerPort: 80\n",
        "          - containerPort: 80\n            protocol: tcp\n");
    edit(
        second.resolve("services.yaml"),
        "    assignPublicIp: false\n",
        "    assignPublicIp: false\n  propagateTags: NONE\n  enableExecuteCommand: false\n  healthCheckGracePeriodSeconds: 0\n");
    edit(
        second.resolve("services.yaml"),
        "    maximumPercent: 100\n",
        "    maximumPercent: 100\n    circuitBreaker: {enable: false, rollback: false}\n");

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", second.toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
  }

  @Test
  void changingOneImageRegistersOneRevisionAndUpdatesOneService(Emulator aws) throws IOException {
    converge(aws, seed());
    Path changed = copySeed("changed");
    edit(
        changed.resolve("services.yaml"),
        "        image: public.ecr.aws/nginx/nginx:1.27\n        portMappings:\n          - containerPort: 80\n        environment:\n          SERVICE_NAME: demo1\n",
        "        image: public.ecr.aws/nginx/nginx:1.28\n        portMappings:\n          - containerPort: 80\n        environment:\n          SERVICE_NAME: demo1\n");
    aws.calls().reset();

    Convergence result =
        Reconcilers.of(aws.clients())
            .converge(load(changed), PlanOptions.DEFAULT, Convergence.Progress.SILENT);

    assertTrue(result.succeeded());
    assertEquals(
        Map.of("Ecs:RegisterTaskDefinition", 1L, "Ecs:UpdateService", 1L),
        aws.calls().writeCalls());
    Service demo1 = service(aws, DEMO1);
    assertTrue(demo1.taskDefinition().endsWith("ecs-fargate-demo1:2"), demo1.taskDefinition());
    assertTrue(service(aws, DEMO2).taskDefinition().endsWith("ecs-fargate-demo2:1"));
  }

  @Test
  void ownedRevisionsBeyondTheNewestKeptOnesAreDeregisteredAfterARegistration(Emulator aws)
      throws IOException {
    converge(aws, seed());
    PlanOptions keepTwo = new PlanOptions(false, 20, false, 2);
    for (String version : List.of("1.28", "1.29", "1.30")) {
      Path changed = copySeed("image-" + version);
      edit(
          changed.resolve("services.yaml"),
          "image: public.ecr.aws/nginx/nginx:1.27\n        portMappings:\n          - containerPort: 80\n        environment:\n          SERVICE_NAME: demo1\n",
          "image: public.ecr.aws/nginx/nginx:"
              + version
              + "\n        portMappings:\n          - containerPort: 80\n        environment:\n          SERVICE_NAME: demo1\n");
      assertTrue(
          Reconcilers.of(aws.clients())
              .converge(load(changed), keepTwo, Convergence.Progress.SILENT)
              .succeeded());
    }
    // a revision registered by someone else is never deregistered
    var foreign =
        aws.clients()
            .ecs()
            .registerTaskDefinition(
                r ->
                    r.family("ecs-fargate-demo1")
                        .cpu("256")
                        .memory("512")
                        .networkMode("awsvpc")
                        .requiresCompatibilitiesWithStrings("FARGATE")
                        .containerDefinitions(c -> c.name("x").image("busybox")))
            .taskDefinition();

    List<String> active =
        aws.clients()
            .ecs()
            .listTaskDefinitions(r -> r.familyPrefix("ecs-fargate-demo1").status("ACTIVE"))
            .taskDefinitionArns();

    assertEquals(
        List.of("ecs-fargate-demo1:3", "ecs-fargate-demo1:4", "ecs-fargate-demo1:5"),
        active.stream().map(arn -> arn.substring(arn.lastIndexOf('/') + 1)).sorted().toList());
    assertTrue(active.contains(foreign.taskDefinitionArn()));
    assertTrue(service(aws, DEMO1).taskDefinition().endsWith("ecs-fargate-demo1:4"));

    // and the hand-made revision, now the latest, does not block the family of a service ecsgate
    // manages: it is outdone
    Path current = copySeed("current");
    edit(
        current.resolve("services.yaml"),
        "image: public.ecr.aws/nginx/nginx:1.27\n        portMappings:\n          - containerPort: 80\n        environment:\n          SERVICE_NAME: demo1\n",
        "image: public.ecr.aws/nginx/nginx:1.30\n        portMappings:\n          - containerPort: 80\n        environment:\n          SERVICE_NAME: demo1\n");
    aws.calls().reset();
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(load(current), keepTwo, Convergence.Progress.SILENT)
            .succeeded());
    assertEquals(1, aws.calls().count("RegisterTaskDefinition"));
    assertTrue(service(aws, DEMO1).taskDefinition().endsWith("ecs-fargate-demo1:6"));
  }

  @Test
  void aDesiredCountChangedByHandIsRestoredWithoutAutoScaling(Emulator aws) throws IOException {
    Path noScaling = copySeed("no-scaling");
    edit(
        noScaling.resolve("services.yaml"),
        "  autoScaling:\n    minTasks: 2\n    maxTasks: 4\n    cpuTarget: 70\n",
        "");
    converge(aws, load(noScaling));
    aws.clients().ecs().updateService(r -> r.cluster(CLUSTER).service(DEMO1).desiredCount(7));
    aws.calls().reset();

    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(load(noScaling), PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());

    assertEquals(Map.of("Ecs:UpdateService", 1L), aws.calls().writeCalls());
    assertEquals(2, service(aws, DEMO1).desiredCount());
  }

  @Test
  void aDesiredCountChangedByTheScalerIsLeftAloneAndThePlanSaysSo(Emulator aws) {
    Reconciler reconciler = converge(aws, seed());
    aws.clients().ecs().updateService(r -> r.cluster(CLUSTER).service(DEMO1).desiredCount(4));

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", Emulator.seed().toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("desiredCount 4 belongs to the auto scaler"), plan.out());
    aws.calls().reset();
    assertTrue(
        reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(4, service(aws, DEMO1).desiredCount());
  }

  @Test
  void aServicePointedAtAnotherRevisionIsPointedBack(Emulator aws) {
    Reconciler reconciler = converge(aws, seed());
    TaskDefinition current =
        aws.clients()
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition("ecs-fargate-demo1"))
            .taskDefinition();
    // someone registers a revision by hand (it becomes the latest), then points the service at
    // demo2's definition
    String other =
        aws.clients()
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition("ecs-fargate-demo2"))
            .taskDefinition()
            .taskDefinitionArn();
    aws.clients()
        .ecs()
        .updateService(
            r -> r.cluster(CLUSTER).service(DEMO1).taskDefinition("ecs-fargate-demo2:1"));
    assertEquals(other, service(aws, DEMO1).taskDefinition());
    aws.calls().reset();

    assertTrue(
        reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());

    assertEquals(Map.of("Ecs:UpdateService", 1L), aws.calls().writeCalls());
    assertEquals(current.taskDefinitionArn(), service(aws, DEMO1).taskDefinition());
  }

  @Test
  void containerInsightsSwitchedOffIsSwitchedBackOn(Emulator aws) {
    Reconciler reconciler = converge(aws, seed());
    aws.clients()
        .ecs()
        .updateCluster(
            r -> r.cluster(CLUSTER).settings(s -> s.name("containerInsights").value("disabled")));
    aws.calls().reset();

    assertTrue(
        reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());

    assertEquals(Map.of("Ecs:UpdateCluster", 1L), aws.calls().writeCalls());
    Cluster cluster =
        aws.clients()
            .ecs()
            .describeClusters(r -> r.clusters(CLUSTER).include(ClusterField.SETTINGS))
            .clusters()
            .get(0);
    assertEquals("enabled", cluster.settings().get(0).value());
  }

  @Test
  void autoScalingCreatesTheTargetAndPolicyAndAChangedTargetValueUpdatesThePolicyInPlace(
      Emulator aws) throws IOException {
    converge(aws, seed());
    ScalingPolicy policy = policy(aws, DEMO1);
    assertEquals(70.0, policy.targetTrackingScalingPolicyConfiguration().targetValue());
    assertEquals(
        "ECSServiceAverageCPUUtilization",
        policy
            .targetTrackingScalingPolicyConfiguration()
            .predefinedMetricSpecification()
            .predefinedMetricTypeAsString());
    var target =
        aws.clients()
            .autoScaling()
            .describeScalableTargets(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceIds("service/" + CLUSTER + "/" + DEMO1))
            .scalableTargets()
            .get(0);
    assertEquals(2, target.minCapacity());
    assertEquals(4, target.maxCapacity());

    Path changed = copySeed("target-value");
    edit(changed.resolve("services.yaml"), "    cpuTarget: 70\n---", "    cpuTarget: 55\n---");
    aws.calls().reset();
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(load(changed), PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());

    assertEquals(Map.of("ApplicationAutoScaling:PutScalingPolicy", 1L), aws.calls().writeCalls());
    assertEquals(55.0, policy(aws, DEMO1).targetTrackingScalingPolicyConfiguration().targetValue());
    // demo2 scales by steps (StepScalingIT): no target-tracking policy of its own
  }

  @Test
  void removingAutoScalingFromTheYamlDeregistersTheScalerSoThatNobodyFightsOverTheCount(
      Emulator aws) throws IOException {
    converge(aws, seed());
    Path noScaling = copySeed("no-scaling");
    edit(
        noScaling.resolve("services.yaml"),
        "  autoScaling:\n    minTasks: 2\n    maxTasks: 4\n    cpuTarget: 70\n",
        "");
    aws.calls().reset();

    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(load(noScaling), PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());

    assertEquals(
        Map.of("ApplicationAutoScaling:DeregisterScalableTarget", 1L), aws.calls().writeCalls());
    var targets =
        aws.clients()
            .autoScaling()
            .describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS))
            .scalableTargets();
    assertEquals(
        List.of("service/" + CLUSTER + "/" + DEMO2),
        targets.stream().map(t -> t.resourceId()).toList());
  }

  @Test
  void aLaunchTypeChangeIsBlockedWithoutAllowReplaceAndReplacesTheServiceWithIt(Emulator aws) {
    converge(aws, seed());
    // the service was once created on EC2 (same name, ecsgate's tags): the launch type cannot
    // change in place
    String arn = service(aws, DEMO1).serviceArn();
    String task = service(aws, DEMO1).taskDefinition();
    aws.clients().ecs().deleteService(r -> r.cluster(CLUSTER).service(arn).force(true));
    aws.clients()
        .ecs()
        .createService(
            r ->
                r.cluster(CLUSTER)
                    .serviceName(DEMO1)
                    .taskDefinition(task)
                    .desiredCount(2)
                    .launchType("EC2")
                    .tags(
                        t -> t.key(Ownership.MANAGED_BY).value("ecsgate"),
                        t -> t.key(Ownership.RESOURCE).value("Service/" + DEMO1)));

    Cli.Result blocked = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(1, blocked.exitCode(), blocked.out());
    assertTrue(blocked.out().contains("launchType cannot change in place"), blocked.out());
    assertTrue(blocked.out().contains("--allow-replace"), blocked.out());
    assertEquals("EC2", service(aws, DEMO1).launchTypeAsString());

    Cli.Result replaced = Cli.against(aws, "apply", "--allow-replace", Emulator.seed().toString());
    assertEquals(0, replaced.exitCode(), replaced.out() + replaced.err());
    assertEquals("FARGATE", service(aws, DEMO1).launchTypeAsString());
  }

  @Test
  void aServiceNotCreatedByEcsgateIsLeftAloneUnlessAdopted(Emulator aws) {
    aws.clients().ecs().createCluster(r -> r.clusterName(CLUSTER));
    Cli.Result plan = Cli.against(aws, "plan", Emulator.seed().toString());
    assertEquals(1, plan.exitCode(), plan.out());
    assertTrue(
        plan.out()
            .contains("a cluster named 'ecs-fargate-cluster' exists and is not managed by ecsgate"),
        plan.out());
  }

  @Test
  void pruneDeletesAnUndeclaredServiceBeforeItsTargetGroup(Emulator aws) throws IOException {
    converge(aws, seed());
    Path smaller = copySeed("smaller");
    String services = Files.readString(smaller.resolve("services.yaml"));
    Files.writeString(
        smaller.resolve("services.yaml"),
        services.substring(
            0,
            services.indexOf(
                "---\napiVersion: ecsgate/v1\nkind: Service\nmetadata:\n  name: ecs-fargate-demo2-service")));
    String groups = Files.readString(smaller.resolve("target-groups.yaml"));
    int start =
        groups.indexOf(
            "---\napiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata:\n  name: ecs-fargate-demo2-tg");
    Files.writeString(
        smaller.resolve("target-groups.yaml"),
        groups.substring(0, start) + groups.substring(groups.indexOf("---", start + 3)));
    String rules = Files.readString(smaller.resolve("listener-rules.yaml"));
    Files.writeString(
        smaller.resolve("listener-rules.yaml"), rules.substring(0, rules.indexOf("---")));
    aws.calls().reset();

    Convergence pruned =
        Reconcilers.of(aws.clients())
            .converge(
                load(smaller), PlanOptions.DEFAULT.withPrune(true), Convergence.Progress.SILENT);

    assertTrue(pruned.succeeded());
    List<String> writes = aws.calls().writeOrder();
    assertTrue(
        writes.indexOf("DeleteService") >= 0
            && writes.indexOf("DeleteService") < writes.indexOf("DeleteTargetGroup"),
        writes.toString());
    assertEquals(
        "INACTIVE",
        aws.clients()
            .ecs()
            .describeServices(r -> r.cluster(CLUSTER).services(DEMO2))
            .services()
            .get(0)
            .status());
  }

  @Test
  void pruningAServiceRemovesItsScalableTargetPoliciesAndOwnedRevisions(Emulator aws)
      throws IOException {
    converge(aws, seed());
    String family = service(aws, DEMO1).taskDefinition();
    family = family.substring(family.lastIndexOf('/') + 1, family.lastIndexOf(':'));
    assertFalse(policy(aws, DEMO1).policyName().isEmpty());
    Path desired = copySeed("without-demo1");
    Path services = desired.resolve("services.yaml");
    String yaml = Files.readString(services);
    Files.writeString(services, yaml.substring(yaml.indexOf("---\n") + 4)); // demo2 only
    String demo2Family = service(aws, DEMO2).taskDefinition();

    Convergence pruned =
        Reconcilers.of(aws.clients())
            .converge(
                load(desired), PlanOptions.DEFAULT.withPrune(true), Convergence.Progress.SILENT);

    assertTrue(pruned.succeeded(), () -> String.valueOf(pruned.lastPlan().actions()));
    assertEquals("INACTIVE", service(aws, DEMO1).status());
    String resourceId = "service/" + CLUSTER + "/" + DEMO1;
    assertEquals(
        List.of(),
        aws.clients()
            .autoScaling()
            .describeScalableTargets(
                r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(resourceId))
            .scalableTargets(),
        "the scalable target is gone");
    assertEquals(
        List.of(),
        aws
            .clients()
            .autoScaling()
            .describeScalingPolicies(
                r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId))
            .scalingPolicies()
            .stream()
            .filter(p -> p.resourceId().equals(resourceId))
            .toList(),
        "its policies are gone");
    String pruneFamily = family;
    assertEquals(
        List.of(),
        aws.clients()
            .ecs()
            .listTaskDefinitions(
                r ->
                    r.familyPrefix(pruneFamily)
                        .status(
                            software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus.ACTIVE))
            .taskDefinitionArns(),
        "its revisions are deregistered");
    assertEquals("ACTIVE", service(aws, DEMO2).status());
    assertEquals(demo2Family, service(aws, DEMO2).taskDefinition(), "demo2 is untouched");
    aws.calls().reset();
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(
                load(desired), PlanOptions.DEFAULT.withPrune(true), Convergence.Progress.SILENT)
            .succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls(), "then a no-op");
  }

  private static Reconciler converge(Emulator aws, DesiredState desired) {
    Reconciler reconciler = Reconcilers.of(aws.clients());
    Convergence result =
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), () -> String.valueOf(result.lastPlan().actions()));
    Plan again = reconciler.plan(desired, PlanOptions.DEFAULT);
    assertFalse(again.hasChanges(), () -> String.valueOf(again.actions()));
    return reconciler;
  }

  private static Service service(Emulator aws, String name) {
    return aws.clients()
        .ecs()
        .describeServices(r -> r.cluster(CLUSTER).services(name))
        .services()
        .get(0);
  }

  private static ScalingPolicy policy(Emulator aws, String service) {
    return aws
        .clients()
        .autoScaling()
        .describeScalingPolicies(
            r ->
                r.serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/" + CLUSTER + "/" + service)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyNames(service + "-cpu"))
        .scalingPolicies()
        .stream()
        .filter(p -> p.resourceId().equals("service/" + CLUSTER + "/" + service))
        .findFirst()
        .orElseThrow();
  }

  private static DesiredState seed() {
    return load(Emulator.seed());
  }

  private static DesiredState load(Path path) {
    return Registry.loader().load(List.of(path));
  }

  private Path copySeed(String name) throws IOException {
    Path target = Files.createDirectories(dir.resolve(name));
    try (Stream<Path> files = Files.list(Emulator.seed())) {
      files.forEach(
          f -> {
            try {
              Files.copy(f, target.resolve(f.getFileName()));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return target;
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertTrue(text.contains(from), "no '" + from + "' in " + file);
    Files.writeString(
        file,
        text.replaceFirst(
            java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
  }
}
