package io.ecsgate.kinds.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Ref;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * A listener's fields against what AWS holds, one row each: protocol, certificate, the default
 * action's forward target (as this plan knows the group) or fixed response; and what creating one
 * records.
 */
class ListenerDriftTest {
  private static final String TG_ARN = "arn:tg/web";
  private static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/c";
  private static final Mark AT = Mark.file("lb.yaml");

  private static final LoadBalancerSpec.Listener HTTPS_FORWARD =
      new LoadBalancerSpec.Listener(
          443, "HTTPS", Optional.of(new Ref("web", AT)), Optional.empty(), Optional.of(CERT), AT);
  private static final LoadBalancerSpec.Listener FIXED =
      new LoadBalancerSpec.Listener(
          80,
          "HTTP",
          Optional.empty(),
          Optional.of(new LoadBalancerSpec.FixedResponse(404, "text/plain", "no")),
          Optional.empty(),
          AT);

  private static PlanBuilder knowingTheGroup() {
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, Registry.order());
    out.known(Key.of(TargetGroupSpec.KIND, "web"), TG_ARN);
    return out;
  }

  private static Listener.Builder httpsForwarding() {
    return Listener.builder()
        .port(443)
        .protocol("HTTPS")
        .certificates(Certificate.builder().certificateArn(CERT).build())
        .defaultActions(Action.builder().type("forward").targetGroupArn(TG_ARN).build());
  }

  private static Listener.Builder fixed404() {
    return Listener.builder()
        .port(80)
        .protocol("HTTP")
        .defaultActions(
            Action.builder()
                .type("fixed-response")
                .fixedResponseConfig(
                    FixedResponseActionConfig.builder()
                        .statusCode("404")
                        .contentType("text/plain")
                        .messageBody("no")
                        .build())
                .build());
  }

  private static Arguments row(
      LoadBalancerSpec.Listener desired,
      UnaryOperator<Listener.Builder> actual,
      String... changes) {
    return Arguments.of(desired, actual, List.of(changes));
  }

  static Stream<Arguments> drift() {
    UnaryOperator<Listener.Builder> https = b -> httpsForwarding();
    UnaryOperator<Listener.Builder> fixed = b -> fixed404();
    return Stream.of(
        row(HTTPS_FORWARD, https),
        row(HTTPS_FORWARD, b -> httpsForwarding().protocol("HTTP"), "protocol: HTTP -> HTTPS"),
        row(
            HTTPS_FORWARD,
            b -> httpsForwarding().certificates(List.of()),
            "certificateArn: (none) -> " + CERT),
        row(
            HTTPS_FORWARD,
            b ->
                httpsForwarding()
                    .certificates(Certificate.builder().certificateArn("arn:old").build()),
            "certificateArn: arn:old -> " + CERT),
        row(
            HTTPS_FORWARD,
            b ->
                httpsForwarding()
                    .defaultActions(
                        Action.builder().type("forward").targetGroupArn("arn:tg/other").build()),
            "defaultAction.forward: arn:tg/other -> " + TG_ARN),
        row(
            HTTPS_FORWARD,
            b -> httpsForwarding().defaultActions(List.of()),
            "defaultAction.forward: (none) -> " + TG_ARN),
        row(FIXED, fixed),
        row(
            FIXED,
            b ->
                fixed404()
                    .defaultActions(
                        Action.builder()
                            .type("fixed-response")
                            .fixedResponseConfig(
                                FixedResponseActionConfig.builder()
                                    .statusCode("404")
                                    .contentType("text/plain")
                                    .build())
                            .build()),
            "defaultAction.fixedResponse: 404 text/plain '' -> 404 text/plain 'no'"),
        row(
            FIXED,
            b ->
                fixed404()
                    .defaultActions(
                        Action.builder().type("forward").targetGroupArn(TG_ARN).build()),
            "defaultAction.fixedResponse: forward -> 404 text/plain 'no'"),
        row(
            FIXED,
            b -> fixed404().defaultActions(List.of()),
            "defaultAction.fixedResponse: (none) -> 404 text/plain 'no'"));
  }

  @ParameterizedTest
  @MethodSource("drift")
  void eachFieldOfAListenerIsComparedOnItsOwn(
      LoadBalancerSpec.Listener desired,
      UnaryOperator<Listener.Builder> actual,
      List<String> changes) {
    assertEquals(
        changes,
        Listeners.drift(desired, actual.apply(null).build(), knowingTheGroup()).stream()
            .map(Change::toString)
            .toList());
  }

  @Test
  void aCreatedListenerShowsItsProtocolAndDefaultActionAndIsPending() {
    LoadBalancerSpec alb =
        io.ecsgate.testing.Fixtures.desired(io.ecsgate.testing.Fixtures.stack())
            .all(LoadBalancerSpec.class)
            .get(0);
    for (LoadBalancerSpec.Listener listener : List.of(HTTPS_FORWARD, FIXED)) {
      PlanBuilder out = knowingTheGroup();
      Listeners.create(alb, listener, new Ownership("ecsgate"), out);
      Plan plan = out.build(10, false);

      assertEquals(
          java.util.Set.of(LoadBalancerPlanner.listenerKey("alb", listener.port())),
          plan.creating());
      assertEquals(
          listener == FIXED
              ? List.of("protocol: (none) -> HTTP", "defaultAction.fixedResponse: (none) -> 404")
              : List.of("protocol: (none) -> HTTPS", "defaultAction.forward: (none) -> web"),
          plan.actions().get(0).changes().stream().map(Change::toString).toList());
    }
  }
}
