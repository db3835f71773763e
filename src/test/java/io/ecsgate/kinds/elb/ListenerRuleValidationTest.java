package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Fixtures.rule;
import static io.ecsgate.testing.Fixtures.stack;
import static io.ecsgate.testing.Validation.assertReports;
import static io.ecsgate.testing.Validation.edit;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of a listener rule, at its boundary: one edit of a valid stack (an ALB with
 * a listener on port 80, a target group, one rule) per row, and the one problem it must report
 * (none: at or inside the limit).
 */
class ListenerRuleValidationTest {
  private static final String STACK = stack(rule("a", "10", "/a"));
  private static final String PATHS = "pathPatterns: [/a]";

  private static String values(String prefix, int n) {
    return String.join(", ", IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList());
  }

  private static Arguments row(String problem, String from, String to) {
    return Arguments.of(from, to, problem);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row(null, PATHS, PATHS),
        row("metadata.name", "metadata: {name: a}", "metadata: {name: 'a b'}"),
        row(null, PATHS, "pathPatterns: ['/" + "x".repeat(127) + "']"),
        row(
            "path pattern is longer than 128 characters",
            PATHS,
            "pathPatterns: ['/" + "x".repeat(128) + "']"),
        row(
            "path pattern '/a b' has characters AWS does not allow",
            PATHS,
            "pathPatterns: ['/a b']"),
        row(null, PATHS, "pathPatterns: ['/a-b_c.d$/~@:+?*&']"),
        row(null, PATHS, "hostHeaders: ['" + "h".repeat(128) + "']"),
        row(
            "host header is longer than 128 characters",
            PATHS,
            "hostHeaders: ['" + "h".repeat(129) + "']"),
        row("a rule needs at least one of pathPatterns or hostHeaders", PATHS, "pathPatterns: []"),
        row(null, PATHS, "pathPatterns: [" + values("/p", 5) + "]"),
        row(
            "a rule may have at most 5 condition values in all, got 6",
            PATHS,
            "pathPatterns: [" + values("/p", 6) + "]"),
        row(
            "a rule may have at most 5 condition values in all, got 6",
            PATHS,
            "hostHeaders: [" + values("h", 6) + "]"),
        row(
            null,
            PATHS,
            "pathPatterns: [" + values("/p", 3) + "]\n  hostHeaders: [" + values("h", 2) + "]"),
        row(
            "a rule may have at most 5 condition values in all, got 6",
            PATHS,
            "pathPatterns: [" + values("/p", 3) + "]\n  hostHeaders: [" + values("h", 3) + "]"),
        row("has no listener on port 8080", "port: 80\n  priority", "port: 8080\n  priority"),
        row(
            "no LoadBalancer named 'none' is declared",
            "loadBalancer: alb\n  port",
            "loadBalancer: none\n  port"),
        row("no TargetGroup named 'none' is declared", "forward: web\n", "forward: none\n"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rules")
  void eachRuleHoldsAtItsBoundary(String from, String to, String problem) {
    assertReports(edit(STACK, from, to), problem);
  }

  @Test
  void aRuleOnANetworkLoadBalancerIsRefused() {
    String nlb =
        "apiVersion: ecsgate/v1\nkind: LoadBalancer\nmetadata: {name: nlb}\n"
            + "spec:\n  type: network\n  subnets: [subnet-a]\n  listeners:\n"
            + "    - {port: 80, protocol: TCP, defaultAction: {forward: tcp}}\n---\n"
            + "apiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: tcp}\n"
            + "spec: {vpc: vpc-main, protocol: TCP, port: 80}\n";
    assertReports(
        stack(
            nlb,
            rule("a", "10", "/a")
                .replace("loadBalancer: alb", "loadBalancer: nlb")
                .replace("forward: web", "forward: tcp")),
        "listener rules need an application load balancer; 'nlb' is network");
  }

  @Test
  void aRuleForwardingToAGroupOfTheOtherLayerIsRefused() {
    String tcp =
        "apiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: tcp}\n"
            + "spec: {vpc: vpc-main, protocol: TCP, port: 80}\n";
    assertReports(
        stack(tcp, rule("a", "10", "/a").replace("forward: web", "forward: tcp")),
        "target group 'tcp' uses TCP; an application load balancer forwards only to HTTP or HTTPS groups");
  }

  @Test
  void twoRulesOfOneListenerHaveNeitherTheSameConditionsNorTheSamePriority() {
    assertReports(
        stack(rule("a", "10", "/a"), rule("b", "20", "/a")),
        "rule 'b' has the same conditions as rule 'a' on listener");
    assertReports(
        stack(rule("a", "10", "/a"), rule("b", "10", "/b")),
        "priority 10 is already used by rule 'a' on listener");
    assertReports(stack(rule("a", "10", "/a"), rule("b", "20", "/b")), null);
  }

  @Test
  void aLoadBalancerHoldsAtMostItsQuotaOfRules() {
    String[] hundred =
        IntStream.rangeClosed(1, 100)
            .mapToObj(i -> rule("r" + i, null, "/r" + i))
            .toArray(String[]::new);
    assertReports(stack(hundred), null);
    String[] more =
        IntStream.rangeClosed(1, 101)
            .mapToObj(i -> rule("r" + i, null, "/r" + i))
            .toArray(String[]::new);
    assertReports(stack(more), "load balancer 'alb' has more than 100 rules (its quota");
  }
}
