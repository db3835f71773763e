package io.ecsgate.kinds.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.export.Document;
import io.ecsgate.export.Walk;
import io.ecsgate.kinds.network.NetworkNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.Alarm;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class EcsExportTest {
  private static final NetworkNames NAMES =
      NetworkNames.of(Map.of(), Map.of("subnet-1", "private-a"), Map.of());

  private static TaskDefinition definition(ContainerDefinition container) {
    return TaskDefinition.builder()
        .family("web")
        .networkMode("awsvpc")
        .cpu("256")
        .memory("512")
        .containerDefinitions(container)
        .build();
  }

  private static ContainerDefinition container() {
    return ContainerDefinition.builder()
        .name("app")
        .image("nginx")
        .essential(true)
        .environment(KeyValuePair.builder().name("DB_PASSWORD").value("hunter2").build())
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Object env(Map<String, Object> task) {
    return ((Map<String, Object>) ((List<Object>) task.get("containers")).get(0))
        .get("environment");
  }

  @Test
  void environmentValuesArePlaceholdersWithACommentUnlessIncluded() {
    List<String> comments = new ArrayList<>();
    Map<String, Object> hidden =
        EcsExport.taskDefinition(definition(container()), false, new ArrayList<>(), comments);
    Map<String, Object> shown =
        EcsExport.taskDefinition(
            definition(container()), true, new ArrayList<>(), new ArrayList<>());

    assertEquals(Map.of("DB_PASSWORD", "fill-in:app-DB_PASSWORD"), env(hidden));
    assertTrue(comments.get(0).contains("placeholders"), comments.toString());
    assertEquals(Map.of("DB_PASSWORD", "hunter2"), env(shown));
  }

  @Test
  void aContainerWithACommandOrAnotherLogDriverCannotBeDeclared() {
    List<String> problems = new ArrayList<>();
    ContainerDefinition withCommand =
        container().toBuilder()
            .command("sleep", "1")
            .logConfiguration(l -> l.logDriver("splunk").options(Map.of()))
            .build();

    EcsExport.taskDefinition(definition(withCommand), true, problems, new ArrayList<>());

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("has a command"), problems.toString());
    assertTrue(problems.get(1).contains("logs with splunk"), problems.toString());
  }

  @Test
  void aServiceOnAnotherLaunchTypeIsLeftOutAndItsGroupIsNamedFromItsArn() {
    Walk walk = new Walk(false);
    Service ec2 =
        Service.builder()
            .serviceName("web")
            .launchType("EC2")
            .desiredCount(1)
            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
            .build();
    EcsExport.Scaling none =
        new EcsExport.Scaling(Optional.empty(), List.of(), n -> Optional.empty());

    Optional<Document> document =
        EcsExport.service("main", ec2, Optional.of(definition(container())), none, NAMES, walk);

    assertTrue(document.isEmpty());
    assertEquals(
        "Service main/web: launch type EC2 (ecsgate declares Fargate services)",
        walk.leftOut().get(0).toString());
    assertEquals(
        "web-tg",
        EcsExport.groupName(
            "arn:aws:elasticloadbalancing:r:1:targetgroup/web-tg/0123456789abcdef"));
  }

  private static final software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget
      TARGET =
          software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget.builder()
              .minCapacity(1)
              .maxCapacity(3)
              .build();

  private static ScalingPolicy stepPolicy(String name, int adjustment, String alarm) {
    return ScalingPolicy.builder()
        .policyName(name)
        .policyType(PolicyType.STEP_SCALING)
        .stepScalingPolicyConfiguration(
            c ->
                c.adjustmentType("ChangeInCapacity")
                    .cooldown(300)
                    .stepAdjustments(
                        StepAdjustment.builder().scalingAdjustment(adjustment).build()))
        .alarms(Alarm.builder().alarmName(alarm).build())
        .build();
  }

  private static MetricAlarm alarm(String name, double threshold) {
    return MetricAlarm.builder()
        .alarmName(name)
        .metricName("CPUUtilization")
        .statistic("Minimum")
        .threshold(threshold)
        .period(300)
        .evaluationPeriods(1)
        .build();
  }

  @Test
  void aTargetWithoutPoliciesIsLeftOut() {
    List<String> problems = new ArrayList<>();
    EcsExport.Scaling onlyTarget =
        new EcsExport.Scaling(Optional.of(TARGET), List.of(), n -> Optional.empty());

    assertTrue(EcsExport.autoScaling("web", onlyTarget, problems).isEmpty());
    assertEquals(List.of("its scalable target has no scaling policy"), problems);
  }

  @Test
  void stepPoliciesNamedInTheConsoleAreExportedWithTheirNames() {
    List<String> problems = new ArrayList<>();
    Map<String, MetricAlarm> alarms =
        Map.of("Scaleout_CPU", alarm("Scaleout_CPU", 70), "Scalein_CPU", alarm("Scalein_CPU", 50));
    EcsExport.Scaling scaling =
        new EcsExport.Scaling(
            Optional.of(TARGET),
            List.of(
                stepPolicy("ScaleInPolicy", -1, "Scalein_CPU"),
                stepPolicy("web-scale-out", 1, "Scaleout_CPU")),
            n -> Optional.ofNullable(alarms.get(n)));

    Map<String, Object> out = EcsExport.autoScaling("web", scaling, problems).orElseThrow();

    assertEquals(List.of(), problems);
    @SuppressWarnings("unchecked")
    Map<String, Object> steps = (Map<String, Object>) out.get("steps");
    assertEquals(
        Map.of("alarmName", "Scaleout_CPU", "threshold", 70),
        steps.get("scaleOut"),
        "default name");
    assertEquals(
        Map.of("policyName", "ScaleInPolicy", "alarmName", "Scalein_CPU", "threshold", 50),
        steps.get("scaleIn"));
  }

  @Test
  void aThirdPolicyIsLeftOutNotGuessed() {
    List<String> problems = new ArrayList<>();
    EcsExport.Scaling scaling =
        new EcsExport.Scaling(
            Optional.of(TARGET),
            List.of(
                stepPolicy("out", 1, "a"), stepPolicy("in", -1, "b"), stepPolicy("more", 2, "c")),
            n -> Optional.of(alarm(n, 60)));

    assertTrue(EcsExport.autoScaling("web", scaling, problems).isEmpty());
    assertTrue(problems.get(0).contains("[in, more, out]"), problems.toString());
  }
}
