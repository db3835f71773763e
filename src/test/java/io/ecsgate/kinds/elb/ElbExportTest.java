package io.ecsgate.kinds.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.export.Document;
import io.ecsgate.export.Reach;
import io.ecsgate.export.Walk;
import io.ecsgate.kinds.network.NetworkNames;
import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

class ElbExportTest {
  private static final String TG_ARN = "arn:aws:elasticloadbalancing:r:1:targetgroup/web/1";
  private static final String ALB_ARN = "arn:aws:elasticloadbalancing:r:1:loadbalancer/app/alb/1";
  private static final Function<String, Optional<String>> GROUPS =
      arn -> arn.equals(TG_ARN) ? Optional.of("web") : Optional.empty();
  private static final NetworkNames NAMES =
      NetworkNames.of(
          Map.of("vpc-1", "main"), Map.of("subnet-1", "public-a"), Map.of("sg-1", "alb-sg"));

  private static LoadBalancer alb() {
    return LoadBalancer.builder()
        .loadBalancerName("alb")
        .loadBalancerArn(ALB_ARN)
        .type("application")
        .scheme("internal")
        .availabilityZones(
            AvailabilityZone.builder().subnetId("subnet-1").build(),
            AvailabilityZone.builder().subnetId("subnet-2").build())
        .securityGroups("sg-1")
        .build();
  }

  private static Listener listener(int port, Action action) {
    return Listener.builder().port(port).protocol("HTTP").defaultActions(action).build();
  }

  private static Action forward() {
    return Action.builder().type("forward").targetGroupArn(TG_ARN).build();
  }

  @Test
  void aLoadBalancerIsWrittenWithNamesWhereTheyExistAndReachesItsGroups() {
    Walk walk = new Walk(false);

    Document lb =
        ElbExport.loadBalancer(
                alb(),
                List.of(listener(80, forward())),
                Map.of("team", "edge", "ecsgate:resource", "LoadBalancer/alb", "aws:x", "y"),
                GROUPS,
                NAMES,
                walk)
            .orElseThrow();

    assertEquals(List.of("public-a", "subnet-2"), lb.spec().get("subnets"));
    assertEquals(List.of("alb-sg"), lb.spec().get("securityGroups"));
    assertEquals(
        List.of(Map.of("port", 80, "protocol", "HTTP", "defaultAction", Map.of("forward", "web"))),
        lb.spec().get("listeners"));
    assertEquals(Map.of("team", "edge"), lb.spec().get("tags"), "reserved prefixes are left out");
    assertEquals(new Reach(TargetGroupSpec.KIND, "web"), walk.next());
  }

  @Test
  void aListenerThatCannotBeDeclaredLeavesItsLoadBalancerOutWhole() {
    Walk walk = new Walk(false);
    Action redirect = Action.builder().type("redirect").build();
    Listener twoCertificates =
        listener(443, forward()).toBuilder()
            .protocol("HTTPS")
            .certificates(
                Certificate.builder().certificateArn("a").build(),
                Certificate.builder().certificateArn("b").build())
            .build();

    Optional<Document> lb =
        ElbExport.loadBalancer(
            alb(), List.of(listener(80, redirect), twoCertificates), Map.of(), GROUPS, NAMES, walk);

    assertTrue(lb.isEmpty());
    String why = walk.leftOut().get(0).toString();
    assertTrue(why.contains("listener 80's default action redirect is not supported"), why);
    assertTrue(why.contains("listener 443 has 2 certificates"), why);
    assertEquals(null, walk.next(), "nothing reached from what is left out");
  }

  @Test
  void aRuleIsNamedByItsTagOrByListenerAndPriorityAndKeepsItsPriority() {
    Rule rule =
        Rule.builder()
            .ruleArn("r1")
            .priority("10")
            .conditions(
                RuleCondition.builder()
                    .field("path-pattern")
                    .pathPatternConfig(p -> p.values("/b", "/a"))
                    .build())
            .actions(forward())
            .build();

    Document untagged =
        ElbExport.listenerRule(
                "alb", 80, rule, Map.of(), Fixtures.OWNERSHIP, GROUPS, new Walk(false))
            .orElseThrow();
    Document tagged =
        ElbExport.listenerRule(
                "alb",
                80,
                rule,
                Fixtures.OWNERSHIP.tags(ListenerRuleSpec.KIND, "demo1", Map.of()),
                Fixtures.OWNERSHIP,
                GROUPS,
                new Walk(false))
            .orElseThrow();

    assertEquals("alb-80-10", untagged.name());
    assertEquals("demo1", tagged.name());
    assertEquals(10, untagged.spec().get("priority"));
    assertEquals(List.of("/a", "/b"), untagged.spec().get("pathPatterns"));
    assertEquals("web", untagged.spec().get("forward"));
  }

  @Test
  void aRuleOnAnotherConditionOrWithAnotherActionIsLeftOut() {
    Walk walk = new Walk(false);
    Rule rule =
        Rule.builder()
            .ruleArn("r1")
            .priority("30")
            .conditions(
                RuleCondition.builder()
                    .field("http-request-method")
                    .httpRequestMethodConfig(m -> m.values("GET"))
                    .build())
            .actions(Action.builder().type("fixed-response").build())
            .build();

    assertTrue(
        ElbExport.listenerRule("alb", 80, rule, Map.of(), Fixtures.OWNERSHIP, GROUPS, walk)
            .isEmpty());
    String why = walk.leftOut().get(0).toString();
    assertEquals(
        "ListenerRule alb:80 priority 30: conditions [http-request-method] are not supported (only"
            + " path-pattern and host-header); its action fixed-response is not supported",
        why);
  }

  private static TargetGroup.Builder group(String protocol) {
    return TargetGroup.builder()
        .targetGroupName("web")
        .targetGroupArn(TG_ARN)
        .vpcId("vpc-1")
        .targetType("ip")
        .protocol(protocol)
        .port(80)
        .healthCheckPort("traffic-port")
        .healthCheckIntervalSeconds(30)
        .healthyThresholdCount(5)
        .unhealthyThresholdCount(2);
  }

  @Test
  void aHealthCheckIsWrittenOnlyWhereItDiffersFromElbsDefaults() {
    TargetGroup http =
        group("HTTP")
            .healthCheckProtocol("HTTP")
            .healthCheckPath("/health-check")
            .healthCheckTimeoutSeconds(5)
            .matcher(Matcher.builder().httpCode("200").build())
            .build();
    TargetGroup tcp =
        group("TCP")
            .healthCheckProtocol("TCP")
            .healthCheckPath("/")
            .healthCheckTimeoutSeconds(10)
            .unhealthyThresholdCount(3)
            .build();

    assertEquals(Map.of("path", "/health-check"), ElbExport.healthCheck(http));
    assertEquals(
        Map.of("unhealthyThreshold", 3), ElbExport.healthCheck(tcp), "no path for a TCP check");
    Document document =
        ElbExport.targetGroup(http, Optional.empty(), Map.of(), NAMES, new Walk(false))
            .orElseThrow();
    assertEquals("main", document.spec().get("vpc"));
  }

  @Test
  void aGroupHoldingExactlyAnAlbsAddressesOnItsPortIsWrittenAsIpsOfThatAlb() {
    TargetGroup nlbGroup = group("TCP").build();
    Map<String, List<String>> albIps = Map.of(ALB_ARN, List.of("10.0.1.5", "10.0.2.6"));
    List<TargetDescription> registered =
        List.of(
            TargetDescription.builder().id("10.0.2.6").port(80).build(),
            TargetDescription.builder().id("10.0.1.5").port(80).build());

    assertEquals(
        "alb",
        ElbExport.targets(nlbGroup, registered, List.of(alb()), albIps)
            .orElseThrow()
            .loadBalancer()
            .name());
    assertTrue(
        ElbExport.targets(nlbGroup, registered.subList(0, 1), List.of(alb()), albIps).isEmpty(),
        "a part of the addresses is not the ALB's");
    List<TargetDescription> otherPort =
        List.of(
            TargetDescription.builder().id("10.0.2.6").port(8080).build(),
            TargetDescription.builder().id("10.0.1.5").port(8080).build());
    assertTrue(ElbExport.targets(nlbGroup, otherPort, List.of(alb()), albIps).isEmpty());
  }

  @Test
  void aLambdaGroupIsLeftOut() {
    Walk walk = new Walk(false);
    TargetGroup lambda = group(null).targetType("lambda").build();

    assertTrue(ElbExport.targetGroup(lambda, Optional.empty(), Map.of(), NAMES, walk).isEmpty());
    assertEquals("TargetGroup", walk.leftOut().get(0).kind());
  }
}
