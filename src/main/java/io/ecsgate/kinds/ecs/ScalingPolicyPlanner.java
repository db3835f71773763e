package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;

/**
 * Auto scaling of services: the scalable target (min and max tasks) and one target-tracking policy
 * per declared metric, or the two step policies of step scaling, written only where they are
 * missing or differ; a policy of the kind the service no longer declares is deleted (a part), and a
 * target left on a service that no longer declares auto scaling is deregistered. Only services
 * ecsgate manages are touched (the service's ownership is their ownership).
 */
public final class ScalingPolicyPlanner implements Kind.Planner {
  public static final String KIND = "ScalingPolicy";
  public static final String CPU_METRIC = "ECSServiceAverageCPUUtilization";
  public static final String MEMORY_METRIC = "ECSServiceAverageMemoryUtilization";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = EcsSnapshot.of(context.observed());
    for (ServiceSpec desired : context.desired().all(ServiceSpec.class)) {
      if (desired.metadata().suspend()) continue;
      Key service = Key.of(ServiceSpec.KIND, desired.name());
      if (out.idOf(service).isEmpty() && !out.isPending(service))
        continue; // the service is blocked: its plan says why
      if (desired.autoScaling().isEmpty()) deregisterLeftOver(desired, service, ecs, out);
      else
        plan(
            desired,
            desired.autoScaling().get(),
            service,
            ecs,
            context.ownership().tags(KIND, desired.name(), java.util.Map.of()),
            out);
    }
    pruneWithUndeclaredServices(context, ecs, out);
  }

  /**
   * An owned service the desired state no longer declares is deleted with {@code --prune}; its
   * scalable target goes with it (AWS deletes the target's policies with the target), under the
   * same guard.
   */
  private static void pruneWithUndeclaredServices(
      PlanContext context, EcsSnapshot ecs, PlanBuilder out) {
    java.util.Set<String> declared = new java.util.HashSet<>();
    context.desired().all(ServiceSpec.class).forEach(s -> declared.add(s.name()));
    for (EcsSnapshot.UndeclaredService service :
        ecs.undeclaredOwnedServices(context.ownership(), declared))
      ecs.scalableTarget(service.scalingResourceId())
          .ifPresent(
              target ->
                  out.deleteWith(
                      Key.of(ServiceSpec.KIND, service.service().serviceName()),
                      KIND,
                      service.service().serviceName(),
                      new ScalingPolicyStep.Deregister(target.resourceId()),
                      "its service is no longer declared; the scalable target and its policies are removed with it"));
  }

  /**
   * A scaler left behind would keep moving desiredCount while ecsgate restores it: the YAML says
   * there is none.
   */
  private static void deregisterLeftOver(
      ServiceSpec desired, Key service, EcsSnapshot ecs, PlanBuilder out) {
    ecs.scalableTarget(desired.scalingResourceId())
        .filter(t -> !out.isPending(service))
        .ifPresent(
            t ->
                out.delete(
                    KIND,
                    desired.name(),
                    new ScalingPolicyStep.Deregister(t.resourceId()),
                    Deletes.PART,
                    "autoScaling is no longer declared; the scalable target and its policies are removed"));
  }

  private static void plan(
      ServiceSpec desired,
      ServiceSpec.AutoScaling scaling,
      Key service,
      EcsSnapshot ecs,
      java.util.Map<String, String> tags,
      PlanBuilder out) {
    String resourceId = desired.scalingResourceId();
    boolean fresh = out.isPending(service);
    List<Change> changes = new ArrayList<>();
    Optional<ScalableTarget> target = fresh ? Optional.empty() : ecs.scalableTarget(resourceId);
    boolean boundsDiffer = boundsDiffer(target, scaling);
    if (boundsDiffer)
      changes.add(
          Change.of(
              "tasks",
              target.map(t -> t.minCapacity() + ".." + t.maxCapacity()).orElse("(none)"),
              scaling.minTasks() + ".." + scaling.maxTasks()));
    Function<String, Optional<ScalingPolicy>> actual =
        name -> fresh ? Optional.empty() : ecs.scalingPolicy(resourceId, name);
    List<ScalingPolicyStep.Policy> policies = new ArrayList<>();
    List<ScalingPolicyStep.StepPolicy> stepPolicies = new ArrayList<>();
    java.util.Set<String> wanted = new java.util.HashSet<>();
    if (scaling.steps().isPresent()) {
      for (ServiceSpec.ScalingStep step : scaling.steps().get().both()) {
        String name = desired.stepPolicyName(step.out());
        wanted.add(name);
        Optional<ScalingPolicy> observed = actual.apply(name);
        observed.ifPresent(p -> out.known(policyKey(resourceId, name), p.policyARN()));
        stepPolicy(name, step, scaling.steps().get(), observed, stepPolicies, changes);
      }
    } else {
      String cpu = desired.cpuPolicyName();
      wanted.add(cpu);
      policy(cpu, CPU_METRIC, scaling.cpuTarget(), actual.apply(cpu), policies, changes);
      String memory = desired.memoryPolicyName();
      scaling
          .memoryTarget()
          .ifPresent(
              percent -> {
                wanted.add(memory);
                policy(memory, MEMORY_METRIC, percent, actual.apply(memory), policies, changes);
              });
    }
    for (String name : desired.allPolicyNames())
      if (!wanted.contains(name))
        actual
            .apply(name)
            .ifPresent(
                p ->
                    out.delete(
                        KIND,
                        name,
                        new ScalingPolicyStep.DeletePolicy(resourceId, name),
                        Deletes.PART,
                        "the service no longer declares this policy ("
                            + (scaling.steps().isPresent() ? "step scaling" : "target tracking")
                            + " replaces it)"));
    if (changes.isEmpty()) return;
    ScalingPolicyStep step =
        new ScalingPolicyStep(
            service,
            resourceId,
            boundsDiffer ? scaling.minTasks() : null,
            boundsDiffer ? scaling.maxTasks() : null,
            policies,
            stepPolicies,
            tags);
    out.add(
        target.isEmpty()
            ? Action.create(KIND, desired.name(), step, changes)
            : Action.update(KIND, desired.name(), step, changes));
  }

  /** The key of a service's step policy, whose ARN its alarm's step looks up. */
  public static Key policyKey(String resourceId, String policyName) {
    return Key.of(KIND, resourceId + "/" + policyName);
  }

  /**
   * AWS aggregates a step policy's metric by Minimum, Maximum or Average (null is Average): the
   * alarm's statistic where it is one of those.
   */
  static String aggregation(String statistic) {
    return switch (statistic) {
      case "Minimum", "Maximum" -> statistic;
      default -> "Average";
    };
  }

  /** How a step policy reads in a plan: {@code +1 task(s), cooldown 300 s}. */
  private static String describe(int adjustment, int cooldown, String aggregation) {
    return (adjustment > 0 ? "+" : "")
        + adjustment
        + " task(s), cooldown "
        + cooldown
        + " s, "
        + aggregation;
  }

  private static void stepPolicy(
      String name,
      ServiceSpec.ScalingStep step,
      ServiceSpec.StepScaling steps,
      Optional<ScalingPolicy> actual,
      List<ScalingPolicyStep.StepPolicy> policies,
      List<Change> changes) {
    ScalingPolicyStep.StepPolicy wanted =
        new ScalingPolicyStep.StepPolicy(
            name, step.adjustment(), step.cooldownSeconds(), aggregation(steps.statistic()));
    Optional<
            software.amazon.awssdk.services.applicationautoscaling.model
                .StepScalingPolicyConfiguration>
        config = actual.map(ScalingPolicy::stepScalingPolicyConfiguration);
    if (config.isPresent() && sameStep(config.get(), wanted)) return;
    policies.add(wanted);
    changes.add(
        Change.of(
            name + ".step",
            config
                .map(
                    c ->
                        c.stepAdjustments() == null || c.stepAdjustments().size() != 1
                            ? (c.stepAdjustments() == null ? 0 : c.stepAdjustments().size())
                                + " step(s)"
                            : describe(
                                c.stepAdjustments().get(0).scalingAdjustment(),
                                c.cooldown() == null ? 0 : c.cooldown(),
                                c.metricAggregationTypeAsString()))
                .orElse(actual.isPresent() ? "target tracking" : "(none)"),
            describe(
                wanted.adjustment(), wanted.cooldownSeconds(), wanted.metricAggregationType())));
  }

  /** The observed step configuration is the declared one step, adjustment type and cooldown. */
  static boolean sameStep(
      software.amazon.awssdk.services.applicationautoscaling.model.StepScalingPolicyConfiguration
          actual,
      ScalingPolicyStep.StepPolicy wanted) {
    String aggregation =
        actual.metricAggregationTypeAsString() == null
            ? "Average"
            : actual.metricAggregationTypeAsString();
    return "ChangeInCapacity".equals(actual.adjustmentTypeAsString())
        && actual.cooldown() != null
        && actual.cooldown() == wanted.cooldownSeconds()
        && aggregation.equals(wanted.metricAggregationType())
        && actual.stepAdjustments() != null
        && actual.stepAdjustments().equals(List.of(ScalingPolicyStep.step(wanted)));
  }

  /** The scalable target is missing, or its bounds are not the declared ones. */
  private static boolean boundsDiffer(
      Optional<ScalableTarget> target, ServiceSpec.AutoScaling scaling) {
    return target.isEmpty()
        || target.get().minCapacity() != scaling.minTasks()
        || target.get().maxCapacity() != scaling.maxTasks();
  }

  private static void policy(
      String name,
      String metric,
      int targetValue,
      Optional<ScalingPolicy> actual,
      List<ScalingPolicyStep.Policy> policies,
      List<Change> changes) {
    Optional<String> actualMetric =
        actual
            .map(ScalingPolicy::targetTrackingScalingPolicyConfiguration)
            .map(
                c ->
                    c.predefinedMetricSpecification() == null
                        ? null
                        : c.predefinedMetricSpecification().predefinedMetricTypeAsString());
    Optional<Double> actualTarget =
        actual
            .map(ScalingPolicy::targetTrackingScalingPolicyConfiguration)
            .map(c -> c.targetValue());
    if (actualMetric.equals(Optional.of(metric))
        && actualTarget.isPresent()
        && actualTarget.get() == targetValue) return;
    policies.add(new ScalingPolicyStep.Policy(name, metric, targetValue));
    changes.add(
        Change.of(
            name + ".targetValue",
            actualTarget.map(v -> v + " on " + actualMetric.orElse("?")).orElse("(none)"),
            targetValue + ".0 on " + metric));
  }
}
