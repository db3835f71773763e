package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.Convergence;
import io.ecsgate.core.Action;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservationFailure;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import io.ecsgate.testing.HandEdits;
import io.ecsgate.testing.Reconcilers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * One AWS service's reads fail (the fault proxy in front of the emulator answers every API Gateway
 * request with its throttling response, or with access denied) while the other kinds drift: the API
 * Gateway kinds and what needs them are reported and skipped, the others repaired.
 */
@ExtendWith(Emulator.class)
class ObservePerKindIT {
  private static final Set<String> API_KINDS = Set.of("VpcLink", "RestApi", "Deployment", "Stage");

  private static DesiredState seed() {
    return Registry.loader().load(List.of(Emulator.seed()));
  }

  private static void converge(Emulator aws) {
    assertTrue(
        Reconcilers.of(aws.clients(), new Ownership("ecsgate"))
            .converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
  }

  @Test
  void aRunningDaemonRepairsTheOtherKindsInTheCycleApiGatewayCannotBeReadAndCountsIt(Emulator aws)
      throws Exception {
    converge(aws);
    try (FaultProxy proxy =
        new FaultProxy(java.net.URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 7)) {
      proxy.failService("apigateway", FaultProxy.ServiceFault.DENY);
      ElasticLoadBalancingV2Client elb = aws.clients().elb();
      try (Daemon daemon =
          Daemon.start(proxy.endpoint(), Emulator.seed().toString(), "--interval=1s")) {
        daemon.await(
            Duration.ofSeconds(60),
            "a cycle that could not read API Gateway",
            () -> daemon.metric("ecsgate_observe_errors_total", Map.of("kind", "RestApi")) >= 1);
        double ruleFixes =
            daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "ListenerRule"));
        Rule rule = HandEdits.editFirstRulePath(elb);
        daemon.await(
            Duration.ofSeconds(20),
            "the hand-edited rule repaired while API Gateway still fails",
            () ->
                daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "ListenerRule"))
                    > ruleFixes);
        assertTrue(
            !rulePaths(elb, rule.ruleArn()).contains("/oops"),
            () -> rulePaths(elb, rule.ruleArn()).toString());

        JsonNode status = daemon.status();
        JsonNode cycle = status.path("lastCycle");
        assertEquals("failure", cycle.path("result").asText(), cycle.toString());
        assertTrue(
            cycle.path("error").asText().startsWith("reading apigateway failed (access denied): "),
            cycle.toString());
        for (String[] resource :
            List.of(
                new String[] {"RestApi", "student-api"},
                new String[] {"VpcLink", "ecs-fargate-link"})) {
          JsonNode shown = daemon.resource(resource[0], resource[1]);
          assertEquals("Error", shown.path("state").asText(), shown.toString());
          assertTrue(
              shown
                  .path("lastError")
                  .asText()
                  .startsWith("not observed: reading apigateway failed (access denied): "),
              shown.toString());
        }
        assertEquals(
            "Synced", daemon.resource("ListenerRule", "demo1").path("state").asText(), "repaired");
        for (String kind : List.of("VpcLink", "RestApi", "Deployment", "Stage"))
          assertTrue(
              daemon.metric("ecsgate_observe_errors_total", Map.of("kind", kind)) >= 1, kind);
        assertEquals(
            0, daemon.metric("ecsgate_observe_errors_total", Map.of("kind", "ListenerRule")));
        assertTrue(
            daemon.metric("ecsgate_reconcile_total", Map.of("result", "failure")) >= 1,
            "the cycles count as failures");
        assertTrue(
            daemon.log().contains("reading apigateway failed (access denied)"), daemon.tail());
        assertTrue(
            proxy.injected().getOrDefault("denied:apigateway", 0L) >= 1,
            proxy.injected().toString());

        proxy.failService("apigateway", null);
        Duration recovered =
            daemon.await(
                Duration.ofSeconds(30), "converged once API Gateway answers", daemon::converged);
        System.out.println(
            "[observe-per-kind] all kinds Synced "
                + recovered.toMillis()
                + " ms after API Gateway answered again");
      }
    }
  }

  @Test
  void aOneShotApplyWritesNothingAndExitsOneNamingTheFamilyThatCouldNotBeRead(Emulator aws) {
    converge(aws);
    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    Rule rule = HandEdits.editFirstRulePath(elb);
    try (FaultProxy proxy =
        new FaultProxy(java.net.URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 7)) {
      proxy.failService("apigateway", FaultProxy.ServiceFault.DENY);
      for (String command : List.of("plan", "apply")) {
        Cli.Result result =
            Cli.run(
                command,
                "--endpoint-url=" + proxy.endpoint(),
                "--region=" + Emulator.REGION,
                Emulator.seed().toString());
        assertEquals(1, result.exitCode(), command + ": " + result.out() + result.err());
        System.out.println(
            "[observe-per-kind] " + command + " with API Gateway refused:\n" + result.out());
        List<String> familyLines =
            result
                .out()
                .lines()
                .filter(l -> l.contains(ObservationFailure.KIND + " apigateway ("))
                .toList();
        assertEquals(1, familyLines.size(), result.out());
        assertTrue(
            familyLines.get(0).contains("reading apigateway failed (access denied)"),
            familyLines.get(0));
        assertTrue(result.out().contains("RestApi student-api ("), result.out());
        assertEquals(
            1,
            result
                .err()
                .lines()
                .filter(l -> l.startsWith("error: reading apigateway failed (access denied): "))
                .count(),
            "one error line for the family: " + result.err());
      }
      assertEquals(0, proxy.writesSeen(), "nothing was written");
      assertEquals(
          List.of("/oops"), rulePaths(elb, rule.ruleArn()), "the drift stays: apply wrote nothing");
    }
  }

  @Test
  void throttledPastItsRetriesApiGatewayIsNotObservedAndNothingIsPlannedFromIt(Emulator aws) {
    converge(aws);
    HandEdits.editFirstRulePath(aws.clients().elb());
    try (FaultProxy proxy =
            new FaultProxy(java.net.URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 7);
        AwsClients clients = new AwsClients(FaultInjectionIT.viaProxy(aws, proxy))) {
      proxy.failService("apigateway", FaultProxy.ServiceFault.THROTTLE);
      long started = System.nanoTime();
      Plan plan =
          Reconcilers.of(clients, new Ownership("ecsgate")).plan(seed(), new PlanOptions(true, 20));
      System.out.println(
          "[observe-per-kind] plan with API Gateway throttled past the SDK's retries: "
              + (System.nanoTime() - started) / 1_000_000
              + " ms, "
              + proxy.injected());
      Action family =
          plan.blocked().stream()
              .filter(a -> a.key().toString().equals(ObservationFailure.KIND + "/apigateway"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(plan.actions().toString()));
      assertTrue(
          family.reason().startsWith("reading apigateway failed (throttled): "), family.reason());
      assertTrue(
          plan.actions().stream().noneMatch(a -> API_KINDS.contains(a.kind()) && !a.isBlocked()),
          "nothing of API Gateway is planned, --prune or not: " + plan.actions());
      assertTrue(plan.withheld().isEmpty(), plan.withheld().toString());
      assertEquals(
          List.of("ListenerRule/demo1"),
          plan.withoutDependentsOfBlocked().executable().stream()
              .map(a -> a.key().toString())
              .toList(),
          "the daemon would repair the rule in this cycle");
      assertTrue(
          proxy.injected().getOrDefault("throttle:apigateway", 0L) >= 2,
          proxy.injected().toString());
    }
  }

  private static List<String> rulePaths(ElasticLoadBalancingV2Client elb, String ruleArn) {
    return elb.describeRules(r -> r.ruleArns(ruleArn)).rules().get(0).conditions().stream()
        .filter(c -> c.pathPatternConfig() != null)
        .flatMap(c -> c.pathPatternConfig().values().stream())
        .toList();
  }
}
