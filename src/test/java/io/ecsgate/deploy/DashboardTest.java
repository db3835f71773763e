package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana/ecsgate-dashboard.json shows every DESIGN.md section 4 metric and nothing else.
 */
class DashboardTest {
  static final Path DASHBOARD = Path.of("deploy/grafana/ecsgate-dashboard.json");

  static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(DASHBOARD.toFile());
  }

  /** Every panel, those inside rows included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  /**
   * Panel title (or variable name) to each PromQL expression: panel targets and query variables.
   */
  static Map<String, List<String>> expressions(JsonNode dashboard) {
    Map<String, List<String>> expressions = new LinkedHashMap<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        expressions
            .computeIfAbsent(panel.path("title").asText(), k -> new ArrayList<>())
            .add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (!variable.path("type").asText().equals("query")) continue;
      JsonNode query = variable.path("query");
      expressions
          .computeIfAbsent("$" + variable.path("name").asText(), k -> new ArrayList<>())
          .add(query.isTextual() ? query.asText() : query.path("query").asText());
    }
    return expressions;
  }

  @Test
  void everyExpressionUsesOnlyTheDesignsMetrics() throws IOException {
    Set<String> allowed = DesignMetrics.allowedSeries();
    Map<String, List<String>> expressions = expressions(dashboard());
    assertTrue(
        expressions.values().stream().mapToInt(List::size).sum() >= 15, expressions::toString);
    expressions.forEach(
        (panel, exprs) ->
            exprs.forEach(
                expr -> {
                  assertFalse(expr.isBlank(), panel + " has an empty query");
                  Set<String> metrics = DesignMetrics.metricsIn(expr);
                  assertFalse(metrics.isEmpty(), panel + ": no metric in " + expr);
                  for (String metric : metrics)
                    assertTrue(
                        allowed.contains(metric),
                        panel + ": " + metric + " is not in DESIGN.md section 4 (" + expr + ")");
                }));
  }

  @Test
  void everyDesignMetricIsShownSomewhere() throws IOException {
    Set<String> shown = new TreeSet<>();
    expressions(dashboard())
        .forEach(
            (panel, exprs) -> {
              if (panel.startsWith("$")) return; // a variable's query shows nothing
              exprs.forEach(
                  expr ->
                      DesignMetrics.metricsIn(expr).stream()
                          .map(DesignMetrics::baseOf)
                          .filter(java.util.Objects::nonNull)
                          .forEach(shown::add));
            });
    Set<String> missing = new TreeSet<>(DesignMetrics.SERIES.keySet());
    missing.removeAll(shown);
    assertTrue(missing.isEmpty(), "not on the dashboard: " + missing);
  }

  @Test
  void theAskedForViewsAreThereByTitle() throws IOException {
    Set<String> titles = new HashSet<>();
    panels(dashboard()).forEach(p -> titles.add(p.path("title").asText()));
    for (String title :
        List.of(
            "Drift by kind",
            "Drift corrections by kind",
            "Throttled AWS calls by service and operation",
            "Reconcile results",
            "Reconcile duration",
            "AWS API calls by service, operation and outcome",
            "NLB targets by target group and source",
            "NLB target changes",
            "Desired-state revision",
            "Time since last successful cycle")) {
      assertTrue(titles.contains(title), "no panel '" + title + "' in " + titles);
    }
  }

  @Test
  void reconcileDurationShowsQuantilesFromTheHistogramAndAnAverageWithoutIt() throws IOException {
    List<String> exprs = expressions(dashboard()).get("Reconcile duration");
    assertTrue(
        exprs.stream()
            .anyMatch(
                e ->
                    e.contains("histogram_quantile(0.5,")
                        && e.contains("ecsgate_reconcile_duration_seconds_bucket")),
        exprs::toString);
    assertTrue(
        exprs.stream()
            .anyMatch(
                e ->
                    e.contains("histogram_quantile(0.95,")
                        && e.contains("ecsgate_reconcile_duration_seconds_bucket")),
        exprs::toString);
    assertTrue(
        exprs.stream()
            .anyMatch(
                e ->
                    e.contains("ecsgate_reconcile_duration_seconds_sum")
                        && e.contains("ecsgate_reconcile_duration_seconds_count")),
        exprs::toString);
  }

  @Test
  void everyPanelQueriesTheChosenPrometheusDataSource() throws IOException {
    JsonNode dashboard = dashboard();
    JsonNode datasource = null;
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("datasource")) datasource = variable;
    }
    assertTrue(
        datasource != null && datasource.path("query").asText().equals("prometheus"),
        "a Prometheus data source variable");
    String uid = "${" + datasource.path("name").asText() + "}";
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels(dashboard)) {
      assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique");
      if (panel.path("type").asText().equals("row")) continue;
      assertEquals(
          uid, panel.path("datasource").path("uid").asText(), panel.path("title").asText());
      for (JsonNode target : panel.path("targets"))
        assertEquals(
            uid, target.path("datasource").path("uid").asText(), panel.path("title").asText());
    }
  }

  @Test
  void everyExpressionIsValidPromql(@TempDir Path dir) throws Exception {
    // promtool has no "check query" in Debian's 2.42: each expression becomes a recording rule and
    // promtool checks the file
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (List<String> exprs : expressions(dashboard()).values()) {
      for (String expr : exprs) {
        String concrete = expr.replace("$__rate_interval", "2m").replace("$job", ".*");
        if (concrete.startsWith("label_values(")) continue; // Grafana's own function, not PromQL
        rules
            .append("      - record: dashboard:q")
            .append(n++)
            .append("\n        expr: ")
            .append(new ObjectMapper().writeValueAsString(concrete))
            .append('\n');
      }
    }
    Path file = dir.resolve("dashboard-queries.yaml");
    Files.writeString(file, rules);
    String output = Promtool.run("check", "rules", file.toString());
    assertTrue(output.contains("SUCCESS: " + n + " rules found"), output);
  }
}
