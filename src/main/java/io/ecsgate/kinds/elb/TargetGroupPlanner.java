package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Kind;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Target groups: create when missing; modify health checks in place (only fields the YAML sets);
 * replace when an immutable field (VPC, target type, protocol, port) changed: the new group is
 * created first, references move to it in the update phase, and the old group is deleted last.
 */
public final class TargetGroupPlanner implements Kind.Planner {
  private static final String KIND = TargetGroupSpec.KIND;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    new Rules(context)
        .plan(context, "target group", context.desired().all(TargetGroupSpec.class), out);
  }

  /**
   * A target group is found by ecsgate's tag, or (to adopt) by its name. ecsgate may own several
   * copies of one: while a group is replaced, the old copy (whose immutable fields differ) is set
   * aside from the match and deleted once a copy that fits is known.
   */
  private static final class Rules extends ElbRules<TargetGroupSpec, TargetGroup> {
    Rules(PlanContext context) {
      super(
          context,
          KIND,
          ElbSnapshot::targetGroups,
          TargetGroup::targetGroupArn,
          TargetGroup::targetGroupName,
          TargetGroupStep.Delete::new);
    }

    /** Creates the group, replacing the copies of it ecsgate owns (none of which can serve). */
    @Override
    public void create(TargetGroupSpec desired, PlanBuilder out) {
      List<TargetGroup> replaced = copies(desired.name());
      if (replaced.isEmpty()) {
        out.add(createAction(desired, creationFields(desired)));
        return;
      }
      replace(desired, replaced.get(0), out);
      replaced.forEach(old -> deleteReplaced(desired, old, out));
    }

    /**
     * Modifies the health check where it drifted and deletes the other copies; a group whose
     * immutable fields differ (only an adopted one reaches here) is replaced: the new group is
     * created now, the old one goes on a later pass, once the new one is known and its references
     * moved.
     */
    @Override
    public void update(TargetGroupSpec desired, TargetGroup actual, PlanBuilder out) {
      if (isReplaced(desired, actual)) {
        replace(desired, actual, out);
        return;
      }
      List<Change> changes = new ArrayList<>();
      TargetGroupSpec.HealthCheck changed =
          healthCheckDrift(desired.healthCheck(), actual, changes);
      updateIfChanged(
          KIND,
          desired,
          new TargetGroupStep.Modify(actual.targetGroupArn(), changed),
          changes,
          out);
      for (TargetGroup copy : copies(desired.name()))
        if (!copy.targetGroupArn().equals(actual.targetGroupArn()))
          deleteReplaced(desired, copy, out);
    }

    @Override
    boolean isReplaced(TargetGroupSpec desired, TargetGroup actual) {
      return requiresReplacement(desired, vpcId(desired), actual);
    }

    @Override
    List<String> unresolvedReferences(TargetGroupSpec desired) {
      if (network.id(desired.vpc()).isPresent()) return List.of();
      return List.of(
          desired.vpc().at() + ": " + network.problem(desired.vpc()).orElse("VPC not resolved"));
    }

    private String vpcId(TargetGroupSpec desired) {
      return network.id(desired.vpc()).orElseThrow();
    }

    private void replace(TargetGroupSpec desired, TargetGroup old, PlanBuilder out) {
      List<Change> changes = immutableChanges(desired, vpcId(desired), old);
      out.add(
          createAction(desired, changes)
              .because(
                  "replaces "
                      + old.targetGroupName()
                      + ": "
                      + changes.stream().map(Change::field).collect(Collectors.joining(", "))
                      + " cannot change in place"));
    }

    private Action createAction(TargetGroupSpec desired, List<Change> changes) {
      return Action.create(
          KIND,
          desired.name(),
          new TargetGroupStep.Create(
              desired,
              freeName(desired, vpcId(desired), elb),
              vpcId(desired),
              ownership.tags(KIND, desired.name(), desired.tags())),
          changes);
    }

    private static void deleteReplaced(TargetGroupSpec desired, TargetGroup old, PlanBuilder out) {
      out.delete(
          KIND,
          desired.name(),
          new TargetGroupStep.Delete(old.targetGroupArn()),
          Deletes.REPLACED,
          "old group " + old.targetGroupName() + " replaced; deleted after its references moved");
    }
  }

  /** VPC, target type, protocol and port are fixed when a target group is created. */
  public static boolean requiresReplacement(
      TargetGroupSpec desired, String desiredVpcId, TargetGroup actual) {
    return !immutableChanges(desired, desiredVpcId, actual).isEmpty();
  }

  static List<Change> immutableChanges(
      TargetGroupSpec desired, String desiredVpcId, TargetGroup actual) {
    List<Change> changes = new ArrayList<>();
    if (!desiredVpcId.equals(actual.vpcId()))
      changes.add(Change.of("vpc", actual.vpcId(), desiredVpcId));
    if (!desired.targetType().equals(actual.targetTypeAsString()))
      changes.add(Change.of("targetType", actual.targetTypeAsString(), desired.targetType()));
    if (!desired.protocol().equals(actual.protocolAsString()))
      changes.add(Change.of("protocol", actual.protocolAsString(), desired.protocol()));
    if (!Objects.equals(desired.port(), actual.port()))
      changes.add(Change.of("port", actual.port(), desired.port()));
    return changes;
  }

  private static List<Change> creationFields(TargetGroupSpec desired) {
    List<Change> fields = new ArrayList<>();
    fields.add(Change.of("targetType", "(none)", desired.targetType()));
    fields.add(Change.of("protocol", "(none)", desired.protocol()));
    fields.add(Change.of("port", "(none)", desired.port()));
    if (desired.healthCheck().path() != null)
      fields.add(Change.of("healthCheck.path", "(none)", desired.healthCheck().path()));
    return fields;
  }

  /**
   * The health-check fields the YAML sets that differ from AWS, as a HealthCheck holding only those
   * (the others null), and each difference added to {@code changes}.
   */
  public static TargetGroupSpec.HealthCheck healthCheckDrift(
      TargetGroupSpec.HealthCheck desired, TargetGroup actual, List<Change> changes) {
    String protocol =
        differs(
            "healthCheck.protocol",
            desired.protocol(),
            actual.healthCheckProtocolAsString(),
            changes);
    String path = differs("healthCheck.path", desired.path(), actual.healthCheckPath(), changes);
    String port = differs("healthCheck.port", desired.port(), actual.healthCheckPort(), changes);
    Integer interval =
        differs(
            "healthCheck.intervalSeconds",
            desired.intervalSeconds(),
            actual.healthCheckIntervalSeconds(),
            changes);
    Integer timeout =
        differs(
            "healthCheck.timeoutSeconds",
            desired.timeoutSeconds(),
            actual.healthCheckTimeoutSeconds(),
            changes);
    Integer healthy =
        differs(
            "healthCheck.healthyThreshold",
            desired.healthyThreshold(),
            actual.healthyThresholdCount(),
            changes);
    Integer unhealthy =
        differs(
            "healthCheck.unhealthyThreshold",
            desired.unhealthyThreshold(),
            actual.unhealthyThresholdCount(),
            changes);
    String matcher =
        differs(
            "healthCheck.matcher",
            desired.matcher(),
            actual.matcher() == null ? null : actual.matcher().httpCode(),
            changes);
    return new TargetGroupSpec.HealthCheck(
        protocol, path, port, interval, timeout, healthy, unhealthy, matcher);
  }

  private static <T> T differs(String field, T desired, T actual, List<Change> changes) {
    if (desired == null || desired.equals(actual)) return null;
    changes.add(Change.of(field, actual == null ? "(none)" : actual, desired));
    return desired;
  }

  /**
   * The AWS name for a new group: the declared name while it is free, otherwise (a replacement,
   * since names are unique per account and region) the name with a short hash of the immutable
   * fields, at most 32 characters.
   */
  static String freeName(TargetGroupSpec desired, String vpcId, ElbSnapshot elb) {
    Set<String> taken =
        elb.targetGroups().stream().map(TargetGroup::targetGroupName).collect(Collectors.toSet());
    if (!taken.contains(desired.name())) return desired.name();
    String hash =
        shortHash(
            vpcId + "|" + desired.targetType() + "|" + desired.protocol() + "|" + desired.port());
    String base = desired.name().length() > 26 ? desired.name().substring(0, 26) : desired.name();
    if (base.endsWith("-")) base = base.substring(0, base.length() - 1);
    return base + "-" + hash;
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
