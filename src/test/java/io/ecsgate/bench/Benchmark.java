package io.ecsgate.bench;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import io.ecsgate.yaml.SpecType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark behind bench/RESULTS.md, run by {@code ./controller bench} (not by the test suite:
 * BenchmarkSmokeIT runs the same measurements at small sizes in CI). For each N: time to converge
 * from empty, reads per no-op cycle against the lower bound, writes on a no-op cycle and for a
 * one-field change; then the pure plan time for about 10,000 resources.
 */
@ExtendWith(Emulator.class)
class Benchmark {
  static final Ownership OWNERSHIP = new Ownership("ecsgate");
  @TempDir Path dir;

  record Figures(
      int services,
      int resources,
      long convergeMillis,
      int passes,
      long writesFromEmpty,
      long coldReads,
      long coldBound,
      long noOpReads,
      Map<String, Long> readsByOperation,
      long bound,
      long loopReads,
      long loopBound,
      long auditElbReads,
      long loopElbReads,
      Map<String, Long> loopReadsByOperation,
      long noOpWrites,
      long oneFieldWrites,
      Daemon daemon,
      Speed speed) {
    double ratio() {
      return (double) noOpReads / bound;
    }

    /**
     * The share of the account's Elastic Load Balancing quota (10 requests a second, shared by
     * every ELB tool in it) that {@code reads} a cycle take at the daemon's default 30 s interval.
     */
    static double elbShare(long reads) {
      return reads / (30.0 * 10);
    }

    double coldRatio() {
      return (double) coldReads / coldBound;
    }
  }

  /**
   * A real {@code run} process started on the converged stack: time to its first completed cycle,
   * peak RSS then.
   */
  record Daemon(long firstCycleMillis, long peakRssMib) {}

  /**
   * Fresh processes with {@code ./controller}'s JVM flags: a one-shot no-op {@code plan}, {@code
   * apply} from empty (rate limits lifted), and the daemon's steady cycles and RSS after them.
   */
  record Speed(Processes.OneShot plan, Processes.OneShot apply, Processes.Steady daemon) {}

  /** How many runs of each one-shot command, and daemon cycles, per N. */
  record Runs(int oneShot, int cycles) {
    static final Runs SMOKE = new Runs(1, 3);

    static Runs fromProperties() {
      return new Runs(
          Integer.getInteger("ecsgate.bench.runs", 3),
          Integer.getInteger("ecsgate.bench.cycles", 100));
    }
  }

  @Test
  void measure(Emulator aws) throws IOException {
    int[] sizes =
        Arrays.stream(System.getProperty("ecsgate.bench.sizes", "1,10,50,200").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Processes.recordArchive();
    List<Figures> figures = new ArrayList<>();
    for (int n : sizes) {
      aws.resetAccount();
      figures.add(measure(aws, n, dir.resolve("n" + n), Runs.fromProperties()));
      System.out.println("[bench] " + figures.get(figures.size() - 1));
    }
    PlanTiming planTiming = planTime(dir.resolve("plan"), 5000, 3, 7);
    System.out.println("[bench] " + planTiming);
    Path results = Path.of("bench", "RESULTS.md");
    Files.createDirectories(results.getParent());
    Files.writeString(results, Report.markdown(figures, planTiming));
    System.out.println("[bench] wrote " + results.toAbsolutePath());
  }

  static Figures measure(Emulator aws, int services, Path dir) throws IOException {
    return measure(aws, services, dir, Runs.SMOKE);
  }

  static Figures measure(Emulator aws, int services, Path dir, Runs runs) throws IOException {
    StackGenerator.write(services, dir);
    DesiredState desired = Registry.loader().load(List.of(dir));
    Processes.OneShot applyFromEmpty =
        Processes.oneShot(
            aws,
            runs.oneShot(),
            aws::resetAccount,
            List.of(0),
            "apply",
            "--aws-api-throttle=" + Processes.NO_LIMITS,
            dir.toString());
    aws.resetAccount();
    // the daemon's engine, whose tag audit is not due again while the benchmark runs
    Reconciler reconciler =
        Reconcilers.loop(
            aws.clients(),
            OWNERSHIP,
            new io.ecsgate.core.TagAudit(
                java.time.Duration.ofHours(1),
                java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC)));

    aws.calls().reset();
    long start = System.nanoTime();
    Convergence created =
        converged(reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT));
    long convergeMillis = (System.nanoTime() - start) / 1_000_000;
    long writesFromEmpty = aws.calls().writes();

    aws.calls().reset();
    converged(
        Reconcilers.of(aws.clients(), OWNERSHIP)
            .converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT));
    long coldReads = aws.calls().reads(); // a fresh observer, as a one-shot plan or apply has

    aws.calls().reset();
    converged(reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT));
    // an observer that has run before, as the daemon's, reading every tag of what it wrote
    long noOpReads = aws.calls().reads();
    Map<String, Long> byOperation = aws.calls().snapshot();
    long noOpWrites = aws.calls().writes();
    long auditElbReads = elbReads(byOperation);

    aws.calls().reset();
    converged(reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT));
    long loopReads = aws.calls().reads(); // the daemon between tag audits
    Map<String, Long> loopByOperation = aws.calls().snapshot();
    noOpWrites += aws.calls().writes();

    Daemon daemon = daemon(aws, dir);
    Processes.OneShot plan =
        Processes.oneShot(aws, runs.oneShot(), () -> {}, List.of(0), "plan", dir.toString());
    Processes.Steady steady = Processes.steady(aws, dir, runs.cycles());

    Path first = dir.resolve("service-0000.yaml");
    Files.writeString(
        first, Files.readString(first).replace("path: /health-check", "path: /healthz"));
    DesiredState changed = Registry.loader().load(List.of(dir));
    aws.calls().reset();
    converged(reconciler.converge(changed, PlanOptions.DEFAULT, Convergence.Progress.SILENT));
    long oneFieldWrites = aws.calls().writes();

    return new Figures(
        services,
        desired.size(),
        convergeMillis,
        created.passes(),
        writesFromEmpty,
        coldReads,
        ReadBound.of(desired),
        noOpReads,
        byOperation,
        ReadBound.warm(desired),
        loopReads,
        ReadBound.loop(desired),
        auditElbReads,
        elbReads(loopByOperation),
        loopByOperation,
        noOpWrites,
        oneFieldWrites,
        daemon,
        new Speed(plan, applyFromEmpty, steady));
  }

  /** The Elastic Load Balancing calls among {@code calls} ({@code Service:Operation -> count}). */
  static long elbReads(Map<String, Long> calls) {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().startsWith("ElasticLoadBalancingV2:"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Starts the shaded jar's {@code run} on {@code dir} and waits for its first completed cycle (a
   * no-op: the stack is converged).
   */
  static Daemon daemon(Emulator aws, Path dir) throws IOException {
    try (io.ecsgate.testing.Daemon daemon =
        io.ecsgate.testing.Daemon.start(
            java.net.URI.create(aws.endpoint()), dir.toString(), "--interval=1h")) {
      daemon.await(java.time.Duration.ofMinutes(5), "the first completed cycle", daemon::converged);
      return new Daemon(daemon.uptime().toMillis(), daemon.peakRssMib());
    }
  }

  record PlanTiming(
      int resources, long loadMillis, double medianPlanMillis, List<Double> runsMillis) {}

  /**
   * The pure planner over an in-memory account that matches a generated desired state of about 2 x
   * services resources.
   */
  static PlanTiming planTime(Path dir, int services, int warmups, int runs) throws IOException {
    StackGenerator.write(services, dir);
    long start = System.nanoTime();
    DesiredState desired =
        Registry.loader(new SpecType.Limits(StackGenerator.RULES_PER_ALB)).load(List.of(dir));
    long loadMillis = (System.nanoTime() - start) / 1_000_000;
    ObservedState observed = SyntheticAccount.inSync(desired, OWNERSHIP);
    PlanContext context = new PlanContext(desired, observed, OWNERSHIP, PlanOptions.DEFAULT);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < warmups + runs; i++) {
      long t = System.nanoTime();
      Plan plan = Registry.planner().plan(context);
      double millis = (System.nanoTime() - t) / 1e6;
      if (plan.hasChanges())
        throw new IllegalStateException(
            "the synthetic account should be in sync: " + plan.actions().subList(0, 3));
      if (i >= warmups) times.add(millis);
    }
    List<Double> sorted = times.stream().sorted().toList();
    return new PlanTiming(desired.size(), loadMillis, sorted.get(sorted.size() / 2), times);
  }

  private static Convergence converged(Convergence result) {
    if (!result.succeeded())
      throw new IllegalStateException("did not converge: " + result.lastPlan().actions());
    return result;
  }
}
