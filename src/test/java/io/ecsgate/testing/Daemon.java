package io.ecsgate.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code ecsgate run} process (the shaded jar from {@code mvn package}) and its HTTP
 * endpoints. Tests wait on it by polling a condition against a deadline, never by sleeping a fixed
 * time.
 */
public final class Daemon implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;
  private final Instant started = Instant.now();

  private Daemon(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Time since the process was started. */
  public Duration uptime() {
    return Duration.between(started, Instant.now());
  }

  /** Resident set size in MiB (Linux /proc), or -1. */
  public long rssMib() {
    return procStatusMib("VmRSS:");
  }

  /** The peak resident set size so far ("high water mark") in MiB (Linux /proc), or -1. */
  public long peakRssMib() {
    return procStatusMib("VmHWM:");
  }

  private long procStatusMib(String field) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith(field)) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }

  /**
   * Starts {@code run} with {@code args} (paths and flags), endpoint and region, a free metrics
   * port.
   */
  public static Daemon start(URI endpoint, String... args) throws IOException {
    Path jar = Path.of("target", "ecsgate.jar").toAbsolutePath();
    assertTrue(
        Files.exists(jar), "the runnable jar is built by mvn package before the integration tests");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("ecsgate-daemon-", ".log");
    log.toFile().deleteOnExit();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "run"));
    command.addAll(List.of(args));
    command.add("--endpoint-url=" + endpoint);
    command.add("--region=" + Emulator.REGION);
    command.add("--metrics-port=" + port);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    builder.environment().remove("ECSGATE_LOG_LEVEL");
    Process process = builder.start();
    Daemon daemon = new Daemon(process, port, log);
    daemon.await(
        Duration.ofSeconds(30),
        "the /healthz endpoint",
        () -> daemon.get("/healthz").startsWith("ok"));
    return daemon;
  }

  /** The port of its endpoints (on every interface, so 127.0.0.1 reaches it). */
  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  public File logFile() {
    return log.toFile();
  }

  public JsonNode status() {
    try {
      return JSON.readTree(get("/status"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String metrics() {
    return get("/metrics");
  }

  public int readyz() {
    return request("/readyz").statusCode();
  }

  /**
   * Sum of every sample of {@code name} whose labels include all of {@code labels} (0 when none).
   */
  public double metric(String name, Map<String, String> labels) {
    double sum = 0;
    Pattern sample =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{([^}]*)\\})? ([^ ]+)$", Pattern.MULTILINE);
    Matcher m = sample.matcher(metrics());
    while (m.find()) {
      String labelText = m.group(2) == null ? "" : m.group(2);
      boolean all =
          labels.entrySet().stream()
              .allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) sum += Double.parseDouble(m.group(3));
    }
    return sum;
  }

  public double metric(String name) {
    return metric(name, Map.of());
  }

  /**
   * Write calls this process made to the stack (every service but the state table's DynamoDB), by
   * its own call counter {@code ecsgate_aws_api_calls_total}, whatever their outcome.
   */
  public double stackWrites() {
    double sum = 0;
    Matcher m =
        Pattern.compile("^ecsgate_aws_api_calls_total\\{([^}]*)\\} ([^ ]+)$", Pattern.MULTILINE)
            .matcher(metrics());
    while (m.find()) {
      Matcher service = Pattern.compile("service=\"([^\"]*)\"").matcher(m.group(1));
      Matcher operation = Pattern.compile("operation=\"([^\"]*)\"").matcher(m.group(1));
      if (!service.find() || !operation.find()) continue;
      if (service.group(1).equals("dynamodb") || io.ecsgate.aws.ApiCalls.isRead(operation.group(1)))
        continue;
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  /** Whether /status says this replica is the leader. */
  public boolean leader() {
    return status().path("leader").asBoolean(false);
  }

  /** SIGSTOP: the process stops where it is, its threads and clocks' view of time with it. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
            .redirectErrorStream(true)
            .start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
  }

  /** The resource in /status, or null. */
  public JsonNode resource(String kind, String name) {
    for (JsonNode resource : status().path("resources")) {
      if (resource.path("kind").asText().equals(kind)
          && resource.path("name").asText().equals(name)) return resource;
    }
    return null;
  }

  /** True when the last cycle succeeded and changed nothing, and every resource is Synced. */
  public boolean converged() {
    JsonNode status = status();
    JsonNode cycle = status.path("lastCycle");
    if (!cycle.path("result").asText().equals("success")
        || cycle.path("changed").asInt(-1) != 0
        || cycle.path("drifted").asInt(-1) != 0) return false;
    for (JsonNode resource : status.path("resources")) {
      if (!resource.path("state").asText().equals("Synced")) return false;
    }
    return status.path("resources").size() > 0;
  }

  /**
   * Polls {@code condition} until it holds; fails with the daemon's log after {@code within}.
   * Returns how long it took.
   */
  public Duration await(Duration within, String what, BooleanSupplier condition) {
    Instant start = Instant.now();
    Instant deadline = start.plus(within);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.getAsBoolean()) return Duration.between(start, Instant.now());
      } catch (RuntimeException e) {
        // not up yet
      }
      if (!process.isAlive())
        throw new AssertionError(
            "the daemon exited ("
                + process.exitValue()
                + ") while waiting for "
                + what
                + "\n"
                + tail());
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS); // a poll interval, not a wait for time to pass
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "not within " + within + ": " + what + "\nstatus: " + safeStatus() + "\n" + tail());
  }

  private String safeStatus() {
    try {
      return get("/status");
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  public String tail() {
    String text = log();
    return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
  }

  /**
   * SIGTERM; returns the exit code, or fails if the process is still running after {@code within}.
   */
  public int terminate(Duration within) throws InterruptedException {
    process.destroy();
    assertTrue(
        process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS),
        "the daemon did not exit within " + within + " of SIGTERM\n" + tail());
    return process.exitValue();
  }

  private String get(String path) {
    HttpResponse<String> response = request(path);
    return response.body();
  }

  private HttpResponse<String> request(String path) {
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
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
