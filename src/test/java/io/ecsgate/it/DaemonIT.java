package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.controller.Convergence;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import io.ecsgate.testing.HandEdits;
import io.ecsgate.testing.Inventory;
import io.ecsgate.testing.Reconcilers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A real {@code ecsgate run} process against the emulator, watched through /status and /metrics.
 */
@ExtendWith(Emulator.class)
class DaemonIT {
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  @Test
  void theDaemonConvergesTheSeedStackAndRepairsOutOfBandDriftWithinAnInterval(
      Emulator aws, @TempDir Path dir) throws Exception {
    Path desired = copySeed(dir);
    // demo1 without its auto scaler, so that its desiredCount is ecsgate's to restore
    Path services = desired.resolve("services.yaml");
    Files.writeString(
        services,
        Files.readString(services)
            .replaceFirst(
                java.util.regex.Pattern.quote(
                    "  autoScaling:\n    minTasks: 2\n    maxTasks: 4\n    cpuTarget: 70\n"),
                ""));
    try (Daemon daemon =
        Daemon.start(URI.create(aws.endpoint()), desired.toString(), "--interval=1s")) {
      daemon.await(CONVERGE, "the first cycle", () -> !daemon.status().path("lastCycle").isNull());
      System.out.println(
          "[daemon] process start to first completed cycle: "
              + daemon.uptime().toMillis()
              + " ms, RSS "
              + daemon.rssMib()
              + " MiB");
      daemon.await(CONVERGE, "the seed stack converged", daemon::converged);
      System.out.println(
          "[daemon] process start to converged: "
              + daemon.uptime().toMillis()
              + " ms, RSS "
              + daemon.rssMib()
              + " MiB");
      assertEquals(200, daemon.readyz());
      assertTrue(
          Inventory.owned(aws.clients()).values().stream().allMatch(n -> n == 1),
          Inventory.owned(aws.clients()).toString());
      assertEquals(
          1,
          daemon.metric(
              "ecsgate_desired_state_info",
              Map.of("revision", daemon.status().path("revision").asText())));
      assertTrue(daemon.metric("ecsgate_last_success_timestamp_seconds") > 1.7e9);
      assertTrue(
          daemon.metric(
                  "ecsgate_nlb_targets",
                  Map.of("target_group", "ecs-fargate-nlb-group", "source", "registered"))
              >= 1);
      double ruleFixes =
          daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "ListenerRule"));
      double targetFixes =
          daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "NlbTargets"));
      double deregistered =
          daemon.metric("ecsgate_nlb_target_changes_total", Map.of("change", "deregistered"));
      double serviceFixes =
          daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "Service"));

      double cyclesBefore = daemon.metric("ecsgate_reconcile_total");
      ElasticLoadBalancingV2Client elb = aws.clients().elb();
      Rule rule = HandEdits.editFirstRulePath(elb);
      registerRogueTarget(elb);
      aws.clients()
          .ecs()
          .updateService(
              r ->
                  r.cluster("ecs-fargate-cluster")
                      .service("ecs-fargate-demo1-service")
                      .desiredCount(7));

      Duration repaired =
          daemon.await(
              Duration.ofSeconds(30),
              "the rule path and the rogue target repaired",
              () ->
                  daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "ListenerRule"))
                          > ruleFixes
                      && daemon.metric(
                              "ecsgate_drift_corrections_total", Map.of("kind", "NlbTargets"))
                          > targetFixes
                      && daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "Service"))
                          > serviceFixes);
      System.out.println(
          "[daemon] out-of-band drift repaired in "
              + repaired.toMillis()
              + " ms (interval 1 s, jitter 10%)");
      // counted in cycles, not wall time (a loaded machine stretches both alike): the cycle under
      // way
      // when the edits began may have observed before them, the next one cannot have
      double repairCycles = daemon.metric("ecsgate_reconcile_total") - cyclesBefore;
      assertTrue(
          repairCycles <= 2,
          "repaired within the cycle after the edits: " + repairCycles + " cycles");
      daemon.await(Duration.ofSeconds(10), "a clean cycle after the repair", daemon::converged);
      // no-op cycles between tag audits (--tag-audit-interval, 10 min by default): no ELB tags, no
      // ListServices, while the load balancers are read every cycle
      double tagReads =
          daemon.metric("ecsgate_aws_api_calls_total", Map.of("operation", "DescribeTags"));
      double serviceLists =
          daemon.metric("ecsgate_aws_api_calls_total", Map.of("operation", "ListServices"));
      double loadBalancerReads =
          daemon.metric(
              "ecsgate_aws_api_calls_total", Map.of("operation", "DescribeLoadBalancers"));
      double cycles = daemon.metric("ecsgate_reconcile_total");
      assertTrue(tagReads > 0 && serviceLists > 0, "the first cycles read every tag");
      daemon.await(
          Duration.ofSeconds(15),
          "three more cycles",
          () -> daemon.metric("ecsgate_reconcile_total") >= cycles + 3);
      assertEquals(
          tagReads,
          daemon.metric("ecsgate_aws_api_calls_total", Map.of("operation", "DescribeTags")));
      assertEquals(
          serviceLists,
          daemon.metric("ecsgate_aws_api_calls_total", Map.of("operation", "ListServices")));
      assertTrue(
          daemon.metric("ecsgate_aws_api_calls_total", Map.of("operation", "DescribeLoadBalancers"))
              >= loadBalancerReads + 3);
      assertTrue(
          daemon.metric("ecsgate_nlb_target_changes_total", Map.of("change", "deregistered"))
              > deregistered);
      assertEquals(List.of("/demo1", "/demo1/*"), rulePaths(elb, rule.ruleArn()));
      assertTrue(
          targets(elb).stream().noneMatch("10.0.1.250"::equals), "the rogue IP is deregistered");
      assertEquals(
          2,
          aws.clients()
              .ecs()
              .describeServices(
                  r -> r.cluster("ecs-fargate-cluster").services("ecs-fargate-demo1-service"))
              .services()
              .get(0)
              .desiredCount(),
          "the desired count is restored");
      JsonNode serviceStatus = daemon.resource("Service", "ecs-fargate-demo1-service");
      assertNotNull(serviceStatus, daemon.status().toString());
      assertTrue(
          serviceStatus.path("lastChangeFields").toString().contains("desiredCount"),
          serviceStatus.toString());
      JsonNode ruleStatus = daemon.resource("ListenerRule", "demo1");
      assertNotNull(ruleStatus, daemon.status().toString());
      assertEquals("Synced", ruleStatus.path("state").asText());
      assertNotNull(ruleStatus.path("lastChange").textValue(), ruleStatus.toString());
      assertTrue(
          ruleStatus.path("lastChangeFields").toString().contains("/oops"), ruleStatus.toString());
      assertTrue(daemon.log().contains("changed update ListenerRule/demo1"), daemon.tail());
      assertTrue(
          daemon.metric(
                  "ecsgate_aws_api_calls_total", Map.of("service", "elb", "outcome", "success"))
              > 0);
      assertTrue(daemon.metrics().contains("ecsgate_reconcile_duration_seconds_count"));
      assertTrue(daemon.metrics().contains("ecsgate_aws_api_call_duration_seconds_count"));
      assertEquals(0, daemon.terminate(Duration.ofSeconds(10)));
    }
  }

  @Test
  void malformedYamlKeepsTheLastGoodStateMakesNoWriteAndFixingItResumes(
      Emulator aws, @TempDir Path dir) throws Exception {
    Path desired = copySeed(dir);
    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1);
        Daemon daemon =
            Daemon.start(
                proxy.endpoint(), desired.toString(), "--interval=1s", "--log-format=json")) {
      daemon.await(CONVERGE, "the seed stack converged", daemon::converged);
      String goodRevision = daemon.status().path("revision").asText();
      proxy.crashAfterWrite(Integer.MAX_VALUE, () -> {}); // from here on the proxy counts writes
      Path groups = desired.resolve("target-groups.yaml");
      String original = Files.readString(groups);
      // a real change (the health-check path) in a file that no longer parses: neither may reach
      // AWS
      Files.writeString(
          groups,
          original
              .replace("path: /health-check", "path: /changed-but-broken")
              .replaceFirst("port: 80", "port: [80"));

      daemon.await(
          Duration.ofSeconds(10),
          "the load error in /status and the metric",
          () ->
              !daemon.status().path("lastLoadError").isNull()
                  && daemon.metric("ecsgate_desired_state_load_errors_total") >= 1);
      double cycles = daemon.metric("ecsgate_reconcile_total");
      daemon.await(
          Duration.ofSeconds(10),
          "two more cycles under the last good state",
          () -> daemon.metric("ecsgate_reconcile_total") >= cycles + 2);
      assertEquals(0, proxy.writesSeen(), "a desired state that does not load causes no write");
      assertEquals(
          goodRevision,
          daemon.status().path("revision").asText(),
          "the last good revision stays in force");
      assertEquals(0, daemon.metric("ecsgate_desired_state_valid"));
      assertTrue(
          daemon.metric("ecsgate_reconcile_total", Map.of("result", "invalid_desired_state")) >= 2,
          "what the alert rule watches");
      String problems = daemon.status().path("lastLoadError").path("problems").toString();
      assertTrue(problems.contains("target-groups.yaml:"), problems);
      assertTrue(
          daemon
              .log()
              .lines()
              .anyMatch(
                  line ->
                      line.startsWith("{")
                          && line.contains("desired state rejected")
                          && line.contains("target-groups.yaml")),
          "one JSON object a line, naming the file\n" + daemon.tail());
      assertEquals(
          200, daemon.readyz(), "still ready: the last good state is in force and AWS is readable");

      double groupFixes =
          daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "TargetGroup"));
      Files.writeString(groups, original.replace("path: /health-check", "path: /healthz-fixed"));
      daemon.await(
          Duration.ofSeconds(15),
          "the fixed file applied",
          () ->
              !daemon.status().path("revision").asText().equals(goodRevision)
                  && daemon.status().path("lastLoadError").isNull()
                  && daemon.metric("ecsgate_drift_corrections_total", Map.of("kind", "TargetGroup"))
                      >= groupFixes + 2);
      daemon.await(Duration.ofSeconds(15), "a clean cycle under the fixed file", daemon::converged);
      assertTrue(
          aws.clients().elb().describeTargetGroups().targetGroups().stream()
              .filter(tg -> tg.targetGroupName().equals("ecs-fargate-demo1-tg"))
              .allMatch(tg -> tg.healthCheckPath().equals("/healthz-fixed")));
      assertEquals(1, daemon.metric("ecsgate_desired_state_valid"));
      assertTrue(
          daemon
              .log()
              .lines()
              .anyMatch(
                  line ->
                      line.startsWith("{")
                          && line.contains("\"resource\":\"TargetGroup/ecs-fargate-demo1-tg\"")
                          && line.contains("\"changes\":[")
                          && line.contains("/healthz-fixed")),
          "the change logged as JSON with resource and fields\n" + daemon.tail());
      assertEquals(0, daemon.terminate(Duration.ofSeconds(10)));
    }
  }

  @Test
  void dryRunReportsDriftFromAnEmptyAccountAndWritesNothing(Emulator aws, @TempDir Path dir)
      throws Exception {
    Path desired = copySeed(dir);
    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1);
        Daemon daemon =
            Daemon.start(proxy.endpoint(), desired.toString(), "--interval=1s", "--dry-run")) {
      proxy.crashAfterWrite(Integer.MAX_VALUE, () -> {}); // count writes
      daemon.await(
          Duration.ofSeconds(20),
          "three dry-run cycles",
          () -> daemon.metric("ecsgate_reconcile_total", Map.of("result", "success")) >= 3);
      assertEquals(0, proxy.writesSeen(), "a dry run writes nothing");
      assertEquals(Map.of(), Inventory.owned(aws.clients()));
      assertEquals(
          3,
          daemon.metric("ecsgate_drift_resources", Map.of("kind", "TargetGroup")),
          daemon.metrics());
      assertEquals(2, daemon.metric("ecsgate_drift_resources", Map.of("kind", "ListenerRule")));
      assertEquals("Drifted", daemon.resource("ListenerRule", "demo1").path("state").asText());
      assertTrue(daemon.status().path("dryRun").asBoolean());
      assertTrue(
          daemon.log().contains("drift (dry run, not changed) create ListenerRule/demo1"),
          daemon.tail());
      assertEquals(0, daemon.terminate(Duration.ofSeconds(10)));
    }
  }

  @Test
  void throttlesAreCountedAndTheStackStillConvergesBehindAThrottlingProxy(
      Emulator aws, @TempDir Path dir) throws Exception {
    Path desired = copySeed(dir);
    try (FaultProxy proxy =
            new FaultProxy(URI.create(aws.endpoint()), new FaultProxy.Rates(0.3, 0, 0, 0), 7);
        Daemon daemon = Daemon.start(proxy.endpoint(), desired.toString(), "--interval=1s")) {
      daemon.await(
          Duration.ofSeconds(90), "the seed stack converged through throttling", daemon::converged);
      java.util.function.LongSupplier injected =
          () ->
              proxy.injected().entrySet().stream()
                  .filter(e -> e.getKey().startsWith("throttle"))
                  .mapToLong(Map.Entry::getValue)
                  .sum();
      assertTrue(injected.getAsLong() > 5, "the proxy throttled: " + proxy.injected());
      // the daemon keeps cycling (each cycle also reads the inventory), and a throttled attempt is
      // counted when its call ends: the two agree whenever no throttled call is in flight
      daemon.await(
          Duration.ofSeconds(20),
          "every throttling answer the proxy injected is counted once",
          () -> injected.getAsLong() == (long) daemon.metric("ecsgate_aws_api_throttled_total"));
      System.out.println(
          "[daemon] throttles injected "
              + proxy.injected()
              + ", counted "
              + daemon.metric("ecsgate_aws_api_throttled_total"));
      assertTrue(daemon.metric("ecsgate_aws_api_throttled_total", Map.of("service", "elb")) > 0);
    }
    assertTrue(
        Inventory.owned(aws.clients()).values().stream().allMatch(n -> n == 1),
        Inventory.owned(aws.clients()).toString());
  }

  @Test
  void sigtermDuringApplyExitsZeroWithinTenSecondsAndTheNextStartFinishes(
      Emulator aws, @TempDir Path dir) throws Exception {
    Path desired = copySeed(dir);
    AtomicReference<Daemon> running = new AtomicReference<>();
    AtomicReference<Long> signalled = new AtomicReference<>();
    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1)) {
      proxy.crashAfterWrite(
          3,
          () -> {
            signalled.set(System.nanoTime());
            running
                .get()
                .process()
                .destroy(); // SIGTERM right after the third write, in the middle of apply
          });
      try (Daemon daemon = Daemon.start(proxy.endpoint(), desired.toString(), "--interval=1s")) {
        running.set(daemon);
        assertTrue(
            daemon.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
            "the daemon ended after SIGTERM\n" + daemon.tail());
        long stopMillis = (System.nanoTime() - signalled.get()) / 1_000_000;
        System.out.println("[daemon] SIGTERM mid-apply to exit: " + stopMillis + " ms");
        assertEquals(0, daemon.process().exitValue(), daemon.tail());
        assertTrue(stopMillis < 10_000, "exit within 10 s, took " + stopMillis + " ms");
        assertTrue(daemon.log().contains("stop requested"), daemon.tail());
      }
    }
    Convergence restart =
        Reconcilers.of(aws.clients())
            .converge(
                Registry.loader().load(List.of(desired)),
                PlanOptions.DEFAULT,
                Convergence.Progress.SILENT);
    assertTrue(restart.succeeded(), restart.lastPlan().actions().toString());
    assertTrue(
        Inventory.owned(aws.clients()).values().stream().allMatch(n -> n == 1),
        Inventory.owned(aws.clients()).toString());
  }

  private static Path copySeed(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(Emulator.seed())) {
      for (Path file : files.toList()) Files.copy(file, dir.resolve(file.getFileName()));
    }
    return dir;
  }

  private static List<String> rulePaths(ElasticLoadBalancingV2Client elb, String ruleArn) {
    return elb.describeRules(r -> r.ruleArns(ruleArn)).rules().get(0).conditions().stream()
        .flatMap(
            c ->
                c.pathPatternConfig() == null
                    ? Stream.of()
                    : c.pathPatternConfig().values().stream())
        .sorted()
        .toList();
  }

  private static TargetGroup nlbGroup(ElasticLoadBalancingV2Client elb) {
    return elb.describeTargetGroups().targetGroups().stream()
        .filter(tg -> "TCP".equals(tg.protocolAsString()))
        .findFirst()
        .orElseThrow();
  }

  private static void registerRogueTarget(ElasticLoadBalancingV2Client elb) {
    TargetGroup group = nlbGroup(elb);
    elb.registerTargets(
        r ->
            r.targetGroupArn(group.targetGroupArn())
                .targets(t -> t.id("10.0.1.250").port(group.port())));
  }

  private static List<String> targets(ElasticLoadBalancingV2Client elb) {
    return elb
        .describeTargetHealth(r -> r.targetGroupArn(nlbGroup(elb).targetGroupArn()))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id())
        .toList();
  }
}
