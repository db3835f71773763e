package io.ecsgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DesiredStateLoaderTest {
  /** A valid stack the cases refer to: an ALB (listener 80), an NLB, two target groups. */
  static final String BASE = """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: alb}
      spec:
        type: application
        subnets: [public-subnet-a, public-subnet-b]
        listeners:
          - port: 80
            defaultAction: {forward: web-tg}
      ---
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: nlb}
      spec:
        type: network
        subnets: [public-subnet-a]
        listeners:
          - port: 80
            protocol: TCP
            defaultAction: {forward: nlb-tg}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: web-tg}
      spec: {vpc: vpc-1, protocol: HTTP, port: 80}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: nlb-tg}
      spec: {vpc: vpc-1, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}
      """;

  static final String RULE = """
      apiVersion: ecsgate/v1
      kind: ListenerRule
      metadata: {name: %s}
      spec:
        loadBalancer: alb
        port: 80
        priority: %s
        pathPatterns: [/%s]
        forward: web-tg
      """;

  @TempDir Path dir;

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("a YAML syntax error is reported where it is", "apiVersion: ecsgate/v1\nkind: [\n", 2, "YAML syntax error"),
        Arguments.of("an unknown top-level key is an error", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: 80}") + "extra: 1\n", 5, "unknown key 'extra' in document"),
        Arguments.of("an unknown key deep in spec is an error", doc("TargetGroup", "t1", "\n  vpc: v\n  protocol: HTTP\n  port: 80\n  healthCheck:\n    interval: 5"), 9, "unknown key 'interval' in healthCheck"),
        Arguments.of("a string where a number belongs is a type error", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: eighty}"), 4, "port must be an integer, got a string"),
        Arguments.of("a missing required key is named", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP}"), 4, "spec is missing required key 'port'"),
        Arguments.of("a duplicate name within a kind is an error", doc("TargetGroup", "web-tg", "{vpc: v, protocol: HTTP, port: 80}"), 3, "TargetGroup 'web-tg' is declared twice"),
        Arguments.of("a reference to an undeclared target group dangles", rule("r1", "5").replace("forward: web-tg", "forward: missing-tg"), 9, "no TargetGroup named 'missing-tg' is declared"),
        Arguments.of("priority zero is outside 1..50000", rule("r1", "0"), 7, "priority must be between 1 and 50000, got 0"),
        Arguments.of("priority over 50000 is outside 1..50000", rule("r1", "50001"), 7, "priority must be between 1 and 50000, got 50001"),
        Arguments.of("a priority used twice on a listener is an error", rule("r1", "7") + "---\n" + rule("r2", "7"), 17, "priority 7 is already used by rule 'r1'"),
        Arguments.of("more than five path values in a rule is an error", rule("r1", "5").replace("[/r1]", "[/a, /b, /c, /d, /e, /f]"), 8, "at most 5 condition values"),
        Arguments.of("a path pattern over 128 characters is an error", rule("r1", "5").replace("[/r1]", "[/" + "x".repeat(128) + "]"), 8, "longer than 128 characters"),
        Arguments.of("a health-check path must start with a slash", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: 80, healthCheck: {path: health}}"), 4, "healthCheck.path must start with '/'"),
        Arguments.of("a target group port of zero is out of range", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: 0}"), 4, "port must be between 1 and 65535, got 0"),
        Arguments.of("a listener port over 65535 is out of range", alb("a2", "[s1, s2]", "65536", "HTTP"), 9, "port must be between 1 and 65535, got 65536"),
        Arguments.of("a target group of type alb must use TCP", doc("TargetGroup", "t1", "{vpc: v, targetType: alb, protocol: HTTP, port: 80}"), 4, "targetType alb must use protocol TCP"),
        Arguments.of("a network load balancer cannot listen on HTTP", doc("LoadBalancer", "n2", "\n  type: network\n  subnets: [s1]\n  listeners:\n    - port: 80\n      protocol: HTTP\n      defaultAction: {forward: nlb-tg}"), 9, "cannot use protocol HTTP"),
        Arguments.of("an application load balancer cannot forward to a TCP group", alb("a2", "[s1, s2]", "80", "HTTP").replace("forward: web-tg", "forward: nlb-tg"), 11, "forwards only to HTTP or HTTPS groups"),
        Arguments.of("an empty desired state is refused", "# nothing here\n", 1, "the desired state is empty"),
        Arguments.of("an unknown kind is named with the known ones", doc("Database", "db", "{}"), 2, "unknown kind 'Database' (known kinds: ListenerRule, LoadBalancer, TargetGroup)"),
        Arguments.of("a wrong apiVersion is refused", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: 80}").replace("ecsgate/v1", "ecsgate/v2"), 1, "apiVersion must be ecsgate/v1"),
        Arguments.of("a key written twice is an error", doc("TargetGroup", "t1", "\n  vpc: v\n  protocol: HTTP\n  port: 80\n  port: 81"), 8, "duplicate key 'port'"),
        Arguments.of("an application load balancer needs two subnets", alb("a2", "[s1]", "80", "HTTP"), 6, "at least two Availability Zones"),
        Arguments.of("a target group name with an underscore is invalid", doc("TargetGroup", "bad_name", "{vpc: v, protocol: HTTP, port: 80}"), 3, "is not a valid load balancer or target group name"),
        Arguments.of("a target group name over 32 characters is invalid", doc("TargetGroup", "t".repeat(33), "{vpc: v, protocol: HTTP, port: 80}"), 3, "1-32 letters"),
        Arguments.of("a rule on a port the load balancer does not listen on is an error", rule("r1", "5").replace("port: 80", "port: 443"), 5, "has no listener on port 443"),
        Arguments.of("a rule on a network load balancer is an error", rule("r1", "5").replace("loadBalancer: alb", "loadBalancer: nlb"), 5, "listener rules need an application load balancer"),
        Arguments.of("ALB IP targets must come from an application load balancer", doc("TargetGroup", "t1", "{vpc: v, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: nlb}}"), 4, "must name an application load balancer"),
        Arguments.of("an HTTPS listener needs a certificate", alb("a2", "[s1, s2]", "443", "HTTPS"), 8, "a HTTPS listener needs certificateArn"),
        Arguments.of("tag keys with the ecsgate prefix are reserved", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: 80, tags: {'ecsgate:resource': x}}"), 4, "reserved prefix"),
        Arguments.of("a default action takes forward or fixedResponse, not both", alb("a2", "[s1, s2]", "80", "HTTP").replace("{forward: web-tg}", "{forward: web-tg, fixedResponse: {statusCode: 404}}"), 11, "exactly one of forward or fixedResponse"),
        Arguments.of("a health-check timeout must be shorter than its interval", doc("TargetGroup", "t1", "{vpc: v, protocol: HTTP, port: 80, healthCheck: {intervalSeconds: 10, timeoutSeconds: 10}}"), 4, "timeoutSeconds must be less than intervalSeconds"),
        Arguments.of("a single string where a list belongs is a type error", alb("a2", "s1", "80", "HTTP"), 6, "subnets must be a list, got a string"),
        Arguments.of("a health-check path on a TCP check is refused", doc("TargetGroup", "t1", "{vpc: v, protocol: TCP, port: 80, healthCheck: {path: /x}}"), 4, "needs health-check protocol HTTP or HTTPS"),
        Arguments.of("ALB IP targets need an ip target group", doc("TargetGroup", "t1", "{vpc: v, targetType: instance, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}"), 4, "needs targetType ip"),
        Arguments.of("an unknown scheme is refused", alb("a2", "[s1, s2]", "80", "HTTP").replace("type: application", "type: application\n  scheme: public"), 6, "scheme must be one of internal, internet-facing"),
        Arguments.of("a document that is not a mapping is refused", "- just\n- a list\n", 1, "document must be a mapping, got a list"),
        Arguments.of("metadata without a name is refused", "apiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {}\nspec: {vpc: v, protocol: HTTP, port: 80}\n", 3, "metadata is missing required key 'name'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void invalidInputIsReportedAtItsLine(String description, String yaml, int line, String message) throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    Path file = dir.resolve("case.yaml");
    Files.writeString(file, yaml);
    List<Path> paths = message.contains("the desired state is empty") ? List.of(file) : List.of(dir);

    InvalidDesiredStateException error = assertThrows(InvalidDesiredStateException.class, () -> new DesiredStateLoader(new DesiredStateLoader.Limits(100)).load(paths));

    String all = error.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    assertTrue(error.problems().stream().anyMatch(p -> p.at().file().equals(file.toString()) && p.at().line() == line && p.message().contains(message)),
        "expected " + file + ":" + line + ": ..." + message + "... in:\n" + all);
  }

  @Test
  void moreRulesThanTheQuotaOnOneLoadBalancerIsAnError() throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    Files.writeString(dir.resolve("rules.yaml"), rule("r1", "1") + "---\n" + rule("r2", "2") + "---\n" + rule("r3", "3"));

    InvalidDesiredStateException error = assertThrows(InvalidDesiredStateException.class, () -> new DesiredStateLoader(new DesiredStateLoader.Limits(2)).load(List.of(dir)));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(error.problems().get(0).message().contains("more than 2 rules"), error.getMessage());
    assertEquals(23, error.problems().get(0).at().line()); // where the third rule is declared
  }

  @Test
  void everyProblemInEveryFileIsReportedAtOnce() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), doc("TargetGroup", "t1", "{vpc: v, protocol: HTTPX, port: 0, colour: red}"));
    Files.writeString(dir.resolve("b.yaml"), "kind: [\n");

    InvalidDesiredStateException error = assertThrows(InvalidDesiredStateException.class, () -> new DesiredStateLoader().load(List.of(dir)));

    List<String> messages = error.problems().stream().map(Problem::toString).toList();
    assertEquals(4, messages.size(), String.join("\n", messages));
    assertTrue(messages.get(0).contains("a.yaml:4:") && messages.get(0).contains("protocol must be one of"), messages.get(0));
    assertTrue(messages.get(3).contains("b.yaml:") && messages.get(3).contains("YAML syntax error"), messages.get(3));
  }

  @Test
  void binaryDataIsRefusedAsNotText() throws IOException {
    Files.write(dir.resolve("blob.yaml"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe});

    InvalidDesiredStateException error = assertThrows(InvalidDesiredStateException.class, () -> new DesiredStateLoader().load(List.of(dir)));

    assertTrue(error.getMessage().contains("blob.yaml:1:1: not a UTF-8 text file"), error.getMessage());
  }

  @Test
  void aMissingPathIsReported() {
    InvalidDesiredStateException error = assertThrows(InvalidDesiredStateException.class, () -> new DesiredStateLoader().load(List.of(dir.resolve("nope"))));

    assertTrue(error.getMessage().contains("no such file or directory"), error.getMessage());
  }

  @Test
  void anEmptyDirectoryIsAnEmptyDesiredState() {
    InvalidDesiredStateException error = assertThrows(InvalidDesiredStateException.class, () -> new DesiredStateLoader().load(List.of(dir)));

    assertTrue(error.getMessage().contains("the desired state is empty"), error.getMessage());
  }

  @Test
  void theSeedStackLoadsWithItsReferencesResolved() {
    DesiredState state = new DesiredStateLoader().load(List.of(Path.of("desired-state")));

    assertTrue(state.loadBalancer("ecs-fargate-elb").orElseThrow().isApplication());
    TargetGroupSpec nlbGroup = state.targetGroup("ecs-fargate-nlb-group").orElseThrow();
    assertEquals("ecs-fargate-elb", nlbGroup.targets().orElseThrow().loadBalancer().name());
    assertEquals("/health-check", state.targetGroup("ecs-fargate-demo1-tg").orElseThrow().healthCheck().path());
    assertEquals(List.of("/demo1", "/demo1/*"), state.listenerRules().get(0).pathPatterns());
    assertEquals(12, state.revision().length());
  }

  @Test
  void theRevisionChangesWithTheContent() throws IOException {
    Files.writeString(dir.resolve("base.yaml"), BASE);
    String before = new DesiredStateLoader().load(List.of(dir)).revision();
    Files.writeString(dir.resolve("base.yaml"), BASE.replace("port: 80, targets", "port: 81, targets"));

    assertTrue(!before.equals(new DesiredStateLoader().load(List.of(dir)).revision()));
  }

  static String doc(String kind, String name, String spec) {
    return "apiVersion: ecsgate/v1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec: " + spec + "\n";
  }

  static String rule(String name, String priority) {
    return RULE.formatted(name, priority, name);
  }

  static String alb(String name, String subnets, String port, String protocol) {
    return "apiVersion: ecsgate/v1\nkind: LoadBalancer\nmetadata: {name: " + name + "}\nspec:\n  type: application\n  subnets: " + subnets
        + "\n  listeners:\n    - protocol: " + protocol + "\n      port: " + port + "\n      defaultAction:\n        {forward: web-tg}\n";
  }
}
