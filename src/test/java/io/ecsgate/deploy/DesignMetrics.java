package io.ecsgate.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics DESIGN.md section 4 promises (names as Prometheus exposes them from Micrometer), and
 * the series names PromQL expressions may use for them.
 */
final class DesignMetrics {
  /**
   * Base name to the series it exposes: counters and gauges as named, timers as _count/_sum/_max
   * (+_bucket with a histogram).
   */
  static final Map<String, Set<String>> SERIES = new LinkedHashMap<>();

  static {
    for (String counter :
        new String[] {
          "ecsgate_reconcile_total",
          "ecsgate_drift_corrections_total",
          "ecsgate_aws_api_calls_total",
          "ecsgate_aws_api_throttled_total",
          "ecsgate_nlb_target_changes_total"
        }) {
      SERIES.put(counter, Set.of(counter));
    }
    for (String gauge :
        new String[] {
          "ecsgate_drift_resources",
          "ecsgate_nlb_targets",
          "ecsgate_desired_state_info",
          "ecsgate_last_success_timestamp_seconds"
        }) {
      SERIES.put(gauge, Set.of(gauge));
    }
    for (String timer :
        new String[] {
          "ecsgate_reconcile_duration_seconds", "ecsgate_aws_api_call_duration_seconds"
        }) {
      SERIES.put(
          timer, Set.of(timer + "_count", timer + "_sum", timer + "_max", timer + "_bucket"));
    }
  }

  /**
   * Identifiers that select a series: ecsgate_* anywhere, and any name directly followed by a
   * selector or range.
   */
  private static final Pattern ECSGATE = Pattern.compile("\\b(ecsgate_[a-zA-Z0-9_]+)");

  private static final Pattern SELECTED =
      Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
  private static final Set<String> NOT_METRICS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private DesignMetrics() {}

  static Set<String> allowedSeries() {
    Set<String> all = new TreeSet<>();
    SERIES.values().forEach(all::addAll);
    return all;
  }

  /** The metric names an expression selects. */
  static Set<String> metricsIn(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher ecsgate = ECSGATE.matcher(expr);
    while (ecsgate.find()) names.add(ecsgate.group(1));
    Matcher selected = SELECTED.matcher(expr.replaceAll("\\$\\{?[a-zA-Z_]+\\}?", "x"));
    while (selected.find()) {
      if (!NOT_METRICS.contains(selected.group(1))) names.add(selected.group(1));
    }
    return names;
  }

  /** The design's base metric a series belongs to, if any. */
  static String baseOf(String series) {
    return SERIES.entrySet().stream()
        .filter(e -> e.getValue().contains(series))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }
}
