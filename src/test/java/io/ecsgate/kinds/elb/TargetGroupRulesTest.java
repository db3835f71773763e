package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Fixtures.desired;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A target group's decision functions, one row per field: which differences replace it (VPC, target
 * type, protocol, port), which health-check fields are modified in place (only those the YAML
 * sets), and the AWS name a replacement gets while the declared one is taken.
 */
class TargetGroupRulesTest {
  private static final String VPC = "vpc-1";

  private static final TargetGroupSpec SPEC =
      desired(
              """
              apiVersion: ecsgate/v1
              kind: TargetGroup
              metadata: {name: web}
              spec:
                vpc: vpc-1
                targetType: ip
                protocol: HTTP
                port: 80
                healthCheck:
                  protocol: HTTP
                  path: /health
                  port: traffic-port
                  intervalSeconds: 30
                  timeoutSeconds: 5
                  healthyThreshold: 5
                  unhealthyThreshold: 2
                  matcher: "200-299"
              """)
          .all(TargetGroupSpec.class)
          .get(0);

  private static TargetGroup.Builder same() {
    return TargetGroup.builder()
        .targetGroupName("web")
        .vpcId(VPC)
        .targetType("ip")
        .protocol("HTTP")
        .port(80)
        .healthCheckProtocol("HTTP")
        .healthCheckPath("/health")
        .healthCheckPort("traffic-port")
        .healthCheckIntervalSeconds(30)
        .healthCheckTimeoutSeconds(5)
        .healthyThresholdCount(5)
        .unhealthyThresholdCount(2)
        .matcher(Matcher.builder().httpCode("200-299").build());
  }

  private static Arguments row(UnaryOperator<TargetGroup.Builder> drift, String... changes) {
    return Arguments.of(drift, List.of(changes));
  }

  static Stream<Arguments> fixedFields() {
    return Stream.of(
        row(t -> t),
        row(t -> t.vpcId("vpc-2"), "vpc: vpc-2 -> vpc-1"),
        row(t -> t.targetType("instance"), "targetType: instance -> ip"),
        row(t -> t.protocol("HTTPS"), "protocol: HTTPS -> HTTP"),
        row(t -> t.port(8080), "port: 8080 -> 80"),
        row(t -> t.port(8080).protocol("TCP"), "protocol: TCP -> HTTP", "port: 8080 -> 80"));
  }

  @ParameterizedTest
  @MethodSource("fixedFields")
  void eachFieldFixedAtCreationReplacesTheGroup(
      UnaryOperator<TargetGroup.Builder> drift, List<String> changes) {
    TargetGroup actual = drift.apply(same()).build();
    assertEquals(
        changes,
        TargetGroupPlanner.immutableChanges(SPEC, VPC, actual).stream()
            .map(Change::toString)
            .toList());
    assertEquals(!changes.isEmpty(), TargetGroupPlanner.requiresReplacement(SPEC, VPC, actual));
  }

  static Stream<Arguments> healthChecks() {
    return Stream.of(
        row(t -> t),
        row(t -> t.healthCheckProtocol("HTTPS"), "healthCheck.protocol: HTTPS -> HTTP"),
        row(t -> t.healthCheckPath(null), "healthCheck.path: (none) -> /health"),
        row(t -> t.healthCheckPort("8080"), "healthCheck.port: 8080 -> traffic-port"),
        row(t -> t.healthCheckIntervalSeconds(10), "healthCheck.intervalSeconds: 10 -> 30"),
        row(t -> t.healthCheckTimeoutSeconds(6), "healthCheck.timeoutSeconds: 6 -> 5"),
        row(t -> t.healthyThresholdCount(3), "healthCheck.healthyThreshold: 3 -> 5"),
        row(t -> t.unhealthyThresholdCount(3), "healthCheck.unhealthyThreshold: 3 -> 2"),
        row(t -> t.matcher((Matcher) null), "healthCheck.matcher: (none) -> 200-299"),
        row(
            t -> t.matcher(Matcher.builder().httpCode("200").build()),
            "healthCheck.matcher: 200 -> 200-299"));
  }

  @ParameterizedTest
  @MethodSource("healthChecks")
  void eachHealthCheckFieldIsComparedOnItsOwnAndOnlyItIsSent(
      UnaryOperator<TargetGroup.Builder> drift, List<String> changes) {
    List<Change> found = new ArrayList<>();
    TargetGroupSpec.HealthCheck changed =
        TargetGroupPlanner.healthCheckDrift(SPEC.healthCheck(), drift.apply(same()).build(), found);

    assertEquals(changes, found.stream().map(Change::toString).toList());
    long sent =
        Stream.of(
                changed.protocol(),
                changed.path(),
                changed.port(),
                changed.intervalSeconds(),
                changed.timeoutSeconds(),
                changed.healthyThreshold(),
                changed.unhealthyThreshold(),
                changed.matcher())
            .filter(java.util.Objects::nonNull)
            .count();
    assertEquals(changes.size(), sent, "only what differs is sent: " + changed);
  }

  @Test
  void aHealthCheckFieldTheYamlLeavesOutIsNeverEnforced() {
    List<Change> found = new ArrayList<>();
    TargetGroupSpec.HealthCheck changed =
        TargetGroupPlanner.healthCheckDrift(
            TargetGroupSpec.HealthCheck.UNSET, same().healthCheckPath("/other").build(), found);
    assertEquals(List.of(), found);
    assertEquals(TargetGroupSpec.HealthCheck.UNSET, changed);
  }

  private static ElbSnapshot taken(String... names) {
    return new ElbSnapshot(
        List.of(),
        Map.of(),
        Map.of(),
        Stream.of(names).map(n -> TargetGroup.builder().targetGroupName(n).build()).toList(),
        Map.of(),
        Map.of(),
        Map.of());
  }

  @Test
  void aReplacementTakesTheDeclaredNameWhileItIsFreeElseOneWithAHashOfItsFixedFields() {
    assertEquals("web", TargetGroupPlanner.freeName(SPEC, VPC, taken("other")));
    String replacement = TargetGroupPlanner.freeName(SPEC, VPC, taken("web"));
    assertTrue(replacement.matches("web-[0-9a-f]{5}"), replacement);
    assertEquals(
        false,
        replacement.equals(TargetGroupPlanner.freeName(SPEC, "vpc-2", taken("web"))),
        "another VPC gives another name");
  }

  static Stream<Arguments> longNames() {
    return Stream.of(
        // declared name -> the part before the hash
        Arguments.of("a".repeat(26), "a".repeat(26)),
        Arguments.of("a".repeat(27), "a".repeat(26)),
        Arguments.of("a".repeat(32), "a".repeat(26)),
        Arguments.of("a".repeat(25) + "-b", "a".repeat(25)),
        Arguments.of("web-", "web"));
  }

  @ParameterizedTest
  @MethodSource("longNames")
  void aReplacementsNameIsAtMost32CharactersAndNeverHasTwoHyphensInARow(String name, String base) {
    TargetGroupSpec spec =
        new TargetGroupSpec(
            new io.ecsgate.yaml.Metadata(
                "TargetGroup", name, io.ecsgate.yaml.Mark.file("t.yaml"), false, false),
            SPEC.vpc(),
            SPEC.targetType(),
            SPEC.protocol(),
            SPEC.port(),
            SPEC.healthCheck(),
            SPEC.targets(),
            SPEC.tags());
    String replacement = TargetGroupPlanner.freeName(spec, VPC, taken(name));
    assertEquals(base + "-", replacement.substring(0, replacement.length() - 5));
    assertTrue(replacement.length() <= 32, replacement);
  }
}
