package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The walk-through's step scaling on demo2 of the seed (desired-state/): its two step policies and
 * both CloudWatch alarms converged from empty, a no-op cycle at zero writes, an alarm threshold and
 * a step adjustment changed by hand each put back with exactly one write, and the switches that
 * delete what the YAML no longer declares.
 */
@ExtendWith(Emulator.class)
class StepScalingIT {
  private static final String CLUSTER = "ecs-fargate-cluster";
  private static final String DEMO2 = "ecs-fargate-demo2-service";
  private static final String RESOURCE = "service/" + CLUSTER + "/" + DEMO2;
  private static final String OUT = "ECS_Fargate_Container_Scaleout_CPU_Utilisation";
  private static final String IN = "ECS_Fargate_Container_Scalein_CPU_Utilisation";

  @TempDir Path dir;
  private Emulator aws;
  private CloudWatchClient cloudWatch;
  private Reconciler reconciler;

  @BeforeEach
  void copyTheSeed(Emulator aws) throws IOException {
    this.aws = aws;
    this.cloudWatch = aws.clients().cloudWatch();
    this.reconciler = Reconcilers.of(aws.clients(), new Ownership("ecsgate"));
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
  }

  @Test
  void fromEmptyTheWalkThroughsPoliciesAndAlarmsAreCreatedThenANoOpWritesNothing() {
    converge();

    ScalingPolicy out = policy(DEMO2 + "-scale-out");
    ScalingPolicy in = policy(DEMO2 + "-scale-in");
    assertEquals(PolicyType.STEP_SCALING, out.policyType());
    var outConfig = out.stepScalingPolicyConfiguration();
    assertEquals(AdjustmentType.CHANGE_IN_CAPACITY, outConfig.adjustmentType());
    assertEquals(1, outConfig.stepAdjustments().get(0).scalingAdjustment());
    assertEquals(0.0, outConfig.stepAdjustments().get(0).metricIntervalLowerBound());
    assertEquals(300, outConfig.cooldown());
    assertEquals("Minimum", outConfig.metricAggregationTypeAsString());
    assertEquals(
        -1, in.stepScalingPolicyConfiguration().stepAdjustments().get(0).scalingAdjustment());
    assertEquals(
        0.0,
        in.stepScalingPolicyConfiguration().stepAdjustments().get(0).metricIntervalUpperBound());

    MetricAlarm scaleOut = alarm(OUT);
    assertEquals("AWS/ECS", scaleOut.namespace());
    assertEquals("CPUUtilization", scaleOut.metricName());
    assertEquals(Statistic.MINIMUM, scaleOut.statistic());
    assertEquals(70.0, scaleOut.threshold());
    assertEquals(ComparisonOperator.GREATER_THAN_THRESHOLD, scaleOut.comparisonOperator());
    assertEquals(300, scaleOut.period());
    assertEquals(1, scaleOut.evaluationPeriods());
    assertEquals(List.of(out.policyARN()), scaleOut.alarmActions());
    assertEquals(
        Map.of("ClusterName", CLUSTER, "ServiceName", DEMO2),
        scaleOut.dimensions().stream().collect(Collectors.toMap(d -> d.name(), d -> d.value())));
    MetricAlarm scaleIn = alarm(IN);
    assertEquals(50.0, scaleIn.threshold());
    assertEquals(ComparisonOperator.LESS_THAN_THRESHOLD, scaleIn.comparisonOperator());
    assertEquals(List.of(in.policyARN()), scaleIn.alarmActions());
    assertEquals("ScalingAlarm/" + OUT, tags(scaleOut).get("ecsgate:resource"));
    assertEquals("ecsgate", tags(scaleIn).get("ecsgate:managed-by"));

    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  @Test
  void anAlarmThresholdChangedByHandIsPutBackWithOnePutMetricAlarm() {
    converge();
    MetricAlarm before = alarm(OUT);
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(OUT)
                .namespace("AWS/ECS")
                .metricName("CPUUtilization")
                .dimensions(before.dimensions())
                .statistic(Statistic.MINIMUM)
                .period(300)
                .evaluationPeriods(1)
                .threshold(85.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(before.alarmActions()));
    aws.calls().reset();

    converge();

    assertEquals(Map.of("CloudWatch:PutMetricAlarm", 1L), aws.calls().writeCalls());
    assertEquals(70.0, alarm(OUT).threshold());
    assertEquals(before.alarmActions(), alarm(OUT).alarmActions());
    assertEquals("ecsgate", tags(alarm(OUT)).get("ecsgate:managed-by"), "still ecsgate's");
    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  @Test
  void aStepAdjustmentChangedByHandIsPutBackWithOnePutScalingPolicy() {
    converge();
    String arn = policy(DEMO2 + "-scale-in").policyARN();
    aws.clients()
        .autoScaling()
        .putScalingPolicy(
            r ->
                r.policyName(DEMO2 + "-scale-in")
                    .serviceNamespace(ServiceNamespace.ECS)
                    .resourceId(RESOURCE)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.STEP_SCALING)
                    .stepScalingPolicyConfiguration(
                        c ->
                            c.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                                .cooldown(300)
                                .metricAggregationType("Minimum")
                                .stepAdjustments(
                                    StepAdjustment.builder()
                                        .metricIntervalUpperBound(0.0)
                                        .scalingAdjustment(-3)
                                        .build())));
    aws.calls().reset();

    converge();

    assertEquals(Map.of("ApplicationAutoScaling:PutScalingPolicy", 1L), aws.calls().writeCalls());
    ScalingPolicy in = policy(DEMO2 + "-scale-in");
    assertEquals(
        -1, in.stepScalingPolicyConfiguration().stepAdjustments().get(0).scalingAdjustment());
    assertEquals(arn, in.policyARN(), "updated in place");
    assertEquals(List.of(arn), alarm(IN).alarmActions());
  }

  @Test
  void switchingToTargetTrackingDeletesTheStepPoliciesAndTheirAlarms() throws IOException {
    converge();
    edit(stepsBlock(), "    cpuTarget: 70\n");
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "ApplicationAutoScaling:PutScalingPolicy", 1L,
            "ApplicationAutoScaling:DeleteScalingPolicy", 2L,
            "CloudWatch:DeleteAlarms", 2L,
            "DynamoDb:DeleteItem", 2L), // the alarms' inventory entries
        aws.calls().writeCalls());
    assertEquals(
        List.of(),
        cloudWatch.describeAlarms(r -> r.alarmNames(OUT, IN)).metricAlarms(),
        "both alarms deleted");
    assertEquals(PolicyType.TARGET_TRACKING_SCALING, policy(DEMO2 + "-cpu").policyType());
    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  @Test
  void switchingFromTargetTrackingToStepsDeletesTheTargetTrackingPolicy() throws IOException {
    String steps = stepsBlock();
    edit(steps, "    cpuTarget: 70\n");
    converge();
    edit("    cpuTarget: 70\n", steps);
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "ApplicationAutoScaling:PutScalingPolicy", 2L,
            "ApplicationAutoScaling:DeleteScalingPolicy", 1L,
            "CloudWatch:PutMetricAlarm", 2L,
            // each new alarm: its pending mark, then its entry in place of the mark
            "DynamoDb:PutItem", 4L,
            "DynamoDb:DeleteItem", 2L),
        aws.calls().writeCalls());
    assertEquals(70.0, alarm(OUT).threshold());
  }

  @Test
  void aRenamedAlarmIsCreatedAndTheOldOwnedOneDeleted() throws IOException {
    converge();
    edit("alarmName: " + IN + "\n", "alarmName: demo2-scale-in\n");
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "CloudWatch:PutMetricAlarm", 1L,
            "CloudWatch:DeleteAlarms", 1L,
            // the new alarm's pending mark and entry, the mark's and the old alarm's entry removed
            "DynamoDb:PutItem", 2L,
            "DynamoDb:DeleteItem", 2L),
        aws.calls().writeCalls());
    assertEquals(List.of(), cloudWatch.describeAlarms(r -> r.alarmNames(IN)).metricAlarms());
    assertEquals(
        List.of(policy(DEMO2 + "-scale-in").policyARN()), alarm("demo2-scale-in").alarmActions());
  }

  @Test
  void pruningTheServiceDeletesItsOwnedAlarmsWithIt() throws IOException {
    converge();
    Path services = dir.resolve("services.yaml");
    String yaml = Files.readString(services);
    Files.writeString(services, yaml.substring(0, yaml.lastIndexOf("---\n"))); // without demo2
    aws.calls().reset();

    Convergence result =
        reconciler.converge(
            load(), PlanOptions.DEFAULT.withPrune(true), Convergence.Progress.SILENT);

    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
    assertEquals(2L, aws.calls().writeCalls().get("CloudWatch:DeleteAlarms"));
    assertEquals(1L, aws.calls().writeCalls().get("Ecs:DeleteService"));
    assertEquals(List.of(), cloudWatch.describeAlarms(r -> r.alarmNames(OUT, IN)).metricAlarms());
  }

  @Test
  void aForeignAlarmOfADeclaredNameBlocksAndIsNeverWritten() {
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(OUT)
                .namespace("AWS/ECS")
                .metricName("CPUUtilization")
                .statistic(Statistic.AVERAGE)
                .period(60)
                .evaluationPeriods(3)
                .threshold(90.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    aws.calls().reset();

    var plan = reconciler.plan(load(), PlanOptions.DEFAULT);

    assertTrue(
        plan.actions().stream()
            .anyMatch(
                a ->
                    a.kind().equals("ScalingAlarm")
                        && a.name().equals(OUT)
                        && a.verb() == Verb.BLOCKED
                        && a.reason().contains("adopt")),
        String.valueOf(plan));
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(90.0, alarm(OUT).threshold());
  }

  @Test
  void adoptTagsAForeignAlarmAndPutsItRight() throws IOException {
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(OUT)
                .namespace("AWS/ECS")
                .metricName("CPUUtilization")
                .statistic(Statistic.AVERAGE)
                .period(60)
                .evaluationPeriods(3)
                .threshold(90.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
    edit("  name: " + DEMO2 + "\n", "  name: " + DEMO2 + "\n  adopt: true\n");

    converge();

    MetricAlarm adopted = alarm(OUT);
    assertEquals(70.0, adopted.threshold());
    assertEquals(Statistic.MINIMUM, adopted.statistic());
    assertEquals("ScalingAlarm/" + OUT, tags(adopted).get("ecsgate:resource"));
    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  /** demo2's steps block as the seed writes it. */
  private String stepsBlock() throws IOException {
    String yaml = Files.readString(dir.resolve("services.yaml"));
    return yaml.substring(yaml.indexOf("    steps:\n"));
  }

  /** Replaces the last occurrence of {@code from}: demo2's, the file's last service. */
  private void edit(String from, String to) throws IOException {
    Path services = dir.resolve("services.yaml");
    String yaml = Files.readString(services);
    assertTrue(yaml.contains(from), "no '" + from + "' in services.yaml");
    assertFalse(from.isEmpty());
    int at = yaml.lastIndexOf(from); // demo2 is the file's last service
    Files.writeString(services, yaml.substring(0, at) + to + yaml.substring(at + from.length()));
  }

  private io.ecsgate.core.DesiredState load() {
    return Registry.loader().load(List.of(dir));
  }

  private void converge() {
    Convergence result =
        reconciler.converge(load(), PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
  }

  private ScalingPolicy policy(String name) {
    return aws.clients()
        .autoScaling()
        .describeScalingPolicies(
            r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE).policyNames(name))
        .scalingPolicies()
        .get(0);
  }

  private MetricAlarm alarm(String name) {
    return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0);
  }

  private Map<String, String> tags(MetricAlarm alarm) {
    return cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.alarmArn())).tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }
}
