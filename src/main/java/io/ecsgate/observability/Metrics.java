package io.ecsgate.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ecsgate's Prometheus metrics (README, Metrics). The names and labels are a contract: the Grafana
 * dashboard and the alert rules in deploy/ use them as they are.
 */
public final class Metrics {
  /** Histogram buckets of AWS call durations (few, to keep series per operation low). */
  private static final Duration[] CALL_BUCKETS = {
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicLong> driftByKind = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> untrackedByKind = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nlbTargets = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> blockedByKind = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> suspendedByKind = new ConcurrentHashMap<>();
  private final AtomicLong lastSuccess = new AtomicLong();
  private final AtomicLong desiredStateValid = new AtomicLong();
  private final AtomicLong leader = new AtomicLong();
  private final AtomicReference<String> revision = new AtomicReference<>();
  private final Info desiredStateInfo;
  private final Timer reconcileDuration;

  public Metrics() {
    reconcileDuration =
        Timer.builder("ecsgate.reconcile.duration")
            .description("Time one reconcile cycle takes (observe, plan, apply)")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("ecsgate.last.success.timestamp.seconds", lastSuccess, AtomicLong::get)
        .description("Unix time of the end of the last successful cycle")
        .register(registry);
    Gauge.builder("ecsgate.desired.state.valid", desiredStateValid, AtomicLong::get)
        .description(
            "1 when the newest desired-state files loaded, 0 while they do not (the last good revision stays in force)")
        .register(registry);
    Gauge.builder("ecsgate.leader", leader, AtomicLong::get)
        .description(
            "1 while this replica holds the lease and writes, 0 while it only observes (another one leads)")
        .register(registry);
    desiredStateInfo =
        Info.builder()
            .name("ecsgate_desired_state_info")
            .help("The desired-state revision in force (content hash)")
            .labelNames("revision")
            .register(registry.getPrometheusRegistry());
    // so that every counter shows from the first scrape on
    for (String result : new String[] {"success", "failure", "blocked", "invalid_desired_state"})
      reconcileCounter(result);
    Counter.builder("ecsgate.desired.state.load.errors")
        .description("Desired-state loads that failed (bad YAML, invalid content)")
        .register(registry);
  }

  /**
   * What the daemon adds to the cycle metrics: {@code ecsgate_build_info{version,revision}} (gauge
   * 1), {@code ecsgate_dry_run} (1 under --dry-run), and the JVM and process metrics of
   * Micrometer's binders (memory, GC, threads, classes, CPU, uptime, open files).
   */
  public void daemon(String version, String commit, boolean dryRun) {
    Gauge.builder("ecsgate.build.info", () -> 1)
        .description("The ecsgate build: version and the git commit it was built from")
        .tags("version", version, "revision", commit)
        .register(registry);
    Gauge.builder("ecsgate.dry.run", () -> dryRun ? 1 : 0)
        .description("1 when the controller runs with --dry-run (drift is reported, not repaired)")
        .register(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(registry);
  }

  /** Resources whose change is blocked at the last observation, by kind (0 included). */
  public void blocked(Map<String, Integer> resourcesByKind) {
    byKind(
        blockedByKind,
        "ecsgate.blocked.resources",
        "Declared resources whose change is blocked at the last observation (a foreign resource in the way, a change AWS cannot make in place, an unresolved name)",
        resourcesByKind);
  }

  /** Declared resources with metadata.suspend: true, by kind (0 included). */
  public void suspended(Map<String, Integer> resourcesByKind) {
    byKind(
        suspendedByKind,
        "ecsgate.suspended.resources",
        "Declared resources with metadata.suspend: true (left alone, never counted as drift)",
        resourcesByKind);
  }

  private void byKind(
      Map<String, AtomicLong> gauges, String name, String help, Map<String, Integer> counts) {
    counts.forEach(
        (kind, count) ->
            gauges
                .computeIfAbsent(
                    kind,
                    k -> {
                      AtomicLong value = new AtomicLong();
                      Gauge.builder(name, value, AtomicLong::get)
                          .description(help)
                          .tag("kind", k)
                          .register(registry);
                      return value;
                    })
                .set(count));
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  /**
   * A cycle ended: {@code result} is success, failure, stopped or invalid_desired_state; {@code
   * reconciled} (the cycle itself succeeded) moves the last-success time.
   */
  public void cycle(String result, Duration duration, Instant finishedAt, boolean reconciled) {
    reconcileCounter(result).increment();
    reconcileDuration.record(duration);
    if (reconciled) lastSuccess.set(finishedAt.getEpochSecond());
  }

  /** A cycle that succeeded ({@code result} success) or failed. */
  public void cycle(String result, Duration duration, Instant finishedAt) {
    cycle(result, duration, finishedAt, result.equals("success"));
  }

  private Counter reconcileCounter(String result) {
    return Counter.builder("ecsgate.reconcile")
        .description("Reconcile cycles by result")
        .tag("result", result)
        .register(registry);
  }

  public void drift(Map<String, Integer> resourcesByKind) {
    resourcesByKind.forEach(
        (kind, count) ->
            driftByKind
                .computeIfAbsent(
                    kind,
                    k -> {
                      AtomicLong value = new AtomicLong();
                      Gauge.builder("ecsgate.drift.resources", value, AtomicLong::get)
                          .description(
                              "Resources that differ from the desired state at the last observation")
                          .tag("kind", k)
                          .register(registry);
                      return value;
                    })
                .set(count));
  }

  /**
   * A cycle could not read {@code kind} (its family's reads failed): {@code
   * ecsgate_observe_errors_total{kind}}, one per kind per such cycle.
   */
  public void observeError(String kind) {
    Counter.builder("ecsgate.observe.errors")
        .description(
            "Cycles in which a kind could not be read (its AWS service's reads failed); it and what needs it were not planned")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /** {@code ecsgate_unowned_tagged_resources{kind}}: tagged as ecsgate's, not in the inventory. */
  public void untracked(Map<String, Integer> resourcesByKind) {
    resourcesByKind.forEach(
        (kind, count) ->
            untrackedByKind
                .computeIfAbsent(
                    kind,
                    k -> {
                      AtomicLong value = new AtomicLong();
                      Gauge.builder("ecsgate.unowned.tagged.resources", value, AtomicLong::get)
                          .description(
                              "Resources tagged as ecsgate's but not in its inventory at the last"
                                  + " observation: never changed or deleted")
                          .tag("kind", k)
                          .register(registry);
                      return value;
                    })
                .set(count));
  }

  public void driftCorrected(String kind) {
    Counter.builder("ecsgate.drift.corrections")
        .description("Changes ecsgate made to bring a resource back to the desired state")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  public void awsCall(
      String service, String operation, String outcome, Duration duration, int throttledAttempts) {
    Counter.builder("ecsgate.aws.api.calls")
        .description(
            "AWS API calls (retries included in one call) by outcome: success, throttled, error")
        .tags("service", service, "operation", operation, "outcome", outcome)
        .register(registry)
        .increment();
    Counter throttled =
        Counter.builder("ecsgate.aws.api.throttled")
            .description("AWS API attempts AWS answered with a throttling error")
            .tags("service", service, "operation", operation)
            .register(registry);
    if (throttledAttempts > 0) throttled.increment(throttledAttempts);
    Timer.builder("ecsgate.aws.api.call.duration")
        .description("AWS API call duration, retries and rate-limit waits included")
        .tags("service", service, "operation", operation)
        .serviceLevelObjectives(CALL_BUCKETS)
        .register(registry)
        .record(duration);
  }

  public void nlbTargets(Map<String, Map<String, Integer>> countsByGroup) {
    countsByGroup.forEach(
        (group, bySource) ->
            bySource.forEach(
                (source, count) ->
                    nlbTargets
                        .computeIfAbsent(
                            group + "\u0000" + source,
                            k -> {
                              AtomicLong value = new AtomicLong();
                              Gauge.builder("ecsgate.nlb.targets", value, AtomicLong::get)
                                  .description(
                                      "NLB targets: registered in the group, and IPs the ALB has (source alb)")
                                  .tags("target_group", group, "source", source)
                                  .register(registry);
                              return value;
                            })
                        .set(count)));
  }

  public void nlbTargetChange(String targetGroup, String change) {
    Counter.builder("ecsgate.nlb.target.changes")
        .description("NLB targets registered or deregistered by ecsgate")
        .tags("target_group", targetGroup, "change", change)
        .register(registry)
        .increment();
  }

  /** One fetch of the git source: {@code ecsgate_git_fetches_total{result=success|failure}}. */
  public void gitFetch(boolean succeeded) {
    Counter.builder("ecsgate.git.fetches")
        .description("Fetches of the git source, by result")
        .tag("result", succeeded ? "success" : "failure")
        .register(registry)
        .increment();
  }

  /** This replica became the leader ({@code true}) or stopped being it. */
  public void leader(boolean leading) {
    boolean changed = leader.getAndSet(leading ? 1 : 0) != (leading ? 1 : 0);
    if (changed)
      Counter.builder("ecsgate.leader.changes")
          .description("Times this replica became the leader (acquired) or stopped being it (lost)")
          .tag("change", leading ? "acquired" : "lost")
          .register(registry)
          .increment();
  }

  public void desiredStateLoaded(String newRevision) {
    String previous = revision.getAndSet(newRevision);
    if (previous != null) desiredStateInfo.remove(previous);
    desiredStateInfo.addLabelValues(newRevision);
    desiredStateValid.set(1);
  }

  public void desiredStateRejected() {
    registry.counter("ecsgate.desired.state.load.errors").increment();
    desiredStateValid.set(0);
  }
}
