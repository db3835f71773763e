package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
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
    Rules rules = new Rules(context.ownership(), elb, Network.of(context.observed()));
    List<TargetGroupSpec> declared = context.desired().all(TargetGroupSpec.class);
    List<TargetGroupSpec> placed = new ArrayList<>();
    for (TargetGroupSpec desired : declared) {
      if (desired.metadata().suspend() || rules.vpcOf(desired).isPresent()) placed.add(desired);
      else rules.blockOnVpc(desired, out);
    }
    List<TargetGroup> matchable =
        elb.targetGroups().stream().filter(tg -> !rules.isSetAside(tg, declared)).toList();
    new Owned<>(KIND, "target group", rules).plan(context, placed, matchable, out);
  }

  /**
   * A target group is found by ecsgate's tag, or (to adopt) by its name. ecsgate may own several
   * copies of one: while a group is replaced, the old copy (whose immutable fields differ) is set
   * aside from the match and deleted once the new one exists.
   */
  private record Rules(Ownership ownership, ElbSnapshot elb, Network network)
      implements Owned.Rules<TargetGroupSpec, TargetGroup> {

    @Override
    public String id(TargetGroup actual) {
      return actual.targetGroupArn();
    }

    @Override
    public Map<String, String> tags(TargetGroup actual) {
      return elb.tagsOf(actual.targetGroupArn());
    }

    @Override
    public String awsName(TargetGroup actual) {
      return actual.targetGroupName();
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
     * Modifies the health check where it drifted; a copy whose immutable fields differ (only an
     * adopted one reaches here) is replaced: the new group is created now, and the old one goes on
     * a later pass, once the new one is known and its references moved.
     */
    @Override
    public void update(TargetGroupSpec desired, TargetGroup actual, PlanBuilder out) {
      if (requiresReplacement(desired, vpcOf(desired).orElseThrow(), actual)) {
        replace(desired, actual, out);
        return;
      }
      List<Change> changes = new ArrayList<>();
      TargetGroupSpec.HealthCheck changed =
          healthCheckDrift(desired.healthCheck(), actual, changes);
      if (!changes.isEmpty())
        out.add(
            Action.update(
                KIND,
                desired.name(),
                new TargetGroupStep.Modify(actual.targetGroupArn(), changed),
                changes));
      for (TargetGroup copy : copies(desired.name()))
        if (!copy.targetGroupArn().equals(actual.targetGroupArn()))
          deleteReplaced(desired, copy, out);
    }

    @Override
    public Optional<Step> tag(TargetGroup actual, Map<String, String> add) {
      return Optional.of(new ElbTagsStep(actual.targetGroupArn(), add, List.of()));
    }

    @Override
    public Optional<Step> delete(TargetGroup actual) {
      return Optional.of(new TargetGroupStep.Delete(actual.targetGroupArn()));
    }

    private void replace(TargetGroupSpec desired, TargetGroup old, PlanBuilder out) {
      List<Change> changes = immutableChanges(desired, vpcOf(desired).orElseThrow(), old);
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
      String vpcId = vpcOf(desired).orElseThrow();
      return Action.create(
          KIND,
          desired.name(),
          new TargetGroupStep.Create(
              desired,
              freeName(desired, vpcId, elb),
              vpcId,
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

    Optional<String> vpcOf(TargetGroupSpec desired) {
      return network.id(desired.vpc());
    }

    /** A group whose VPC does not resolve can be neither created nor changed. */
    void blockOnVpc(TargetGroupSpec desired, PlanBuilder out) {
      out.add(
          Action.blocked(
              KIND,
              desired.name(),
              desired.vpc().at()
                  + ": "
                  + network.problem(desired.vpc()).orElse("VPC not resolved")));
      copies(desired.name()).stream()
          .findFirst()
          .ifPresent(tg -> out.known(Key.of(KIND, desired.name()), tg.targetGroupArn()));
    }

    /**
     * Is this a copy of ours that the match must not see: one of a declaration blocked on its VPC
     * (left alone), or the old half of a replacement?
     */
    boolean isSetAside(TargetGroup actual, List<TargetGroupSpec> declared) {
      Optional<TargetGroupSpec> spec =
          ownership
              .nameOf(tags(actual), KIND)
              .flatMap(name -> declared.stream().filter(d -> d.name().equals(name)).findFirst());
      if (spec.isEmpty() || spec.get().metadata().suspend()) return false;
      Optional<String> vpcId = vpcOf(spec.get());
      return vpcId.isEmpty() || requiresReplacement(spec.get(), vpcId.get(), actual);
    }

    /** The groups ecsgate owns as {@code name}, in the order AWS lists them. */
    private List<TargetGroup> copies(String name) {
      return elb.targetGroups().stream()
          .filter(tg -> ownership.isResource(tags(tg), KIND, name))
          .toList();
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
