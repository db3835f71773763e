package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.controller.DesiredStateSource;
import io.ecsgate.controller.Leadership;
import io.ecsgate.controller.LoopEvents;
import io.ecsgate.controller.ReconcileLoop;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.controller.Sleeper;
import io.ecsgate.core.Fence;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.TagAudit;
import io.ecsgate.observability.HttpEndpoints;
import io.ecsgate.observability.Metrics;
import io.ecsgate.state.LeaderElection;
import io.ecsgate.state.Lease;
import io.ecsgate.state.StateTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The daemon: reconciles every --interval and whenever the desired state changes, serving /metrics,
 * /healthz, /readyz and /status. SIGTERM lets the AWS call in flight finish, then exits 0.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the controller: observe, plan and apply every --interval and whenever the files change.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  /** How long SIGTERM waits for the action in flight before giving up (ECS kills after 30 s). */
  static final Duration STOP_GRACE = Duration.ofSeconds(8);

  /** How long SIGTERM waits for the loop to end when no write is in flight. */
  static final Duration READ_GRACE = Duration.ofSeconds(1);

  @Mixin LoaderOptions source;

  @picocli.CommandLine.Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "YAML files or directories, as for validate (or --git-url instead).")
  List<java.nio.file.Path> paths = List.of();

  @Mixin GitOptions git;
  @ParentCommand Main main;
  @Mixin ApplyOptions options;
  @Mixin StateOptions state;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--interval",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "Time between cycles, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}); each cycle starts within ±--jitter of it.")
  Duration interval;

  @Option(
      names = "--jitter",
      defaultValue = "0.1",
      description =
          "Fraction of the interval a cycle may start early or late (default: ${DEFAULT-VALUE}).")
  double jitter;

  @Option(
      names = "--max-backoff",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "Longest wait before retrying a failing resource (default: ${DEFAULT-VALUE}); the wait doubles with each failure from one interval.")
  Duration maxBackoff;

  @Option(
      names = "--tag-audit-interval",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "Time between cycles that read every tag again (default: ${DEFAULT-VALUE}; 0s: every cycle). Between them a cycle takes the tags of resources it already knows from the last audit: a tag removed by hand, or a resource newly tagged as ecsgate's, is noticed at the next audit; a cycle that would write reads its tags again first.")
  Duration tagAuditInterval;

  @Option(
      names = "--dry-run",
      description = "Observe and report drift (log, metrics, /status); change nothing.")
  boolean dryRun;

  @Option(
      names = "--metrics-port",
      defaultValue = "9100",
      description =
          "Port of /metrics, /healthz, /readyz and /status (default: ${DEFAULT-VALUE}; 0: any free port).")
  int metricsPort;

  @Option(
      names = "--metrics-address",
      defaultValue = "0.0.0.0",
      description =
          "Address the endpoints listen on (default: ${DEFAULT-VALUE}, every interface, as ECS needs; 127.0.0.1: this host only).")
  String metricsAddress;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description = "text (default) or json (one object a line).")
  String logFormat;

  @Override
  public Integer call() throws Exception {
    if (!logFormat.equals("text") && !logFormat.equals("json"))
      return usage("--log-format must be text or json, got '" + logFormat + "'");
    ReconcileLoop.Settings settings;
    try {
      main.aws.rateLimits();
      if (tagAuditInterval.isNegative())
        throw new IllegalArgumentException("--tag-audit-interval must not be negative");
      if (state.leaseDuration.compareTo(Duration.ofSeconds(1)) < 0)
        throw new IllegalArgumentException("--lease-duration must be at least 1s");
      settings =
          new ReconcileLoop.Settings(
              interval,
              jitter,
              interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval : Duration.ofSeconds(1),
              dryRun,
              options.planOptions(),
              maxBackoff);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (new java.net.InetSocketAddress(metricsAddress, 0).isUnresolved())
      return usage("--metrics-address: cannot resolve '" + metricsAddress + "'");
    LogFormat.configure(logFormat);
    Metrics metrics = new Metrics();
    metrics.daemon(Main.Version.build()[0], Main.Version.build()[1], dryRun);
    if (git.given() == !paths.isEmpty())
      return usage("give either the desired-state PATHs or --git-url");
    io.ecsgate.controller.GitSource gitSource =
        git.given() ? git.source(source.loader(), metrics) : null;
    DesiredStateSource files =
        git.given() ? gitSource : DesiredStateSource.files(paths, source.loader());
    String from = git.given() ? git.url + " " + gitSource.settings().fullRef() : paths.toString();
    Sleeper sleeper = Sleeper.system();
    CountDownLatch finished = new CountDownLatch(1);
    try (AwsClients clients = main.aws.connect(log::info, metrics::awsCall)) {
      // a dry run writes nothing, so it takes no part in the election; every other replica does
      LeaderElection election = dryRun ? null : election(clients, metrics);
      AtomicReference<ReconcileLoop> running = new AtomicReference<>();
      ReconcileLoop loop =
          new ReconcileLoop(
              files,
              new Reconciler(
                  clients,
                  main.aws.ownership(),
                  election == null ? Fence.NONE : election,
                  state.inventory(clients, main.aws.ownership()),
                  new TagAudit(tagAuditInterval, Clock.systemUTC())),
              settings,
              Clock.systemUTC(),
              sleeper,
              new Random(),
              events(metrics),
              election == null ? Leadership.ALONE : election);
      running.set(loop);
      if (election != null) {
        electionListener =
            leading -> {
              metrics.leader(leading);
              if (leading && running.get() != null) running.get().cycleSoon();
            };
        election.round();
        election.start(sleeper, loop::stopping);
      }
      try (HttpEndpoints http =
          new HttpEndpoints(
              new java.net.InetSocketAddress(metricsAddress, metricsPort),
              metrics,
              loop.status()::ready,
              loop.status()::snapshot)) {
        if (gitSource != null)
          git.webhook(gitSource, sleeper::nudge).ifPresent(h -> http.post("/hooks/git", h));
        http.get(
            "/",
            exchange ->
                HttpEndpoints.send(
                    exchange,
                    200,
                    "text/html; charset=utf-8",
                    io.ecsgate.controller.StatusPage.html(
                        loop.status().snapshot(), loop.status().recentCycles())));
        http.start();
        Thread main = Thread.currentThread();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> stopOnSignal(loop, main, finished), "shutdown"));
        log.atInfo()
            .addKeyValue("port", http.port())
            .addKeyValue("interval", interval.toString())
            .addKeyValue("dryRun", dryRun)
            .addKeyValue("paths", from)
            .log(
                "ecsgate controller started: {} every {}{}, endpoints on port {}",
                from,
                interval,
                dryRun ? " (dry run)" : "",
                http.port());
        loop.run();
      } finally {
        if (election != null) election.release(); // the next replica takes over at once
      }
    } finally {
      finished.countDown();
    }
    return Main.OK;
  }

  /**
   * SIGTERM/SIGINT: ask the loop to stop (a write in flight finishes, the next does not start,
   * reads are abandoned at once), wait for it within {@link #STOP_GRACE} when a write is in flight
   * or {@link #READ_GRACE} when none is, interrupt it if it is still waiting on a rate limit, then
   * end the JVM with 0: stopping on request is a success.
   */
  private static void stopOnSignal(ReconcileLoop loop, Thread main, CountDownLatch finished) {
    if (finished.getCount() == 0) return;
    boolean writing = loop.stop();
    log.info(
        "stop requested (signal): {}",
        writing ? "finishing the write in flight" : "no write in flight, reads abandoned");
    try {
      Duration grace = writing ? STOP_GRACE : READ_GRACE;
      if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        main.interrupt();
        finished.await(writing ? 1000 : 300, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.flush();
    Runtime.getRuntime().halt(Main.OK);
  }

  private volatile LeaderElection.Listener electionListener = LeaderElection.Listener.NONE;

  /**
   * The election on the stack's lease in the state table (created if missing); the leader renews it
   * every third of the lease, or every interval if that is shorter.
   */
  private LeaderElection election(AwsClients clients, Metrics metrics) {
    StateTable table = state.table(clients, main.aws.ownership());
    if (table.ensure()) log.info("created the state table {}", table.name());
    Lease lease = new Lease(table, Lease.ownerId("run"), state.leaseDuration, Clock.systemUTC());
    metrics.leader(false);
    return new LeaderElection(lease, interval, leading -> electionListener.leading(leading));
  }

  private int usage(String message) {
    spec.commandLine().getErr().println("error: " + message);
    spec.commandLine().getErr().flush();
    return Main.ERROR;
  }

  private static LoopEvents events(Metrics metrics) {
    return new LoopEvents() {
      @Override
      public void desiredStateLoaded(String revision) {
        metrics.desiredStateLoaded(revision);
      }

      @Override
      public void desiredStateRejected(List<String> problems) {
        metrics.desiredStateRejected();
      }

      @Override
      public void drift(Map<String, Integer> resourcesByKind) {
        metrics.drift(resourcesByKind);
      }

      @Override
      public void untracked(Map<String, Integer> resourcesByKind) {
        Map<String, Integer> all = new java.util.TreeMap<>();
        io.ecsgate.kinds.Registry.inventoried().forEach(kind -> all.put(kind, 0));
        all.putAll(resourcesByKind);
        metrics.untracked(all);
      }

      @Override
      public void held(Map<String, Integer> blockedByKind, Map<String, Integer> suspendedByKind) {
        metrics.blocked(blockedByKind);
        metrics.suspended(suspendedByKind);
      }

      @Override
      public void outcome(Outcome outcome) {
        if (outcome.status() == Outcome.Status.DONE)
          metrics.driftCorrected(outcome.action().kind());
      }

      @Override
      public void observeFailed(String family, java.util.Set<String> kinds) {
        kinds.forEach(metrics::observeError);
      }

      @Override
      public void nlbTargets(Map<String, Map<String, Integer>> countsByGroup) {
        metrics.nlbTargets(countsByGroup);
      }

      @Override
      public void nlbTargetChange(String targetGroup, String change) {
        metrics.nlbTargetChange(targetGroup, change);
      }

      @Override
      public void cycle(String result, Duration duration, Instant finishedAt, boolean reconciled) {
        metrics.cycle(result, duration, finishedAt, reconciled);
      }
    };
  }
}
