package io.ecsgate.kinds.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Ref;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;

/** The members set once for Create and Modify requests are those each request would set itself. */
class ElbRequestsTest {
  private static final TargetGroupSpec.HealthCheck CHECK =
      new TargetGroupSpec.HealthCheck("HTTP", "/health", "traffic-port", 30, 5, 3, 2, "200-299");

  @Test
  void healthCheckSetsTheSameMembersOnCreateAndModify() {
    assertEquals(
        CreateTargetGroupRequest.builder()
            .name("web")
            .healthCheckProtocol("HTTP")
            .healthCheckPath("/health")
            .healthCheckPort("traffic-port")
            .healthCheckIntervalSeconds(30)
            .healthCheckTimeoutSeconds(5)
            .healthyThresholdCount(3)
            .unhealthyThresholdCount(2)
            .matcher(m -> m.httpCode("200-299"))
            .build(),
        ElbRequests.healthCheck(CreateTargetGroupRequest.builder().name("web"), CHECK).build());
    assertEquals(
        ModifyTargetGroupRequest.builder().targetGroupArn("arn:tg").healthCheckPath("/new").build(),
        ElbRequests.healthCheck(
                ModifyTargetGroupRequest.builder().targetGroupArn("arn:tg"),
                new TargetGroupSpec.HealthCheck(null, "/new", null, null, null, null, null, null))
            .build(),
        "only the fields set are sent, and no matcher unless set");
  }

  @Test
  void listenerSetsTheSameMembersOnCreateAndModify() {
    Ids ids = new Ids(Map.of(Key.of(TargetGroupSpec.KIND, "web"), "arn:tg"));
    LoadBalancerSpec.Listener https =
        new LoadBalancerSpec.Listener(
            443,
            "HTTPS",
            Optional.of(new Ref("web", Mark.file("x.yaml"))),
            Optional.empty(),
            Optional.of("arn:cert"),
            Mark.file("x.yaml"));
    Action forward = Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn("arn:tg").build();
    Certificate cert = Certificate.builder().certificateArn("arn:cert").build();

    assertEquals(
        CreateListenerRequest.builder()
            .loadBalancerArn("arn:lb")
            .port(443)
            .protocol("HTTPS")
            .defaultActions(forward)
            .certificates(cert)
            .build(),
        ElbRequests.listener(CreateListenerRequest.builder().loadBalancerArn("arn:lb"), https, ids)
            .build());
    assertEquals(
        ModifyListenerRequest.builder()
            .listenerArn("arn:l")
            .port(443)
            .protocol("HTTPS")
            .defaultActions(forward)
            .certificates(cert)
            .build(),
        ElbRequests.listener(ModifyListenerRequest.builder().listenerArn("arn:l"), https, ids)
            .build());
  }

  @Test
  void aListenerWithoutCertificateSendsNone() {
    LoadBalancerSpec.Listener http =
        new LoadBalancerSpec.Listener(
            80,
            "HTTP",
            Optional.empty(),
            Optional.of(new LoadBalancerSpec.FixedResponse(404, "text/plain", "no")),
            Optional.empty(),
            Mark.file("x.yaml"));

    assertEquals(
        ModifyListenerRequest.builder()
            .listenerArn("arn:l")
            .port(80)
            .protocol("HTTP")
            .defaultActions(
                Action.builder()
                    .type(ActionTypeEnum.FIXED_RESPONSE)
                    .fixedResponseConfig(
                        c -> c.statusCode("404").contentType("text/plain").messageBody("no"))
                    .build())
            .build(),
        ElbRequests.listener(
                ModifyListenerRequest.builder().listenerArn("arn:l"), http, new Ids(Map.of()))
            .build());
  }
}
