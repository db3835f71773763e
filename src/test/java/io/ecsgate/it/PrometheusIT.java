package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.HandEdits;
import io.ecsgate.testing.Prometheus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus on loopback scraping a running daemon, with deploy/prometheus/'s rules loaded:
 * drift and its correction show in its API, an invalid desired state makes the invalid alert
 * pending (and a revert clears it), and a stopped daemon the down alert.
 */
@ExtendWith(Emulator.class)
class PrometheusIT {
  private static final Path RULES = Path.of("deploy/prometheus/ecsgate-alerts.yaml");

  @Test
  void prometheusSeesDriftAndItsCorrectionTheInvalidStateAndTheDaemonGoingDown(
      Emulator aws, @TempDir Path dir) throws Exception {
    Path desired = Files.createDirectory(dir.resolve("desired-state"));
    try (Stream<Path> files = Files.list(Emulator.seed())) {
      for (Path file : files.toList()) Files.copy(file, desired.resolve(file.getFileName()));
    }
    Path prometheusDir = Files.createDirectory(dir.resolve("prometheus"));
    try (Daemon daemon =
            Daemon.start(URI.create(aws.endpoint()), desired.toString(), "--interval=3s");
        Prometheus prometheus = Prometheus.start(prometheusDir, daemon.port(), List.of(RULES))) {
      daemon.await(Duration.ofSeconds(90), "the seed stack converged", daemon::converged);
      prometheus.await(
          Duration.ofSeconds(30),
          "the daemon scraped, with its build info and JVM metrics",
          () ->
              prometheus.query("up{job=\"ecsgate\"}") == 1
                  && prometheus.any("ecsgate_build_info{job=\"ecsgate\"}")
                  && prometheus.any("jvm_memory_used_bytes{job=\"ecsgate\"}"));
      // before the first scrape the series is absent and EcsgateDown may be pending: the next
      // rule evaluation after the scrape clears it
      prometheus.await(
          Duration.ofSeconds(30),
          "EcsgateDown inactive while the daemon is scraped",
          () -> prometheus.alert("EcsgateDown").equals("inactive"));
      assertEquals("inactive", prometheus.alert("EcsgateDesiredStateInvalid"));
      double corrections =
          prometheus.query("ecsgate_drift_corrections_total{kind=\"ListenerRule\"}");

      HandEdits.editFirstRulePath(aws.clients().elb());
      Duration seen =
          prometheus.await(
              Duration.ofSeconds(60),
              "the drift and its correction in Prometheus",
              () ->
                  prometheus.query(
                              "max_over_time(ecsgate_drift_resources{kind=\"ListenerRule\"}[1m])")
                          >= 1
                      && prometheus.query("ecsgate_drift_corrections_total{kind=\"ListenerRule\"}")
                          > corrections);
      System.out.println(
          "[prometheus] drift and correction series seen " + seen.toMillis() + " ms after");

      Path rules = desired.resolve("listener-rules.yaml");
      String good = Files.readString(rules);
      Files.writeString(rules, good.replaceFirst("priority:", "pririty:"));
      Duration pending =
          prometheus.await(
              Duration.ofSeconds(30),
              "EcsgateDesiredStateInvalid pending",
              () -> prometheus.alert("EcsgateDesiredStateInvalid").equals("pending"));
      System.out.println(
          "[prometheus] invalid desired state: alert pending " + pending.toMillis() + " ms after");
      Files.writeString(rules, good); // the revert: exactly the content in force
      prometheus.await(
          Duration.ofSeconds(30),
          "EcsgateDesiredStateInvalid cleared by the revert",
          () ->
              prometheus.alert("EcsgateDesiredStateInvalid").equals("inactive")
                  && prometheus.query("ecsgate_desired_state_valid") == 1);

      assertEquals(0, daemon.terminate(Duration.ofSeconds(10)));
      Duration down =
          prometheus.await(
              Duration.ofSeconds(30),
              "EcsgateDown pending",
              () -> prometheus.alert("EcsgateDown").equals("pending"));
      System.out.println(
          "[prometheus] daemon stopped: EcsgateDown pending " + down.toMillis() + " ms after");
      assertTrue(prometheus.query("up{job=\"ecsgate\"}") == 0);
    }
  }
}
