package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * The listeners of one load balancer, matched by port: created, modified in place, or (with
 * --prune) deleted when no longer declared.
 */
final class Listeners {
  private static final String KIND = LoadBalancerPlanner.LISTENER;

  private Listeners() {}

  static void plan(
      LoadBalancerSpec desired,
      LoadBalancer lb,
      ElbSnapshot elb,
      Ownership ownership,
      PlanBuilder out) {
    List<Listener> actualListeners = elb.listenersOf(lb.loadBalancerArn());
    for (LoadBalancerSpec.Listener listener : desired.listeners()) {
      Optional<Listener> actual =
          actualListeners.stream().filter(l -> l.port() == listener.port()).findFirst();
      if (actual.isPresent()) modify(desired, listener, actual.get(), out);
      else create(desired, listener, ownership, out);
    }
    for (Listener actual : actualListeners) {
      if (desired.listener(actual.port()).isPresent()) continue;
      out.delete(
          KIND,
          name(desired, actual.port()),
          new LoadBalancerStep.DeleteListener(actual.listenerArn()),
          Deletes.UNDECLARED,
          "listener no longer declared");
    }
  }

  /** Every listener of a load balancer that is left alone stays known. */
  static void keepKnown(
      LoadBalancerSpec desired, LoadBalancer lb, ElbSnapshot elb, PlanBuilder out) {
    elb.listenersOf(lb.loadBalancerArn())
        .forEach(
            l ->
                out.known(
                    LoadBalancerPlanner.listenerKey(desired.name(), l.port()), l.listenerArn()));
  }

  static void create(
      LoadBalancerSpec desired,
      LoadBalancerSpec.Listener listener,
      Ownership ownership,
      PlanBuilder out) {
    String name = name(desired, listener.port());
    List<Change> changes = new ArrayList<>();
    changes.add(Change.of("protocol", "(none)", listener.protocol()));
    listener
        .forward()
        .ifPresent(f -> changes.add(Change.of("defaultAction.forward", "(none)", f.name())));
    listener
        .fixedResponse()
        .ifPresent(
            f -> changes.add(Change.of("defaultAction.fixedResponse", "(none)", f.statusCode())));
    out.add(
        Action.create(
            KIND,
            name,
            new LoadBalancerStep.CreateListener(
                Key.of(LoadBalancerSpec.KIND, desired.name()),
                listener,
                ownership.tags(KIND, name, Map.of())),
            changes));
    out.pending(LoadBalancerPlanner.listenerKey(desired.name(), listener.port()));
  }

  private static void modify(
      LoadBalancerSpec desired,
      LoadBalancerSpec.Listener listener,
      Listener actual,
      PlanBuilder out) {
    out.known(
        LoadBalancerPlanner.listenerKey(desired.name(), listener.port()), actual.listenerArn());
    List<Change> changes = drift(listener, actual, out);
    if (changes.isEmpty()) return;
    out.add(
        Action.update(
            KIND,
            name(desired, listener.port()),
            new LoadBalancerStep.ModifyListener(actual.listenerArn(), listener),
            changes));
  }

  private static String name(LoadBalancerSpec desired, int port) {
    return desired.name() + ":" + port;
  }

  /** Protocol, certificate and default action of a listener, compared with what is declared. */
  static List<Change> drift(LoadBalancerSpec.Listener desired, Listener actual, PlanBuilder out) {
    List<Change> changes = new ArrayList<>();
    if (!desired.protocol().equals(actual.protocolAsString()))
      changes.add(Change.of("protocol", actual.protocolAsString(), desired.protocol()));
    desired
        .certificateArn()
        .flatMap(cert -> certificateDrift(cert, actual))
        .ifPresent(changes::add);
    Optional<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> action =
        actual.defaultActions().stream().findFirst();
    if (desired.forward().isPresent()) {
      Ref tg = desired.forward().get();
      String actualTarget = action.map(Forwarding::target).orElse("(none)");
      Forwarding.drift("defaultAction.forward", actualTarget, tg, out).ifPresent(changes::add);
    } else {
      fixedResponseDrift(desired.fixedResponse().orElseThrow(), action).ifPresent(changes::add);
    }
    return changes;
  }

  private static Optional<Change> certificateDrift(String cert, Listener actual) {
    String actualCert =
        actual.certificates().isEmpty() ? "(none)" : actual.certificates().get(0).certificateArn();
    return cert.equals(actualCert)
        ? Optional.empty()
        : Optional.of(Change.of("certificateArn", actualCert, cert));
  }

  private static Optional<Change> fixedResponseDrift(
      LoadBalancerSpec.FixedResponse fixed,
      Optional<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> action) {
    String desiredText =
        fixed.statusCode() + " " + fixed.contentType() + " '" + fixed.messageBody() + "'";
    String actualText =
        action
            .filter(a -> a.fixedResponseConfig() != null)
            .map(a -> describe(a.fixedResponseConfig()))
            .orElse(action.map(a -> a.typeAsString()).orElse("(none)"));
    return desiredText.equals(actualText)
        ? Optional.empty()
        : Optional.of(Change.of("defaultAction.fixedResponse", actualText, desiredText));
  }

  private static String describe(FixedResponseActionConfig fixed) {
    String body = fixed.messageBody() == null ? "" : fixed.messageBody();
    return fixed.statusCode() + " " + fixed.contentType() + " '" + body + "'";
  }
}
