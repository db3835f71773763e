package io.ecsgate.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, which {@code ./controller test}
 * installs for promtool) on loopback, scraping one target as job {@code ecsgate} every second with
 * the given rule files, evaluated every second. Its HTTP API answers queries and alerts.
 */
public final class Prometheus implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private Prometheus(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The binary: PROMETHEUS if set, else the one on the PATH (Debian: /usr/bin/prometheus). */
  static Path binary() {
    String given = System.getenv("PROMETHEUS");
    if (given != null) return Path.of(given);
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "prometheus");
      if (Files.isExecutable(candidate)) return candidate;
    }
    return Path.of("/usr/bin/prometheus");
  }

  public static Prometheus start(Path dir, int targetPort, List<Path> ruleFiles)
      throws IOException {
    Path binary = binary();
    assertTrue(
        Files.isExecutable(binary),
        "no prometheus binary at "
            + binary
            + ": install Debian's prometheus package (./controller test does)");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    StringBuilder rules = new StringBuilder();
    for (Path file : ruleFiles) rules.append("  - ").append(file.toAbsolutePath()).append('\n');
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            + "rule_files:\n"
            + rules
            + "scrape_configs:\n  - job_name: ecsgate\n    static_configs:\n"
            + "      - targets: ['127.0.0.1:"
            + targetPort
            + "']\n");
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Prometheus prometheus = new Prometheus(process, port, log);
    prometheus.await(Duration.ofSeconds(60), "Prometheus ready", prometheus::ready);
    return prometheus;
  }

  private boolean ready() {
    return get("/-/ready").statusCode() == 200;
  }

  /** The value of every series {@code query} returns, summed (0 when none). */
  public double query(String query) {
    JsonNode result = api("/api/v1/query?query=" + encode(query)).path("data").path("result");
    double sum = 0;
    for (JsonNode series : result) sum += Double.parseDouble(series.path("value").get(1).asText());
    return sum;
  }

  /** Whether {@code query} returns at least one series. */
  public boolean any(String query) {
    return api("/api/v1/query?query=" + encode(query)).path("data").path("result").size() > 0;
  }

  /** The state of the alert ({@code pending}, {@code firing}), or {@code inactive}. */
  public String alert(String name) {
    for (JsonNode alert : api("/api/v1/alerts").path("data").path("alerts")) {
      if (alert.path("labels").path("alertname").asText().equals(name))
        return alert.path("state").asText();
    }
    return "inactive";
  }

  /** Polls {@code condition} until it holds; fails with Prometheus's log after {@code within}. */
  public Duration await(Duration within, String what, BooleanSupplier condition) {
    Instant start = Instant.now();
    while (Duration.between(start, Instant.now()).compareTo(within) < 0) {
      try {
        if (condition.getAsBoolean()) return Duration.between(start, Instant.now());
      } catch (RuntimeException e) {
        // not up yet
      }
      if (!process.isAlive()) throw new AssertionError("prometheus exited\n" + log());
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS); // a poll interval
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("not within " + within + ": " + what + "\n" + log());
  }

  private String log() {
    try {
      String text = Files.readString(log);
      return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "";
    }
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  private JsonNode api(String path) {
    try {
      return JSON.readTree(get(path).body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
