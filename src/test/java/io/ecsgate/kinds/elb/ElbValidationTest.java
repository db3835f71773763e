package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Validation.assertReports;
import static io.ecsgate.testing.Validation.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the load balancer and target group kinds, at its boundary: one edit of a
 * valid stack per row, and the one problem it must report (none: at or inside the limit).
 */
class ElbValidationTest {
  private static final String STACK =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: alb}
      spec:
        type: application
        subnets: [subnet-a, subnet-b]
        listeners:
          - port: 80
            defaultAction: {forward: web}
          - port: 81
            defaultAction: {fixedResponse: {statusCode: 404}}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: web}
      spec:
        vpc: vpc-main
        protocol: HTTP
        port: 80
        healthCheck: {path: /health, intervalSeconds: 30, timeoutSeconds: 5}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: tcp}
      spec: {vpc: vpc-main, protocol: TCP, port: 80}
      """;

  private static final String HC =
      "healthCheck: {path: /health, intervalSeconds: 30, timeoutSeconds: 5}";
  private static final String TCP = "spec: {vpc: vpc-main, protocol: TCP, port: 80}";
  private static final String FIXED = "fixedResponse: {statusCode: 404}";

  private static Arguments row(String problem, String from, String to) {
    return Arguments.of(from, to, problem);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        // names
        row("metadata.name 'a_lb' is not", "metadata: {name: alb}", "metadata: {name: a_lb}"),
        // load balancers
        row(
            "an application load balancer needs subnets in at least two Availability Zones, got 1",
            "subnets: [subnet-a, subnet-b]",
            "subnets: [subnet-a]"),
        row("spec is missing required key 'subnets'", "  subnets: [subnet-a, subnet-b]\n", ""),
        row("unknown key 'x'", "- port: 80\n", "- port: 80\n      x: 1\n"),
        row("listener port 80 is declared twice", "port: 81", "port: 80"),
        row(null, FIXED, "fixedResponse: {statusCode: 200}"),
        row(null, FIXED, "fixedResponse: {statusCode: 599}"),
        row("statusCode must be between 200 and 599", FIXED, "fixedResponse: {statusCode: 199}"),
        row("statusCode must be between 200 and 599", FIXED, "fixedResponse: {statusCode: 600}"),
        row(null, FIXED, "fixedResponse: {statusCode: 404, messageBody: " + "x".repeat(1024) + "}"),
        row(
            "fixedResponse.messageBody is over 1024 characters",
            FIXED,
            "fixedResponse: {statusCode: 404, messageBody: " + "x".repeat(1025) + "}"),
        row("unknown key 'x'", FIXED, "fixedResponse: {statusCode: 404, x: 1}"),
        row(
            "defaultAction takes exactly one of forward or fixedResponse",
            "defaultAction: {fixedResponse: {statusCode: 404}}",
            "defaultAction: {}"),
        row(
            "a HTTPS listener needs certificateArn",
            "port: 81\n",
            "port: 81\n      protocol: HTTPS\n"),
        row(
            null,
            "port: 81\n",
            "port: 81\n      protocol: HTTPS\n      certificateArn: arn:cert\n"),
        row(
            "a application load balancer listener cannot use protocol TCP (allowed: HTTP, HTTPS)",
            "port: 81\n",
            "port: 81\n      protocol: TCP\n"),
        row(
            "defaultAction takes exactly one of forward or fixedResponse",
            "defaultAction: {fixedResponse: {statusCode: 404}}",
            "defaultAction: {forward: web, fixedResponse: {statusCode: 404}}"),
        row(
            "target group 'tcp' uses TCP; an application load balancer forwards only to HTTP or HTTPS"
                + " groups",
            "defaultAction: {forward: web}",
            "defaultAction: {forward: tcp}"),
        row(
            "no TargetGroup named 'none' is declared",
            "defaultAction: {forward: web}",
            "defaultAction: {forward: none}"),
        // target groups
        row(null, HC, "healthCheck: {path: /" + "x".repeat(1023) + "}"),
        row(
            "healthCheck.path is longer than 1024 characters",
            HC,
            "healthCheck: {path: /" + "x".repeat(1024) + "}"),
        row("healthCheck.path must start with '/'", HC, "healthCheck: {path: health}"),
        row(null, HC, "healthCheck: {intervalSeconds: 6, timeoutSeconds: 5}"),
        row(
            "healthCheck.timeoutSeconds must be less than intervalSeconds",
            HC,
            "healthCheck: {intervalSeconds: 5, timeoutSeconds: 5}"),
        row(null, HC, "healthCheck: {port: traffic-port}"),
        row(null, HC, "healthCheck: {port: '1'}"),
        row(null, HC, "healthCheck: {port: '65535'}"),
        row("healthCheck.port must be 'traffic-port' or 1..65535", HC, "healthCheck: {port: '0'}"),
        row(
            "healthCheck.port must be 'traffic-port' or 1..65535",
            HC,
            "healthCheck: {port: '65536'}"),
        row("healthCheck.port must be 'traffic-port' or 1..65535", HC, "healthCheck: {port: any}"),
        row(null, HC, "healthCheck: {matcher: '200-299'}"),
        row(null, HC, "healthCheck: {matcher: '200,302'}"),
        row("healthCheck.matcher must be HTTP codes", HC, "healthCheck: {matcher: ok}"),
        row(
            "healthCheck.matcher needs health-check protocol HTTP or HTTPS",
            HC,
            "healthCheck: {protocol: TCP, matcher: '200'}"),
        row(
            "healthCheck.path needs health-check protocol HTTP or HTTPS (it is TCP)",
            HC,
            "healthCheck: {protocol: TCP, path: /}"),
        row(
            "healthCheck.path needs health-check protocol HTTP or HTTPS (it is TCP)",
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, healthCheck: {path: /}}"),
        row(
            "healthCheck.matcher needs health-check protocol HTTP or HTTPS",
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, healthCheck: {matcher: '200'}}"),
        row(
            null,
            TCP,
            "spec: {vpc: vpc-main, protocol: TLS, port: 80, healthCheck: {protocol: HTTPS, path: /}}"),
        row(
            "healthCheck.path needs health-check protocol HTTP or HTTPS (it is TCP)",
            TCP,
            "spec: {vpc: vpc-main, protocol: TLS, port: 80, healthCheck: {path: /}}"),
        row("unknown key 'x'", HC, "healthCheck: {x: 1}"),
        row(
            "targets takes one of ipsOfLoadBalancer or loadBalancer, not both",
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb, loadBalancer: alb}}"),
        row(
            "targets needs ipsOfLoadBalancer or loadBalancer",
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {}}"),
        row(
            "unknown key 'x'",
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb, x: 1}}"),
        row(
            null,
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, targetType: alb, targets: {loadBalancer: alb}}"),
        row(
            "targets.loadBalancer needs targetType alb, got ip",
            TCP,
            "spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {loadBalancer: alb}}"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rules")
  void eachRuleHoldsAtItsBoundary(String from, String to, String problem) {
    assertReports(edit(STACK, from, to), problem);
  }

  private static final String NLB =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: nlb}
      spec:
        type: network
        subnets: [subnet-a]
        listeners:
          - port: 80
            defaultAction: {forward: tcp}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: tcp}
      spec: {vpc: vpc-main, protocol: TCP, port: 80}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: web}
      spec: {vpc: vpc-main, protocol: HTTP, port: 80}
      """;

  static Stream<Arguments> networkRules() {
    String listener = "- port: 80\n";
    return Stream.of(
        row(null, listener, listener),
        row(null, listener, "- port: 80\n      protocol: TLS\n      certificateArn: arn:cert\n"),
        row("a TLS listener needs certificateArn", listener, "- port: 80\n      protocol: TLS\n"),
        row(
            "a network load balancer listener cannot use protocol HTTP (allowed: TCP, TCP_UDP, TLS,"
                + " UDP)",
            listener,
            "- port: 80\n      protocol: HTTP\n"),
        row(
            "a network load balancer listener can only forward",
            "defaultAction: {forward: tcp}",
            "defaultAction: {fixedResponse: {statusCode: 404}}"),
        row(
            "target group 'web' uses HTTP; a network load balancer forwards only to TCP, TLS, UDP or"
                + " TCP_UDP groups",
            "defaultAction: {forward: tcp}",
            "defaultAction: {forward: web}"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("networkRules")
  void eachRuleOfANetworkLoadBalancerHoldsAtItsBoundary(String from, String to, String problem) {
    assertReports(edit(NLB, from, to), problem);
  }

  @Test
  void aTargetGroupNamesItsVpcAndItsTargetsAndItsHealthCheckAsDeclared() {
    TargetGroupSpec tg =
        Fixtures.desired(
                edit(
                    STACK,
                    TCP,
                    "spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}"))
            .find(TargetGroupSpec.class, "tcp")
            .orElseThrow();
    assertEquals(List.of("vpc-main"), tg.vpcs().stream().map(r -> r.name()).toList());
    assertEquals("alb", tg.targets().orElseThrow().loadBalancer().name());
    TargetGroupSpec web = Fixtures.desired(STACK).find(TargetGroupSpec.class, "web").orElseThrow();
    assertEquals("/health", web.healthCheck().path());
    assertEquals(30, web.healthCheck().intervalSeconds());
    assertEquals(
        "200-299",
        Fixtures.desired(edit(STACK, HC, "healthCheck: {matcher: '200-299'}"))
            .find(TargetGroupSpec.class, "web")
            .orElseThrow()
            .healthCheck()
            .matcher());
  }
}
