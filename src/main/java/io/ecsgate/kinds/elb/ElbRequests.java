package io.ecsgate.kinds.elb;

import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.yaml.Ref;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/**
 * The parts of ELB requests more than one step sends, written once: tags, the forward action, rule
 * conditions, targets, and the members a Create and a Modify request share (a target group's health
 * check, a listener's port, protocol, default action and certificate).
 */
final class ElbRequests {
  private ElbRequests() {}

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /** AddTags, then RemoveTags, each only when it has something to do. */
  static void retag(
      ElasticLoadBalancingV2Client elb, String arn, Map<String, String> add, List<String> remove) {
    if (!add.isEmpty()) elb.addTags(r -> r.resourceArns(arn).tags(tags(add)));
    if (!remove.isEmpty()) elb.removeTags(r -> r.resourceArns(arn).tagKeys(remove));
  }

  /** Forward to the declared target group, whose ARN may have been created in this apply. */
  static Action forward(Ref targetGroup, Ids ids) {
    return Action.builder()
        .type(ActionTypeEnum.FORWARD)
        .targetGroupArn(ids.get(Key.of(TargetGroupSpec.KIND, targetGroup.name())))
        .build();
  }

  static List<Action> defaultActions(LoadBalancerSpec.Listener listener, Ids ids) {
    if (listener.forward().isPresent()) return List.of(forward(listener.forward().get(), ids));
    LoadBalancerSpec.FixedResponse fixed = listener.fixedResponse().orElseThrow();
    return List.of(
        Action.builder()
            .type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(
                c ->
                    c.statusCode(String.valueOf(fixed.statusCode()))
                        .contentType(fixed.contentType())
                        .messageBody(fixed.messageBody()))
            .build());
  }

  static List<RuleCondition> conditions(ListenerRuleSpec desired) {
    return Stream.of(
            condition(
                "path-pattern",
                desired.pathPatterns(),
                (rule, values) -> rule.pathPatternConfig(c -> c.values(values))),
            condition(
                "host-header",
                desired.hostHeaders(),
                (rule, values) -> rule.hostHeaderConfig(c -> c.values(values))))
        .flatMap(Optional::stream)
        .toList();
  }

  /** A condition on {@code field} when it has values; {@code config} sets them on the builder. */
  private static Optional<RuleCondition> condition(
      String field, List<String> values, BiConsumer<RuleCondition.Builder, List<String>> config) {
    if (values.isEmpty()) return Optional.empty();
    RuleCondition.Builder condition = RuleCondition.builder().field(field);
    config.accept(condition, values);
    return Optional.of(condition.build());
  }

  static List<TargetDescription> targets(List<NlbTargetsStep.Target> targets) {
    return targets.stream()
        .map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build())
        .toList();
  }

  /**
   * Sets the health-check members on a CreateTargetGroup or ModifyTargetGroup request (the same
   * members in both); a null field is sent as null (AWS's default, or unchanged), the matcher only
   * when set.
   */
  static <B extends SdkPojo> B healthCheck(B request, TargetGroupSpec.HealthCheck hc) {
    Map<String, Object> members = new HashMap<>();
    members.put("HealthCheckProtocol", hc.protocol());
    members.put("HealthCheckPath", hc.path());
    members.put("HealthCheckPort", hc.port());
    members.put("HealthCheckIntervalSeconds", hc.intervalSeconds());
    members.put("HealthCheckTimeoutSeconds", hc.timeoutSeconds());
    members.put("HealthyThresholdCount", hc.healthyThreshold());
    members.put("UnhealthyThresholdCount", hc.unhealthyThreshold());
    if (hc.matcher() != null)
      members.put("Matcher", Matcher.builder().httpCode(hc.matcher()).build());
    return set(request, members);
  }

  /**
   * Sets port, protocol, default action and (when declared) certificate on a CreateListener or
   * ModifyListener request.
   */
  static <B extends SdkPojo> B listener(B request, LoadBalancerSpec.Listener listener, Ids ids) {
    Map<String, Object> members = new HashMap<>();
    members.put("Port", listener.port());
    members.put("Protocol", listener.protocol());
    members.put("DefaultActions", defaultActions(listener, ids));
    listener
        .certificateArn()
        .ifPresent(
            cert ->
                members.put(
                    "Certificates", List.of(Certificate.builder().certificateArn(cert).build())));
    return set(request, members);
  }

  /** Sets members of a request builder by their API names; every name must be one of its own. */
  private static <B extends SdkPojo> B set(B request, Map<String, Object> members) {
    Set<String> unknown = new TreeSet<>(members.keySet());
    for (SdkField<?> field : request.sdkFields()) {
      if (!members.containsKey(field.memberName())) continue;
      field.set(request, members.get(field.memberName()));
      unknown.remove(field.memberName());
    }
    if (!unknown.isEmpty())
      throw new IllegalArgumentException(
          request.getClass().getSimpleName() + " has no member " + unknown);
    return request;
  }
}
