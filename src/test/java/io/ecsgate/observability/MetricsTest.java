package io.ecsgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The metric names and labels are a contract with the dashboard and the alert rules: each is
 * checked in the scrape.
 */
class MetricsTest {

  @Test
  void everyMetricOfTheDesignIsExposedWithItsNameAndLabels() {
    Metrics metrics = new Metrics();
    metrics.cycle("success", Duration.ofMillis(800), Instant.ofEpochSecond(1_800_000_000L));
    metrics.drift(Map.of("ListenerRule", 2, "TargetGroup", 0));
    metrics.driftCorrected("ListenerRule");
    metrics.awsCall("elb", "DescribeRules", "success", Duration.ofMillis(30), 2);
    metrics.nlbTargets(Map.of("ecs-fargate-nlb-group", Map.of("registered", 3, "alb", 2)));
    metrics.nlbTargetChange("ecs-fargate-nlb-group", "deregistered");
    metrics.desiredStateLoaded("abc123");
    metrics.desiredStateRejected();
    String scrape = metrics.scrape();

    for (String sample :
        List.of(
            "ecsgate_reconcile_total{result=\"success\"} 1.0",
            "ecsgate_reconcile_total{result=\"failure\"} 0.0",
            "ecsgate_reconcile_duration_seconds_count 1",
            "ecsgate_reconcile_duration_seconds_bucket{le=",
            "ecsgate_drift_resources{kind=\"ListenerRule\"} 2.0",
            "ecsgate_drift_resources{kind=\"TargetGroup\"} 0.0",
            "ecsgate_drift_corrections_total{kind=\"ListenerRule\"} 1.0",
            "ecsgate_aws_api_calls_total{operation=\"DescribeRules\",outcome=\"success\",service=\"elb\"} 1.0",
            "ecsgate_aws_api_throttled_total{operation=\"DescribeRules\",service=\"elb\"} 2.0",
            "ecsgate_aws_api_call_duration_seconds_count{operation=\"DescribeRules\",service=\"elb\"} 1",
            "ecsgate_aws_api_call_duration_seconds_bucket{operation=\"DescribeRules\",service=\"elb\",le=\"0.05\"} 1",
            "ecsgate_nlb_targets{source=\"registered\",target_group=\"ecs-fargate-nlb-group\"} 3.0",
            "ecsgate_nlb_targets{source=\"alb\",target_group=\"ecs-fargate-nlb-group\"} 2.0",
            "ecsgate_nlb_target_changes_total{change=\"deregistered\",target_group=\"ecs-fargate-nlb-group\"} 1.0",
            "ecsgate_desired_state_info{revision=\"abc123\"} 1",
            "ecsgate_last_success_timestamp_seconds 1.8E9",
            "ecsgate_desired_state_load_errors_total 1.0",
            "ecsgate_desired_state_valid 0.0")) {
      assertTrue(scrape.contains(sample), "missing " + sample + " in\n" + scrape);
    }
  }

  @Test
  void onlyTheRevisionInForceIsShownAndFailedCyclesLeaveTheLastSuccessAlone() {
    Metrics metrics = new Metrics();
    metrics.desiredStateLoaded("one");
    metrics.desiredStateLoaded("two");
    metrics.cycle("success", Duration.ofMillis(1), Instant.ofEpochSecond(100));
    metrics.cycle("failure", Duration.ofMillis(1), Instant.ofEpochSecond(200));
    String scrape = metrics.scrape();
    assertTrue(scrape.contains("ecsgate_desired_state_info{revision=\"two\"} 1"), scrape);
    assertFalse(scrape.contains("revision=\"one\""), scrape);
    assertTrue(scrape.contains("ecsgate_last_success_timestamp_seconds 100.0"), scrape);
  }

  @Test
  void theEndpointsAnswerHealthReadinessStatusAndMetrics() throws Exception {
    Metrics metrics = new Metrics();
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HttpEndpoints http =
        new HttpEndpoints(0, metrics, ready::get, () -> Map.of("revision", "abc"))) {
      http.start();
      HttpClient client = HttpClient.newHttpClient();
      java.util.function.Function<String, HttpResponse<String>> get =
          path -> {
            try {
              return client.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      assertEquals(200, get.apply("/healthz").statusCode());
      assertEquals(503, get.apply("/readyz").statusCode());
      ready.set(true);
      assertEquals(200, get.apply("/readyz").statusCode());
      assertTrue(get.apply("/status").body().contains("\"revision\" : \"abc\""));
      assertTrue(get.apply("/metrics").body().contains("ecsgate_reconcile_total"));
      assertEquals(404, get.apply("/nope").statusCode());
    }
  }

  @Test
  void theDaemonsMetricsShowTheBuildDryRunBlockedSuspendedAndTheJvm() {
    Metrics metrics = new Metrics();
    metrics.daemon("1.2.3", "1a2b3c4", true);
    metrics.blocked(Map.of("ListenerRule", 2, "TargetGroup", 0));
    metrics.suspended(Map.of("Service", 1));
    metrics.untracked(Map.of("TargetGroup", 1, "RestApi", 0));
    String scrape = metrics.scrape();
    for (String expected :
        List.of(
            "ecsgate_build_info{revision=\"1a2b3c4\",version=\"1.2.3\"} 1",
            "ecsgate_dry_run 1",
            "ecsgate_blocked_resources{kind=\"ListenerRule\"} 2",
            "ecsgate_blocked_resources{kind=\"TargetGroup\"} 0",
            "ecsgate_suspended_resources{kind=\"Service\"} 1",
            "ecsgate_unowned_tagged_resources{kind=\"TargetGroup\"} 1",
            "ecsgate_unowned_tagged_resources{kind=\"RestApi\"} 0",
            "ecsgate_reconcile_total{result=\"blocked\"} 0",
            "jvm_memory_used_bytes{",
            "jvm_gc_",
            "jvm_threads_live_threads ",
            "process_cpu_usage ",
            "process_uptime_seconds ",
            "process_start_time_seconds ",
            "process_files_open_files "))
      assertTrue(scrape.contains(expected), expected + " in\n" + scrape);
  }
}
