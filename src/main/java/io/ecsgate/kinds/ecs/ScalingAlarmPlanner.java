package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The CloudWatch alarms of step scaling, one per direction of a service that declares {@code
 * autoScaling.steps}: created with ecsgate's tags, written again (PutMetricAlarm, the whole
 * definition) only when a declared field or the alarm's action (its policy's ARN) differs. Each
 * alarm is an inventory entry ({@code ScalingAlarm/<alarm name>}, its name as ID), written when it
 * is created or adopted. An alarm of the declared name that is not ecsgate's (its tags and the
 * inventory do not agree, {@link #owns}) blocks, unless the service says {@code adopt: true} (then
 * TagResource, and PutMetricAlarm only if it differs). An owned alarm that a service's step policy
 * still names but that no service declares (renamed, or the service went back to target tracking or
 * dropped auto scaling) is deleted as a part; one of a pruned service goes with it.
 */
public final class ScalingAlarmPlanner implements Kind.Planner {
  public static final String KIND = "ScalingAlarm";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = EcsSnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    Set<String> declared = new HashSet<>();
    Map<String, ServiceSpec> byResource = new HashMap<>();
    for (ServiceSpec desired : context.desired().all(ServiceSpec.class)) {
      byResource.put(desired.scalingResourceId(), desired);
      desired.autoScaling().flatMap(ServiceSpec.AutoScaling::steps).stream()
          .flatMap(s -> s.both().stream())
          .forEach(s -> declared.add(s.alarmName()));
    }
    for (ServiceSpec desired : context.desired().all(ServiceSpec.class)) {
      if (desired.metadata().suspend()) continue;
      Optional<ServiceSpec.StepScaling> steps =
          desired.autoScaling().flatMap(ServiceSpec.AutoScaling::steps);
      if (steps.isEmpty()) continue;
      Key service = Key.of(ServiceSpec.KIND, desired.name());
      if (out.idOf(service).isEmpty() && !out.isPending(service)) continue; // blocked: said there
      for (ServiceSpec.ScalingStep step : steps.get().both())
        plan(desired, steps.get(), step, ecs, ownership, out);
    }
    pruneUndeclared(context, ecs, ownership, declared, byResource, out);
  }

  private static void plan(
      ServiceSpec desired,
      ServiceSpec.StepScaling steps,
      ServiceSpec.ScalingStep step,
      EcsSnapshot ecs,
      Ownership ownership,
      PlanBuilder out) {
    String resourceId = desired.scalingResourceId();
    Key policy = ScalingPolicyPlanner.policyKey(resourceId, desired.stepPolicyName(step.out()));
    ScalingAlarmStep.Alarm alarm =
        new ScalingAlarmStep.Alarm(
            step.alarmName(),
            steps.metric(),
            steps.statistic(),
            desired.cluster().name(),
            desired.name(),
            step.threshold(),
            step.out(),
            step.periodSeconds(),
            step.evaluationPeriods());
    Key service = Key.of(ServiceSpec.KIND, desired.name());
    Map<String, String> tags = ownership.tags(KIND, alarm.name(), Map.of());
    // alarm names are the account's: one may exist even for a service this plan creates
    Optional<EcsSnapshot.ObservedAlarm> actual = ecs.alarm(alarm.name());
    Key key = Key.of(KIND, alarm.name());
    if (actual.isEmpty()) {
      out.pending(key);
      out.add(
          Action.create(
              KIND,
              alarm.name(),
              new ScalingAlarmStep(service, policy, alarm, true, tags, null),
              List.of(Change.of(step.direction(), "(none)", describe(alarm)))));
      return;
    }
    List<Change> changes = diff(actual.get().alarm(), alarm, out.idOf(policy));
    boolean ours = owns(ownership, actual.get());
    if (!ours) {
      if (!desired.metadata().adopt()) {
        out.add(
            Action.blocked(
                KIND,
                alarm.name(),
                "alarm '"
                    + alarm.name()
                    + "' exists and is not ecsgate's (its tags and the inventory do not both say so;"
                    + " for "
                    + step.direction()
                    + " of service "
                    + desired.name()
                    + "); metadata.adopt: true on the service takes it over"));
        return;
      }
      out.add(
          Action.adopt(
              KIND,
              alarm.name(),
              new ScalingAlarmStep(
                  service,
                  policy,
                  alarm,
                  !changes.isEmpty(),
                  tags,
                  actual.get().alarm().alarmArn())));
      out.known(key, alarm.name());
      return;
    }
    out.known(key, alarm.name());
    if (changes.isEmpty()) return;
    out.add(
        Action.update(
            KIND,
            alarm.name(),
            new ScalingAlarmStep(service, policy, alarm, true, Map.of(), null),
            changes));
  }

  /**
   * An alarm is ecsgate's when its tags name it and the inventory holds it under its name (alarm
   * names are CloudWatch's IDs: DeleteAlarms and PutMetricAlarm take them).
   */
  static boolean owns(Ownership ownership, EcsSnapshot.ObservedAlarm alarm) {
    String name = alarm.alarm().alarmName();
    return ownership.isResource(alarm.tags(), KIND, name, name);
  }

  /** How an alarm reads in a plan: {@code Minimum CPUUtilization > 70 for 1 x 300 s}. */
  static String describe(ScalingAlarmStep.Alarm alarm) {
    return alarm.statistic()
        + " "
        + alarm.metric()
        + (alarm.out() ? " > " : " < ")
        + alarm.threshold()
        + " for "
        + alarm.evaluationPeriods()
        + " x "
        + alarm.periodSeconds()
        + " s";
  }

  /**
   * The fields of the observed alarm that are not the declared ones; the action differs when it is
   * not exactly the policy's ARN (unknown until the policy exists).
   */
  static List<Change> diff(
      MetricAlarm actual, ScalingAlarmStep.Alarm alarm, Optional<String> policyArn) {
    List<Change> changes = new ArrayList<>();
    field(changes, "namespace", actual.namespace(), "AWS/ECS");
    field(changes, "metric", actual.metricName(), alarm.metric());
    field(changes, "statistic", actual.statisticAsString(), alarm.statistic());
    field(changes, "dimensions", dimensions(actual), dimensions(alarm));
    field(changes, "periodSeconds", actual.period(), alarm.periodSeconds());
    field(changes, "evaluationPeriods", actual.evaluationPeriods(), alarm.evaluationPeriods());
    field(
        changes,
        "threshold",
        actual.threshold() == null ? null : actual.threshold(),
        (double) alarm.threshold());
    field(
        changes, "comparison", actual.comparisonOperatorAsString(), alarm.comparison().toString());
    List<String> actions = actual.alarmActions() == null ? List.of() : actual.alarmActions();
    if (policyArn.isEmpty() || !actions.equals(List.of(policyArn.get())))
      changes.add(
          Change.of(
              "alarmActions",
              actions.isEmpty() ? "(none)" : String.join(", ", actions),
              policyArn.orElse("(the step policy)")));
    return changes;
  }

  private static void field(List<Change> changes, String name, Object actual, Object desired) {
    if (!desired.equals(actual)) changes.add(Change.of(name, actual, desired));
  }

  private static Map<String, String> dimensions(MetricAlarm alarm) {
    Map<String, String> map = new java.util.TreeMap<>();
    if (alarm.dimensions() != null) alarm.dimensions().forEach(d -> map.put(d.name(), d.value()));
    return map;
  }

  private static Map<String, String> dimensions(ScalingAlarmStep.Alarm alarm) {
    Map<String, String> map = new java.util.TreeMap<>();
    alarm.dimensions().forEach(d -> map.put(d.name(), d.value()));
    return map;
  }

  /**
   * Owned alarms observed that no service declares: each is a part of the service whose step policy
   * names it. That service declared: removed as a part (unless it is suspended); owned and no
   * longer declared: deleted with it, under its guard.
   */
  private static void pruneUndeclared(
      PlanContext context,
      EcsSnapshot ecs,
      Ownership ownership,
      Set<String> declared,
      Map<String, ServiceSpec> byResource,
      PlanBuilder out) {
    Map<String, ScalingPolicy> policyOfAlarm = new HashMap<>();
    for (ScalingPolicy policy : ecs.scalingPolicies())
      if (policy.policyType() == PolicyType.STEP_SCALING && policy.alarms() != null)
        policy.alarms().forEach(a -> policyOfAlarm.putIfAbsent(a.alarmName(), policy));
    Set<String> undeclaredServices = new HashSet<>();
    for (EcsSnapshot.UndeclaredService service :
        ecs.undeclaredOwnedServices(
            ownership, new HashSet<>(byResource.values().stream().map(s -> s.name()).toList())))
      undeclaredServices.add(service.scalingResourceId());
    for (EcsSnapshot.ObservedAlarm observed : ecs.alarms()) {
      String name = observed.alarm().alarmName();
      if (declared.contains(name) || !owns(ownership, observed)) continue;
      ScalingPolicy policy = policyOfAlarm.get(name);
      if (policy == null) continue; // read only because it is declared
      ServiceSpec owner = byResource.get(policy.resourceId());
      if (owner != null) {
        if (owner.metadata().suspend()) continue;
        out.delete(
            KIND,
            name,
            new ScalingAlarmStep.Delete(name),
            Deletes.PART,
            "service "
                + owner.name()
                + " no longer declares this alarm (renamed, or no step scaling)");
      } else if (undeclaredServices.contains(policy.resourceId())) {
        String service = policy.resourceId().substring(policy.resourceId().lastIndexOf('/') + 1);
        out.deleteWith(
            Key.of(ServiceSpec.KIND, service),
            KIND,
            name,
            new ScalingAlarmStep.Delete(name),
            "its service is no longer declared; its step scaling alarm is removed with it");
      }
    }
  }
}
