package io.ecsgate.kinds.ecs;

import static io.ecsgate.testing.Fixtures.OWNERSHIP;
import static io.ecsgate.testing.Fixtures.desired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.Action;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Step scaling's two policies and alarms against an account in sync with the YAML, then drifted:
 * each difference is one write of the part that differs, and what the YAML no longer declares is
 * deleted as a part.
 */
class StepScalingPlannerTest {
  private static final String STACK =
      """
      apiVersion: ecsgate/v1
      kind: Cluster
      metadata: {name: main}
      spec: {}
      ---
      apiVersion: ecsgate/v1
      kind: Service
      metadata: {name: web}
      spec:
        cluster: main
        network: {subnets: [private-a]}
        taskDefinition:
          family: web
          cpu: 256
          memory: 512
          containers:
            - name: app
              image: nginx:1.27
        autoScaling:
          minTasks: 2
          maxTasks: 4
      SCALING""";
  private static final String STEPS =
      """
          steps:
            statistic: Minimum
            scaleOut: {alarmName: up, threshold: 70}
            scaleIn: {threshold: 50, tasks: 2, cooldownSeconds: 60}
      """;

  private static DesiredState stack(String scaling) {
    return desired(STACK.replace("SCALING", scaling));
  }

  private static Plan plan(DesiredState desired, ObservedState observed) {
    return Registry.planner()
        .plan(new PlanContext(desired, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private static List<Action> scaling(Plan plan) {
    return plan.actions().stream()
        .filter(
            a ->
                a.kind().equals(ScalingPolicyPlanner.KIND)
                    || a.kind().equals(ScalingAlarmPlanner.KIND))
        .toList();
  }

  private static ObservedState with(
      ObservedState observed,
      UnaryOperator<List<ScalingPolicy>> policies,
      UnaryOperator<List<EcsSnapshot.ObservedAlarm>> alarms) {
    EcsSnapshot ecs = EcsSnapshot.of(observed);
    return ObservedState.of(
        ElbSnapshot.of(observed),
        Network.of(observed),
        new EcsSnapshot(
                ecs.clusters(),
                ecs.services(),
                ecs.taskDefinitions(),
                ecs.scalableTargets(),
                policies.apply(ecs.scalingPolicies()))
            .withAlarms(alarms.apply(ecs.alarms())));
  }

  private static EcsSnapshot.ObservedAlarm alarm(
      EcsSnapshot.ObservedAlarm alarm, UnaryOperator<MetricAlarm.Builder> change) {
    return new EcsSnapshot.ObservedAlarm(
        change.apply(alarm.alarm().toBuilder()).build(), alarm.tags());
  }

  @Test
  void theDefaultsAreTheWalkThroughsOneStepEachWayAndAlarmNamesOfTheService() {
    ServiceSpec.StepScaling steps =
        stack(STEPS)
            .all(ServiceSpec.class)
            .get(0)
            .autoScaling()
            .orElseThrow()
            .steps()
            .orElseThrow();
    assertEquals("CPUUtilization", steps.metric());
    assertEquals(new ServiceSpec.ScalingStep(true, "", "up", 70, 300, 1, 1, 300), steps.scaleOut());
    assertEquals(
        new ServiceSpec.ScalingStep(false, "", "main-web-scale-in", 50, 300, 1, 2, 60),
        steps.scaleIn());
    assertEquals(-2, steps.scaleIn().adjustment());
  }

  private static final String NAMED_BY_HAND =
      STEPS
          .replace("{alarmName: up,", "{policyName: ScaleOutPolicy, alarmName: up,")
          .replace("{threshold: 50,", "{policyName: ScaleInPolicy, threshold: 50,");

  @Test
  void policiesNamedByHandAreKeptUnderTheirNames() {
    DesiredState desired = stack(NAMED_BY_HAND);
    ServiceSpec web = desired.all(ServiceSpec.class).get(0);
    assertEquals("ScaleOutPolicy", web.stepPolicyName(true));
    assertEquals("ScaleInPolicy", web.stepPolicyName(false));
    assertEquals(List.of(), scaling(plan(desired, SyntheticAccount.inSync(desired, OWNERSHIP))));
  }

  @Test
  void namingThePoliciesReplacesTheDefaultNamedOnesAsParts() {
    ObservedState observed = SyntheticAccount.inSync(stack(STEPS), OWNERSHIP);
    Plan plan =
        Registry.planner()
            .plan(
                new PlanContext(
                    stack(NAMED_BY_HAND),
                    observed,
                    OWNERSHIP,
                    PlanOptions.DEFAULT.withAllowMassDelete(true)));
    List<Action> deletes = plan.actions().stream().filter(a -> a.verb() == Verb.DELETE).toList();
    assertEquals(
        List.of("web-scale-in", "web-scale-out"),
        deletes.stream().map(Action::name).sorted().toList(),
        plan::toString);
    assertTrue(deletes.stream().allMatch(a -> a.deletes() == Deletes.PART));
    ScalingPolicyStep step =
        (ScalingPolicyStep)
            plan.actions().stream()
                .filter(a -> a.kind().equals(ScalingPolicyPlanner.KIND) && a.verb() != Verb.DELETE)
                .findFirst()
                .orElseThrow(() -> new AssertionError(plan.toString()))
                .step();
    assertEquals(
        List.of("ScaleOutPolicy", "ScaleInPolicy"),
        step.stepPolicies().stream().map(ScalingPolicyStep.StepPolicy::name).toList());
  }

  @Test
  void aStepPolicyNameMustDifferBetweenTheDirections() {
    var refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.ecsgate.yaml.InvalidDesiredStateException.class,
            () ->
                stack(
                    NAMED_BY_HAND.replace(
                        "policyName: ScaleInPolicy", "policyName: ScaleOutPolicy")));
    assertTrue(
        refused.getMessage().contains("each direction needs its own policy"), refused::getMessage);
  }

  @Test
  void anAccountInSyncPlansNothing() {
    DesiredState desired = stack(STEPS);
    assertEquals(List.of(), scaling(plan(desired, SyntheticAccount.inSync(desired, OWNERSHIP))));
  }

  @Test
  void aThresholdChangedByHandIsOnePutMetricAlarmOfThatAlarm() {
    DesiredState desired = stack(STEPS);
    ObservedState observed =
        with(
            SyntheticAccount.inSync(desired, OWNERSHIP),
            p -> p,
            alarms ->
                alarms.stream()
                    .map(
                        a ->
                            a.alarm().alarmName().equals("up")
                                ? alarm(a, b -> b.threshold(90.0))
                                : a)
                    .toList());

    List<Action> actions = scaling(plan(desired, observed));

    assertEquals(1, actions.size(), actions::toString);
    assertEquals(ScalingAlarmPlanner.KIND, actions.get(0).kind());
    assertEquals("up", actions.get(0).name());
    assertEquals(Verb.UPDATE, actions.get(0).verb());
    assertEquals("threshold", actions.get(0).changes().get(0).field());
  }

  @Test
  void anAlarmWhoseActionIsNotItsPolicyIsPutBack() {
    DesiredState desired = stack(STEPS);
    ObservedState observed =
        with(
            SyntheticAccount.inSync(desired, OWNERSHIP),
            p -> p,
            alarms -> alarms.stream().map(a -> alarm(a, b -> b.alarmActions(List.of()))).toList());

    List<Action> actions = scaling(plan(desired, observed));

    assertEquals(2, actions.size(), actions::toString);
    assertTrue(actions.stream().allMatch(a -> a.changes().get(0).field().equals("alarmActions")));
  }

  @Test
  void aStepAdjustmentChangedByHandIsOnePutScalingPolicyOfThatPolicyOnly() {
    DesiredState desired = stack(STEPS);
    ObservedState observed =
        with(
            SyntheticAccount.inSync(desired, OWNERSHIP),
            policies ->
                policies.stream()
                    .map(
                        p ->
                            p.policyName().equals("web-scale-in")
                                ? p.toBuilder()
                                    .stepScalingPolicyConfiguration(
                                        p.stepScalingPolicyConfiguration().toBuilder()
                                            .cooldown(600)
                                            .build())
                                    .build()
                                : p)
                    .toList(),
            a -> a);

    List<Action> actions = scaling(plan(desired, observed));

    assertEquals(1, actions.size(), actions::toString);
    ScalingPolicyStep step = (ScalingPolicyStep) actions.get(0).step();
    assertEquals(
        List.of(new ScalingPolicyStep.StepPolicy("web-scale-in", -2, 60, "Minimum")),
        step.stepPolicies());
    assertEquals(null, step.minTasks(), "the target's bounds are left alone");
  }

  @Test
  void aForeignAlarmOfTheDeclaredNameBlocksAndAdoptTagsIt() {
    DesiredState desired = stack(STEPS);
    ObservedState observed =
        with(
            SyntheticAccount.inSync(desired, OWNERSHIP),
            p -> p,
            alarms ->
                alarms.stream()
                    .map(
                        a ->
                            a.alarm().alarmName().equals("up")
                                ? new EcsSnapshot.ObservedAlarm(a.alarm(), Map.of())
                                : a)
                    .toList());

    Action blocked = scaling(plan(desired, observed)).get(0);
    assertEquals(Verb.BLOCKED, blocked.verb());
    assertTrue(blocked.reason().contains("adopt: true"), blocked.reason());

    DesiredState adopting =
        desired(STACK.replace("SCALING", STEPS).replace("name: web}", "name: web, adopt: true}"));
    Action adopt = scaling(plan(adopting, observed)).get(0);
    assertEquals(Verb.ADOPT, adopt.verb());
    ScalingAlarmStep step = (ScalingAlarmStep) adopt.step();
    assertEquals(false, step.put(), "in sync otherwise: only the tags");
    assertEquals("ScalingAlarm/up", step.tags().get("ecsgate:resource"));
  }

  @Test
  void goingBackToTargetTrackingDeletesBothStepPoliciesAndTheirOwnedAlarmsAsParts() {
    ObservedState observed = SyntheticAccount.inSync(stack(STEPS), OWNERSHIP);

    // four of this small stack's seven owned resources and parts: past the mass-deletion guard
    Plan plan =
        Registry.planner()
            .plan(
                new PlanContext(
                    stack("    cpuTarget: 70\n"),
                    observed,
                    OWNERSHIP,
                    PlanOptions.DEFAULT.withAllowMassDelete(true)));

    List<Action> deletes = plan.actions().stream().filter(a -> a.verb() == Verb.DELETE).toList();
    assertEquals(
        List.of("main-web-scale-in", "up", "web-scale-in", "web-scale-out"),
        deletes.stream().map(Action::name).sorted().toList(),
        plan::toString);
    assertTrue(deletes.stream().allMatch(a -> a.deletes() == Deletes.PART));
    assertEquals(
        List.of(ScalingAlarmPlanner.KIND, ScalingAlarmPlanner.KIND),
        deletes.subList(0, 2).stream().map(Action::kind).toList(),
        "the alarms go before their policies");
  }

  @Test
  void anAlarmThatIsNotEcsgatesIsNeverDeleted() {
    ObservedState observed =
        with(
            SyntheticAccount.inSync(stack(STEPS), OWNERSHIP),
            p -> p,
            alarms ->
                alarms.stream()
                    .map(a -> new EcsSnapshot.ObservedAlarm(a.alarm(), Map.of()))
                    .toList());

    Plan plan = plan(stack("    cpuTarget: 70\n"), observed);

    assertTrue(
        plan.actions().stream().noneMatch(a -> a.kind().equals(ScalingAlarmPlanner.KIND)),
        plan::toString);
  }

  @Test
  void anAlarmTaggedAsOursButNotInventoriedIsNeverWrittenBlocksAndIsReported() {
    DesiredState desired = stack(STEPS);
    ObservedState observed = SyntheticAccount.inSync(desired, OWNERSHIP);
    // "up" carries ecsgate's tags, but the inventory does not hold it: someone else tagged it
    io.ecsgate.core.Inventory inventory =
        io.ecsgate.testing.Inventories.allTaggedBut(observed, OWNERSHIP, "up");

    Plan plan =
        Registry.planner()
            .plan(
                new PlanContext(
                    desired, observed, OWNERSHIP.withInventory(inventory), PlanOptions.DEFAULT));
    Action blocked = scaling(plan).get(0);
    assertEquals(Verb.BLOCKED, blocked.verb());
    assertEquals("up", blocked.name());
    assertEquals(
        List.of(new io.ecsgate.core.Inventory.Untracked(ScalingAlarmPlanner.KIND, "up", "up")),
        plan.untracked());

    Plan pruning =
        Registry.planner()
            .plan(
                new PlanContext(
                    stack("    cpuTarget: 70\n"),
                    observed,
                    OWNERSHIP.withInventory(inventory),
                    PlanOptions.DEFAULT.withAllowMassDelete(true).withPrune(true)));
    assertEquals(
        List.of("main-web-scale-in"),
        pruning.actions().stream()
            .filter(a -> a.kind().equals(ScalingAlarmPlanner.KIND))
            .map(Action::name)
            .toList(),
        "only the inventoried alarm goes with its policy");
  }
}
