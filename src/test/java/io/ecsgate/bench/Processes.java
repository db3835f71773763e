package io.ecsgate.bench;

import io.ecsgate.testing.Emulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh {@code java} processes of the shaded jar, started with the JVM flags {@code ./controller}
 * gives the command ({@code ./controller java-opts <command>}: the AppCDS archive for a one-shot
 * command when it is there, none for the daemon): wall and CPU time of one-shot commands, and a
 * daemon's cycle times and RSS after a number of cycles.
 */
final class Processes {
  /**
   * The client-side rate limits lifted, for one-shot runs from empty: the benchmark measures
   * ecsgate and the emulator, not AWS's quotas (RegisterTaskDefinition alone is 1 a second).
   */
  static final String NO_LIMITS =
      String.join(
          ",",
          Arrays.stream(io.ecsgate.aws.ApiRateLimits.DEFAULTS.split(","))
              .map(rule -> rule.substring(0, rule.indexOf('=')) + "=100000:100000")
              .toList());

  private static final Pattern TIMES =
      Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s\\s*$", Pattern.MULTILINE);
  private static final Pattern DURATION = Pattern.compile("\"durationMs\":(\\d+)");

  private Processes() {}

  /** min / median / max of some runs. */
  record Spread(double min, double median, double max) {
    static Spread of(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      return new Spread(
          sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    String seconds() {
      return String.format(Locale.ROOT, "%.2f / %.2f / %.2f s", min, median, max);
    }

    String millis() {
      return String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", min, median, max);
    }
  }

  /** Wall and CPU (user + system) seconds of several runs of one command. */
  record OneShot(int runs, Spread wall, Spread cpu) {}

  /** A daemon's cycle times (every cycle after the first) and its RSS after {@code cycles}. */
  record Steady(int cycles, Spread cycleMillis, long rssMib) {}

  /**
   * Records the AppCDS archive for the jar as Maven built it ({@code ./controller cds}), so that
   * the figures are those of {@code ./controller}'s own runs.
   */
  static void recordArchive() throws IOException {
    Result result = run(List.of("./controller", "cds"), Duration.ofMinutes(5));
    if (result.exit != 0) throw new IllegalStateException("./controller cds: " + result.output);
  }

  /** The flags {@code ./controller} gives java for {@code command}. */
  static List<String> javaOpts(String command) throws IOException {
    String out = run(List.of("./controller", "java-opts", command), Duration.ofSeconds(30)).output;
    return Arrays.stream(out.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Runs {@code ecsgate <args>} {@code runs} times, each after {@code before}; each must exit with
   * one of {@code exits}.
   */
  static OneShot oneShot(
      Emulator aws, int runs, Runnable before, List<Integer> exits, String... args)
      throws IOException {
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      before.run();
      List<String> java = new ArrayList<>(List.of("java"));
      java.addAll(javaOpts(args[0]));
      java.addAll(List.of("-jar", jar().toString()));
      java.addAll(List.of(args));
      java.addAll(List.of("--endpoint-url=" + aws.endpoint(), "--region=" + Emulator.REGION));
      String quoted = String.join(" ", java.stream().map(Processes::quote).toList());
      long start = System.nanoTime();
      Result result =
          run(
              List.of("bash", "-c", quoted + " >/dev/null 2>&1; echo exit=$?; times"),
              Duration.ofMinutes(20));
      wall.add((System.nanoTime() - start) / 1e9);
      Matcher exit = Pattern.compile("exit=(\\d+)").matcher(result.output);
      if (!exit.find() || !exits.contains(Integer.parseInt(exit.group(1))))
        throw new IllegalStateException(String.join(" ", args) + ": " + result.output);
      Matcher times = TIMES.matcher(result.output);
      double children = 0;
      while (times.find()) // the second line of `times`: the children's user and system time
      children =
            Integer.parseInt(times.group(1)) * 60
                + Double.parseDouble(times.group(2))
                + Integer.parseInt(times.group(3)) * 60
                + Double.parseDouble(times.group(4));
      cpu.add(children);
    }
    return new OneShot(runs, Spread.of(wall), Spread.of(cpu));
  }

  /**
   * Starts {@code run} on {@code dir} (100 ms interval, no jitter, the default rate limits) and
   * waits for {@code cycles} completed cycles; then reads its RSS and stops it.
   */
  static Steady steady(Emulator aws, Path dir, int cycles) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("ecsgate-bench-daemon-", ".log");
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(javaOpts("run"));
    command.addAll(
        List.of(
            "-jar",
            jar().toString(),
            "run",
            "--interval=100ms",
            "--jitter=0",
            "--log-format=json",
            "--metrics-port=" + port,
            "--endpoint-url=" + aws.endpoint(),
            "--region=" + Emulator.REGION,
            dir.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    credentials(builder);
    builder.environment().put("MALLOC_ARENA_MAX", "1"); // as ./controller run and the image
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
      List<Double> durations = List.of();
      while (System.nanoTime() < deadline && process.isAlive()) {
        durations = durations(log);
        if (durations.size() >= cycles) break;
        try {
          process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS); // poll, with a deadline
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      long rss = rssMib(process.pid());
      if (durations.size() < cycles)
        throw new IllegalStateException(
            "the daemon made " + durations.size() + " cycles: " + Files.readString(log));
      return new Steady(cycles, Spread.of(durations.subList(1, cycles)), rss);
    } finally {
      process.destroy();
      try {
        process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static List<Double> durations(Path log) throws IOException {
    List<Double> durations = new ArrayList<>();
    Matcher m = DURATION.matcher(Files.readString(log));
    while (m.find()) durations.add(Double.parseDouble(m.group(1)));
    return durations;
  }

  private static long rssMib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")))
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
    return -1;
  }

  private static Path jar() {
    return Path.of("target", "ecsgate.jar").toAbsolutePath();
  }

  private static void credentials(ProcessBuilder builder) {
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    builder.environment().remove("ECSGATE_LOG_LEVEL");
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Duration timeout) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    credentials(builder);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
        process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Result(
        process.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
