package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/ecsgate-alerts.yaml uses only the design's metrics and the interval the task
 * definition runs with. (Whether each alert fires is promtool's job: ecsgate-alerts.test.yaml, run
 * by ./controller test.)
 */
class AlertRulesTest {
  static final Path RULES = Path.of("deploy/prometheus/ecsgate-alerts.yaml");
  static final Path RULE_TESTS = Path.of("deploy/prometheus/ecsgate-alerts.test.yaml");

  /** The controller's --interval the rules assume (deploy/task-definition.json runs with it). */
  static final String ASSUMED_INTERVAL = "30s";

  static Map<String, JsonNode> alerts() throws IOException {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) alerts.put(rule.path("alert").asText(), rule);
    }
    return alerts;
  }

  @Test
  void theAskedForAlertsExistWithTheirHoldTimes() throws IOException {
    Map<String, JsonNode> alerts = alerts();
    assertEquals(
        Set.of(
            "EcsgateDown",
            "EcsgateChangeBlocked",
            "EcsgateDriftNotRepaired",
            "EcsgateAwsThrottlingSustained",
            "EcsgateReconcileFailing",
            "EcsgateNoSuccessfulCycle",
            "EcsgateDesiredStateInvalid",
            "EcsgateObservationFailing"),
        alerts.keySet());
    assertEquals(
        "10m",
        alerts.get("EcsgateDriftNotRepaired").path("for").asText(),
        "drift not repaired for 10 min");
    for (JsonNode alert : alerts.values()) {
      assertFalse(
          alert.path("labels").path("severity").asText().isEmpty(), alert.path("alert").asText());
      assertFalse(
          alert.path("annotations").path("summary").asText().isEmpty(),
          alert.path("alert").asText());
    }
  }

  @Test
  void noSuccessfulCycleMeansFiveIntervalsOfTheDeployedInterval() throws IOException {
    String expr = alerts().get("EcsgateNoSuccessfulCycle").path("expr").asText();
    int seconds = Integer.parseInt(ASSUMED_INTERVAL.replace("s", ""));
    assertTrue(expr.strip().endsWith("> 5 * " + seconds), expr);
  }

  @Test
  void everyRuleUsesOnlyTheDesignsMetricsAndReconcileResultsItKnows() throws IOException {
    Set<String> allowed = new java.util.TreeSet<>(DesignMetrics.allowedSeries());
    allowed.addAll(ALSO_EXPOSED);
    for (JsonNode alert : alerts().values()) {
      String expr = alert.path("expr").asText();
      Set<String> metrics = DesignMetrics.metricsIn(expr);
      assertFalse(metrics.isEmpty(), expr);
      for (String metric : metrics)
        assertTrue(allowed.contains(metric), alert.path("alert").asText() + ": " + metric);
      java.util.regex.Matcher result =
          java.util.regex.Pattern.compile("result=\"([^\"]*)\"").matcher(expr);
      while (result.find())
        assertTrue(
            Set.of("success", "failure", "blocked", "invalid_desired_state")
                .contains(result.group(1)),
            expr);
    }
  }

  /**
   * Series the rules use beyond the design's list: Prometheus's own {@code up}, and the gauges and
   * counters the daemon exposes for the alerts (each in README's metric table).
   */
  static final Set<String> ALSO_EXPOSED =
      Set.of(
          "up",
          "ecsgate_desired_state_valid",
          "ecsgate_dry_run",
          "ecsgate_blocked_resources",
          "ecsgate_suspended_resources",
          "ecsgate_observe_errors_total");

  @Test
  void everyAlertHasARunbookParagraphInTheReadme() throws IOException {
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    for (String alert : alerts().keySet())
      assertTrue(readme.contains("**`" + alert + "`**"), "README: no runbook entry for " + alert);
    for (String metric : ALSO_EXPOSED)
      if (metric.startsWith("ecsgate_"))
        assertTrue(readme.contains("| `" + metric + "` |"), "README: " + metric);
  }

  @Test
  void theDesiredStateInvalidAlertKeysOnTheValidGaugeAndTheDownAlertOnUp() throws IOException {
    Map<String, JsonNode> alerts = alerts();
    assertTrue(
        alerts
            .get("EcsgateDesiredStateInvalid")
            .path("expr")
            .asText()
            .contains("ecsgate_desired_state_valid) == 0"));
    String down = alerts.get("EcsgateDown").path("expr").asText();
    assertTrue(down.contains("absent(up{job=\"ecsgate\"})"), down);
    assertEquals(
        "warning", alerts.get("EcsgateChangeBlocked").path("labels").path("severity").asText());
  }

  @Test
  void everyAlertHasAFiringAndAQuietUnitTest() throws IOException {
    JsonNode tests = new ObjectMapper(new YAMLFactory()).readTree(RULE_TESTS.toFile());
    for (String alert : alerts().keySet()) {
      boolean fires = false;
      boolean quiet = false;
      for (JsonNode test : tests.path("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          if (!check.path("alertname").asText().equals(alert)) continue;
          if (check.path("exp_alerts").size() > 0) fires = true;
          else quiet = true;
        }
      }
      assertTrue(
          fires && quiet, alert + ": fires in a test " + fires + ", stays quiet in one " + quiet);
    }
  }
}
