package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Tagging;
import io.ecsgate.kinds.network.Network;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    Map<String, List<TargetGroup>> oursByName =
        ElbOwnership.oursByName(
            elb.targetGroups(), TargetGroup::targetGroupArn, elb, ownership, KIND);
    for (TargetGroupSpec desired : context.desired().all(TargetGroupSpec.class)) {
      Key key = Key.of(KIND, desired.name());
      List<TargetGroup> ours = oursByName.getOrDefault(desired.name(), List.of());
      if (desired.metadata().suspend()) {
        ours.stream().findFirst().ifPresent(tg -> out.known(key, tg.targetGroupArn()));
        continue;
      }
      Optional<String> vpcId = Network.of(context.observed()).id(desired.vpc());
      if (vpcId.isEmpty()) {
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                desired.vpc().at()
                    + ": "
                    + Network.of(context.observed())
                        .problem(desired.vpc())
                        .orElse("VPC not resolved")));
        ours.stream().findFirst().ifPresent(tg -> out.known(key, tg.targetGroupArn()));
        continue;
      }
      boolean adopted = false;
      if (ours.isEmpty()) {
        Optional<TargetGroup> sameName =
            elb.targetGroups().stream()
                .filter(tg -> tg.targetGroupName().equals(desired.name()))
                .findFirst();
        if (sameName.isPresent()) {
          if (!desired.metadata().adopt()) {
            out.add(
                Action.blocked(
                    KIND,
                    desired.name(),
                    "a target group named '"
                        + desired.name()
                        + "' exists and is not managed by ecsgate; set metadata.adopt: true to take it over"));
            continue;
          }
          Map<String, String> tags = ownership.tags(KIND, desired.name(), desired.tags());
          out.add(
              Action.adopt(
                  KIND,
                  desired.name(),
                  new ElbTagsStep(sameName.get().targetGroupArn(), tags, List.of())));
          ours = List.of(sameName.get());
          adopted = true;
        }
      }
      Optional<TargetGroup> actual =
          ours.stream().filter(tg -> !requiresReplacement(desired, vpcId.get(), tg)).findFirst();
      if (actual.isEmpty()) {
        String awsName = freeName(desired, vpcId.get(), elb);
        List<Change> changes =
            ours.isEmpty()
                ? creationFields(desired)
                : immutableChanges(desired, vpcId.get(), ours.get(0));
        Action create =
            Action.create(
                KIND,
                desired.name(),
                new TargetGroupStep.Create(
                    desired,
                    awsName,
                    vpcId.get(),
                    ownership.tags(KIND, desired.name(), desired.tags())),
                changes);
        out.add(
            ours.isEmpty()
                ? create
                : create.because(
                    "replaces "
                        + ours.get(0).targetGroupName()
                        + ": "
                        + changes.stream().map(Change::field).collect(Collectors.joining(", "))
                        + " cannot change in place"));
        out.pending(key);
      } else {
        TargetGroup tg = actual.get();
        out.known(key, tg.targetGroupArn());
        List<Change> changes = new ArrayList<>();
        TargetGroupSpec.HealthCheck changed = healthCheckDrift(desired.healthCheck(), tg, changes);
        if (!changes.isEmpty()) {
          out.add(
              Action.update(
                  KIND,
                  desired.name(),
                  new TargetGroupStep.Modify(tg.targetGroupArn(), changed),
                  changes));
        }
        Map<String, String> addTags =
            Tagging.missingTags(desired.tags(), elb.tagsOf(tg.targetGroupArn()));
        if (!adopted && !addTags.isEmpty()) {
          out.add(
              Action.update(
                  KIND,
                  desired.name(),
                  new ElbTagsStep(tg.targetGroupArn(), addTags, List.of()),
                  Tagging.tagChanges(addTags, elb.tagsOf(tg.targetGroupArn()))));
        }
      }
      for (TargetGroup old : ours) {
        if (actual.isPresent() && old == actual.get()) continue;
        out.delete(
            KIND,
            desired.name(),
            new TargetGroupStep.Delete(old.targetGroupArn()),
            Deletes.REPLACED,
            "old group " + old.targetGroupName() + " replaced; deleted after its references moved");
      }
    }
    prune(context, out);
  }

  private void prune(PlanContext context, PlanBuilder out) {
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Set<String> declared =
        context.desired().all(TargetGroupSpec.class).stream()
            .map(TargetGroupSpec::name)
            .collect(Collectors.toSet());
    ElbOwnership.oursByName(
            elb.targetGroups(), TargetGroup::targetGroupArn, elb, context.ownership(), KIND)
        .forEach(
            (name, groups) -> {
              if (declared.contains(name)) return;
              for (TargetGroup tg : groups) {
                out.delete(
                    KIND,
                    name,
                    new TargetGroupStep.Delete(tg.targetGroupArn()),
                    Deletes.UNDECLARED,
                    "no longer declared");
              }
            });
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
