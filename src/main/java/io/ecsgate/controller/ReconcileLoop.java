package io.ecsgate.controller;

import io.ecsgate.aws.AwsErrors;
import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller: every {@code interval} (with jitter) observe → plan → apply, and at once when the
 * desired state changes (checked every tick). A desired state that does not load leaves the last
 * good one in force and causes no write. A failing resource backs off exponentially; one AWS
 * refused as invalid waits for a new desired state; the others go on. With {@code dryRun} it only
 * reports drift, and so does a replica that is not the leader ({@link Leadership}). Time comes from
 * the injected clock and sleeper, so tests never wait.
 */
public final class ReconcileLoop {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

  /**
   * {@code jitter} is the fraction of the interval a cycle may start early or late (0.1: ±10%);
   * {@code tick} how often the desired state is checked for changes.
   */
  public record Settings(
      Duration interval,
      double jitter,
      Duration tick,
      boolean dryRun,
      PlanOptions planOptions,
      Duration maxBackoff) {
    public Settings {
      if (interval.isNegative() || interval.isZero())
        throw new IllegalArgumentException("--interval must be positive");
      if (jitter < 0 || jitter >= 1)
        throw new IllegalArgumentException("--jitter must be in [0, 1)");
    }

    public static Settings of(Duration interval, boolean dryRun, PlanOptions planOptions) {
      Duration tick =
          interval.compareTo(Duration.ofSeconds(1)) < 0 ? interval : Duration.ofSeconds(1);
      return new Settings(interval, 0.1, tick, dryRun, planOptions, Duration.ofMinutes(10));
    }
  }

  /**
   * The cycle result when nothing failed or waited but a change is blocked: the rest was reconciled
   * (a warning, not a failure).
   */
  public static final String BLOCKED = "blocked";

  /** The cycle result while the newest desired-state files do not load. */
  public static final String INVALID = "invalid_desired_state";

  /** What one cycle did. */
  public record CycleReport(
      String result, boolean observed, int drifted, int changed, int failed, int waiting) {}

  private final DesiredStateSource source;
  private final Engine engine;
  private final Settings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final LoopEvents events;
  private final StatusBoard status;
  private final Backoff backoff;
  private final Leadership leadership;

  private final java.util.Set<String> driftKinds = new java.util.TreeSet<>();
  private volatile boolean stopping;
  private volatile boolean writing;
  private final Object stopLock = new Object();
  private final java.util.concurrent.CompletableFuture<Void> stopSignal =
      new java.util.concurrent.CompletableFuture<>();
  private boolean newestInvalid;
  private DesiredState desired;
  private String fingerprint;
  private volatile boolean runNow;
  private Instant nextCycleAt;

  public ReconcileLoop(
      DesiredStateSource source,
      Engine engine,
      Settings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      LoopEvents events) {
    this(source, engine, settings, clock, sleeper, random, events, Leadership.ALONE);
  }

  public ReconcileLoop(
      DesiredStateSource source,
      Engine engine,
      Settings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      LoopEvents events,
      Leadership leadership) {
    this.leadership = leadership;
    this.source = source;
    this.engine = engine;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.events = events;
    this.status = new StatusBoard(settings.dryRun());
    this.backoff =
        new Backoff(
            clock,
            settings.interval(),
            settings.maxBackoff().compareTo(settings.interval()) < 0
                ? settings.interval()
                : settings.maxBackoff());
  }

  public StatusBoard status() {
    return status;
  }

  /** Runs until {@link #stop()}: ticks, sleeping {@code tick} between them. */
  public void run() {
    while (!stopping) {
      tick();
      if (stopping) break;
      try {
        sleeper.sleep(settings.tick());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    log.info("controller stopped");
  }

  /**
   * Asks the loop to end: a write in flight finishes, nothing after it starts, reads in progress
   * are abandoned at once (the cycle ends as {@code stopped}), sleeps end at once. Returns whether
   * a write (an apply) was in flight, which the caller may wait for.
   */
  public boolean stop() {
    boolean writing;
    synchronized (stopLock) {
      stopping = true;
      writing = this.writing;
    }
    stopSignal.complete(null);
    sleeper.wake();
    return writing;
  }

  /**
   * The engine with reads the loop can abandon: each observe-and-plan runs on a reader thread and
   * the cycle waits for it or for {@link #stop}, whichever comes first (the abandoned read is
   * interrupted; the process exits without waiting for it). Applies run on the loop's thread and
   * are never abandoned; one does not start once a stop was requested.
   */
  private final Engine stoppableReads =
      new Engine() {
        @Override
        public Plan plan(
            DesiredState desired,
            PlanOptions options,
            io.ecsgate.core.Pass pass,
            java.util.function.Consumer<ObservedState> observed) {
          return read(() -> engine.plan(desired, options, pass, observed));
        }

        @Override
        public Plan plan(
            DesiredState desired,
            PlanOptions options,
            io.ecsgate.core.Pass pass,
            ObservedState previous,
            Set<String> stale,
            java.util.function.Consumer<ObservedState> observed) {
          return read(() -> engine.plan(desired, options, pass, previous, stale, observed));
        }

        private Plan read(java.util.function.Supplier<Plan> plan) {
          if (stopping) throw new StopRequested();
          java.util.concurrent.CompletableFuture<Plan> read =
              new java.util.concurrent.CompletableFuture<>();
          java.util.concurrent.Future<?> reader =
              READERS.submit(
                  () -> {
                    try {
                      read.complete(plan.get());
                    } catch (Throwable e) {
                      read.completeExceptionally(e);
                    }
                  });
          try {
            java.util.concurrent.CompletableFuture.anyOf(read, stopSignal).get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.cancel(true);
            throw new StopRequested();
          } catch (java.util.concurrent.ExecutionException e) {
            // the read failed: rethrown below as it was
          }
          if (!read.isDone()) {
            reader.cancel(true); // interrupts the reader: the SDK gives up at its next attempt
            throw new StopRequested();
          }
          try {
            return read.join();
          } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
          }
        }

        @Override
        public io.ecsgate.core.ApplyResult apply(
            Plan plan, java.util.function.Consumer<Outcome> progress) {
          synchronized (stopLock) {
            if (stopping) throw new StopRequested();
            writing = true;
          }
          try {
            return engine.apply(plan, progress);
          } finally {
            writing = false;
          }
        }
      };

  /** The threads reads run on (daemon threads: an abandoned read does not hold the JVM). */
  private static final java.util.concurrent.ExecutorService READERS =
      java.util.concurrent.Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "ecsgate-read");
            thread.setDaemon(true);
            return thread;
          });

  public boolean stopping() {
    return stopping;
  }

  /** Runs a cycle at the next tick (this replica just became the leader). */
  public void cycleSoon() {
    runNow = true;
  }

  /**
   * One tick: re-reads the desired state if its files changed; runs a cycle when one is due.
   * Returns it, if one ran.
   */
  public Optional<CycleReport> tick() {
    checkSource();
    if (stopping || (desired == null && !newestInvalid)) return Optional.empty();
    Instant now = clock.instant();
    if (!runNow && nextCycleAt != null && now.isBefore(nextCycleAt)) return Optional.empty();
    runNow = false;
    CycleReport report = desired == null ? nothingInForce() : cycle();
    nextCycleAt = clock.instant().plus(nextDelay());
    return Optional.of(report);
  }

  /** The interval with jitter: uniformly within interval × (1 ± jitter). */
  Duration nextDelay() {
    double factor =
        1 + (settings.jitter() == 0 ? 0 : random.nextDouble(-settings.jitter(), settings.jitter()));
    return Duration.ofNanos(Math.round(settings.interval().toNanos() * factor));
  }

  Instant nextCycleAt() {
    return nextCycleAt;
  }

  /**
   * The source's desired state; anything else than an invalid state that goes wrong loading it (a
   * bug, an I/O error nobody foresaw) is a rejected state too, so that the daemon stays up with the
   * state in force.
   */
  private DesiredState loadSource() {
    try {
      return source.load();
    } catch (InvalidDesiredStateException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidDesiredStateException(
          List.of(
              new Problem(
                  Mark.file("desired state"),
                  "cannot be loaded: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
  }

  private void checkSource() {
    String current;
    try {
      current = source.fingerprint();
    } catch (RuntimeException e) {
      current = "unreadable: " + e.getMessage();
    }
    if (current.equals(fingerprint)) return;
    fingerprint = current;
    Instant now = clock.instant();
    try {
      DesiredState loaded = loadSource();
      if (desired != null && loaded.revision().equals(desired.revision())) {
        status.loaded(loaded.revision(), now);
        if (newestInvalid) { // the last good content is back (a revert): valid again, no new cycle
          newestInvalid = false;
          log.atInfo()
              .addKeyValue("revision", loaded.revision())
              .log("desired state valid again: revision {} (still in force)", loaded.revision());
          events.desiredStateLoaded(loaded.revision());
        }
        return;
      }
      log.atInfo()
          .addKeyValue("revision", loaded.revision())
          .addKeyValue("resources", loaded.size())
          .addKeyValue("previous", desired == null ? null : desired.revision())
          .log(
              "desired state loaded: revision {}, {} resource(s)",
              loaded.revision(),
              loaded.size());
      desired = loaded;
      newestInvalid = false;
      status.loaded(loaded.revision(), now);
      backoff.desiredStateChanged();
      events.desiredStateLoaded(loaded.revision());
      runNow = true;
    } catch (InvalidDesiredStateException e) {
      List<String> problems = e.problems().stream().map(Problem::toString).toList();
      for (String problem : problems) {
        log.atError()
            .addKeyValue("problem", problem)
            .addKeyValue("revisionInForce", desired == null ? null : desired.revision())
            .log("desired state rejected: {}", problem);
      }
      log.atError()
          .addKeyValue("problems", problems.size())
          .log(
              "the desired state does not load ({} problem(s)); {}",
              problems.size(),
              desired == null
                  ? "nothing is reconciled until it does"
                  : "revision "
                      + desired.revision()
                      + " stays in force, nothing is written for the new files");
      newestInvalid = true;
      status.loadFailed(problems, now);
      events.desiredStateRejected(problems);
    }
  }

  /**
   * Observe, plan and (unless dry-run) apply, in passes while the plan waits on resources this
   * cycle changed ({@link Convergence#converge}). What is blocked holds only what depends on it;
   * the rest is repaired.
   */
  CycleReport cycle() {
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    DesiredState desired = this.desired;
    boolean leading = settings.dryRun() || leadership.leader();
    status.leadership(leading, leadership.holder().orElse(null));
    CycleProgress progress = new CycleProgress(desired, leading);
    String result = "success";
    String error = null;
    try {
      Convergence convergence =
          Convergence.converge(stoppableReads, desired, settings.planOptions(), progress);
      if (!convergence.succeeded() || progress.waiting > 0) result = "failure";
      if (result.equals("failure") && onlyBlocked(convergence, progress)) result = BLOCKED;
      if (!progress.unobserved.isEmpty()) { // the other kinds were reconciled; these were not read
        result = "failure";
        error =
            String.join(
                "; ",
                progress.unobserved.values().stream()
                    .map(io.ecsgate.core.ObservationFailure::summary)
                    .toList());
      }
    } catch (StopRequested e) {
      result = "stopped";
      log.info(
          "stop requested: the change in flight finished, the rest of this cycle is left for the next start");
    } catch (RuntimeException e) {
      if (stopping) result = "stopped"; // a read or write ended by the stop: not a failure
      else {
        result = "failure";
        error = AwsErrors.describe(e);
        log.atError()
            .addKeyValue("observed", progress.observed)
            .log(
                "cycle failed while {}: {}",
                progress.observed ? "planning or applying" : "observing AWS",
                error);
      }
    }
    int drifted = progress.drifted;
    int changed = progress.changed;
    int failed = progress.failed;
    int waiting = progress.waiting;
    boolean observed = progress.observed;
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    Instant finished = clock.instant();
    boolean reconciled = result.equals("success") || result.equals(BLOCKED);
    if (reconciled && newestInvalid)
      result = INVALID; // reconciled under the last good state; the newest files do not load
    status.cycle(
        new DaemonStatus.Cycle(
            started.toString(),
            duration.toNanos() / 1e9,
            result,
            observed,
            drifted,
            changed,
            failed,
            waiting,
            error));
    events.cycle(result, duration, finished, reconciled);
    log.atInfo()
        .addKeyValue("result", result)
        .addKeyValue("drifted", drifted)
        .addKeyValue("changed", changed)
        .addKeyValue("failed", failed)
        .addKeyValue("waiting", waiting)
        .addKeyValue("durationMs", duration.toMillis())
        .log(
            "cycle {}: {} drifted, {} changed, {} failed, {} waiting",
            result,
            drifted,
            changed,
            failed,
            waiting);
    return new CycleReport(result, observed, drifted, changed, failed, waiting);
  }

  /**
   * The cycle failed only because a change is blocked: nothing failed, waited or was held, and
   * every family was read.
   */
  private static boolean onlyBlocked(Convergence convergence, CycleProgress progress) {
    return progress.failed == 0
        && progress.unobserved.isEmpty()
        && progress.waiting == 0
        && convergence.lastPlan() != null
        && convergence.lastPlan().isBlocked();
  }

  /** What the daemon does at each step of {@link Convergence#converge} in one cycle. */
  private final class CycleProgress implements Convergence.Progress {
    private final DesiredState desired;
    private final Map<Key, Metadata> declared;
    private final boolean leading;
    boolean observed;

    /** The families whose reads failed in this cycle, by name (once each, whatever the passes). */
    final Map<String, io.ecsgate.core.ObservationFailure> unobserved =
        new java.util.LinkedHashMap<>();

    int drifted;
    int changed;
    int failed;
    int waiting;

    CycleProgress(DesiredState desired, boolean leading) {
      this.desired = desired;
      this.leading = leading;
      this.declared = DeclaredResources.of(desired);
    }

    @Override
    public void observed(ObservedState snapshot) {
      observed |= snapshot.readAny();
      for (io.ecsgate.core.ObservationFailure failure : snapshot.failures())
        if (unobserved.putIfAbsent(failure.family(), failure) == null) reportUnobserved(failure);
      if (snapshot.find(io.ecsgate.kinds.elb.ElbSnapshot.class).isEmpty())
        return; // ELB not read: the NLB target figures keep their last values
      try {
        events.nlbTargets(NlbTargetCounts.of(desired, snapshot));
      } catch (RuntimeException e) {
        log.debug("no NLB target figures", e);
      }
    }

    /** One log line and one count per kind for a family whose reads failed in this cycle. */
    private void reportUnobserved(io.ecsgate.core.ObservationFailure failure) {
      Set<String> kinds = failure.kinds().isEmpty() ? Set.of(failure.family()) : failure.kinds();
      log.atError()
          .addKeyValue("family", failure.family())
          .addKeyValue("kinds", new java.util.TreeSet<>(kinds))
          .addKeyValue("category", failure.category().name().toLowerCase())
          .addKeyValue("error", failure.error())
          .log(
              "{}; its kinds and what needs them are not planned this cycle, the others are",
              failure.summary());
      events.observeFailed(failure.family(), kinds);
    }

    @Override
    public void planned(Plan plan, int pass) {
      if (pass > 1) return;
      drifted = reportDrift(declared, plan);
      reportHeld(declared, plan);
      status.planned(declared, plan.actions());
      status.waiting(plan.waits());
      reportUntracked(plan);
      for (Action blocked : plan.blocked()) {
        log.atWarn()
            .addKeyValue("resource", blocked.key().toString())
            .addKeyValue("reason", blocked.reason())
            .log("{} is blocked: {}", blocked.key(), blocked.reason());
      }
    }

    /** The daemon holds what depends on a blocked action, and what backs off; dry-run holds all. */
    @Override
    public Plan runnable(Plan plan) {
      if (stopping) return plan.without(action -> true);
      if (settings.dryRun()) {
        for (Action action : plan.executable()) logAction("drift (dry run, not changed)", action);
        return plan.without(action -> true);
      }
      if (!leading) {
        for (Action action : plan.executable()) logAction("drift (follower, not changed)", action);
        return plan.without(action -> true);
      }
      Plan unblocked = plan.withoutDependentsOfBlocked();
      Plan runnable = withoutHeld(unblocked);
      waiting = unblocked.executable().size() - runnable.executable().size();
      return runnable;
    }

    @Override
    public void outcome(Outcome outcome) {
      if (outcome.status() == Outcome.Status.DONE) changed++;
      if (outcome.status() == Outcome.Status.FAILED) failed++;
      onOutcome(outcome);
    }
  }

  /**
   * A due cycle with no good desired state at all: nothing to reconcile, counted so that it shows.
   */
  private CycleReport nothingInForce() {
    Instant now = clock.instant();
    status.cycle(
        new DaemonStatus.Cycle(
            now.toString(), 0, INVALID, false, 0, 0, 0, 0, "no desired state has loaded yet"));
    events.cycle(INVALID, Duration.ZERO, now, false);
    return new CycleReport(INVALID, false, 0, 0, 0, 0);
  }

  private int reportDrift(Map<Key, Metadata> declared, Plan plan) {
    Map<String, java.util.Set<Key>> byKind = new TreeMap<>();
    declared.keySet().forEach(key -> driftKinds.add(key.kind()));
    driftKinds.forEach(
        kind ->
            byKind.put(
                kind, new java.util.HashSet<>())); // kinds drifted before read 0 once repaired
    for (Action action : plan.executable())
      if (!suspended(declared, action.key())) // a suspended resource is never drift
      byKind.computeIfAbsent(action.kind(), k -> new java.util.HashSet<>()).add(action.key());
    // a declared resource that waits (a link still pending, a service draining) is not in sync
    for (io.ecsgate.core.Wait wait : plan.waits())
      if (!suspended(declared, wait.subject()))
        byKind
            .computeIfAbsent(wait.subject().kind(), k -> new java.util.HashSet<>())
            .add(wait.subject());
    driftKinds.addAll(byKind.keySet());
    Map<String, Integer> counts = new TreeMap<>();
    byKind.forEach((kind, keys) -> counts.put(kind, keys.size()));
    events.drift(counts);
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private List<io.ecsgate.core.Inventory.Untracked> lastUntracked = List.of();

  /**
   * Resources tagged as ecsgate's but not in the inventory: on /status, by kind in the metrics, and
   * logged once each time the set changes (not every cycle).
   */
  private void reportUntracked(Plan plan) {
    List<io.ecsgate.core.Inventory.Untracked> untracked = plan.untracked();
    status.untracked(untracked);
    Map<String, Integer> counts = new TreeMap<>();
    untracked.forEach(u -> counts.merge(u.kind(), 1, Integer::sum));
    events.untracked(counts);
    if (!untracked.isEmpty() && !untracked.equals(lastUntracked))
      log.atWarn()
          .addKeyValue("untracked", untracked.toString())
          .log(
              "{} resource(s) tagged as ecsgate's are not in the inventory and are left alone"
                  + " (metadata.adopt: true takes one over): {}",
              untracked.size(),
              untracked);
    lastUntracked = untracked;
  }

  private static boolean suspended(Map<Key, Metadata> declared, Key key) {
    Metadata metadata = declared.get(key);
    return metadata != null && metadata.suspend();
  }

  /** Blocked and suspended declared resources by kind, every kind seen so far (0 included). */
  private void reportHeld(Map<Key, Metadata> declared, Plan plan) {
    Map<String, Set<Key>> blocked = new TreeMap<>();
    Map<String, Integer> suspended = new TreeMap<>();
    driftKinds.forEach(kind -> blocked.put(kind, new java.util.HashSet<>()));
    driftKinds.forEach(kind -> suspended.put(kind, 0));
    for (Action action : plan.blocked())
      blocked.computeIfAbsent(action.kind(), k -> new java.util.HashSet<>()).add(action.key());
    declared.forEach(
        (key, metadata) -> {
          if (metadata.suspend()) suspended.merge(key.kind(), 1, Integer::sum);
        });
    Map<String, Integer> blockedCounts = new TreeMap<>();
    blocked.forEach((kind, keys) -> blockedCounts.put(kind, keys.size()));
    events.held(blockedCounts, suspended);
  }

  /**
   * The plan without changes that must wait (backoff, or refused as invalid); deletes wait too if
   * anything does.
   */
  private Plan withoutHeld(Plan plan) {
    Set<Action> held = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Action action : plan.executable()) {
      Optional<String> why = backoff.holds(action.key(), signature(action));
      if (why.isEmpty()) continue;
      held.add(action);
      status.held(action.key(), why.get());
      log.atInfo()
          .addKeyValue("resource", action.key().toString())
          .addKeyValue("reason", why.get())
          .log("{} waits: {}", action.key(), why.get());
    }
    if (held.isEmpty()) return plan;
    return plan.without(action -> held.contains(action) || action.verb() == Verb.DELETE);
  }

  private static String signature(Action action) {
    return action.verb() + " " + action.changes();
  }

  private void onOutcome(Outcome outcome) {
    Action action = outcome.action();
    Instant now = clock.instant();
    switch (outcome.status()) {
      case DONE -> {
        backoff.succeeded(action.key());
        logAction("changed", action);
      }
      case FAILED -> {
        backoff.failed(action.key(), outcome.terminal(), signature(action));
        log.atWarn()
            .addKeyValue("resource", action.key().toString())
            .addKeyValue("action", action.verb().name().toLowerCase())
            .addKeyValue("error", outcome.message())
            .addKeyValue("terminal", outcome.terminal())
            .addKeyValue("failures", backoff.failures(action.key()))
            .log(
                "{} {} failed{}: {}",
                action.verb().name().toLowerCase(),
                action.key(),
                outcome.terminal()
                    ? " (refused as invalid: not retried until the desired state changes)"
                    : ", will back off",
                outcome.message());
      }
      case SKIPPED ->
          log.atInfo()
              .addKeyValue("resource", action.key().toString())
              .addKeyValue("reason", outcome.message())
              .log("{} skipped: {}", action.key(), outcome.message());
    }
    status.outcome(outcome, now, backoff.failures(action.key()));
    events.outcome(outcome);
    NlbTargetCounts.changes(outcome, events::nlbTargetChange);
    if (stopping) throw new StopRequested();
  }

  private static void logAction(String what, Action action) {
    List<String> fields = action.changes().stream().map(Change::toString).toList();
    log.atInfo()
        .addKeyValue("resource", action.key().toString())
        .addKeyValue("kind", action.kind())
        .addKeyValue("name", action.name())
        .addKeyValue("action", action.verb().name().toLowerCase())
        .addKeyValue("changes", fields)
        .log(
            "{} {} {}{}",
            what,
            action.verb().name().toLowerCase(),
            action.key(),
            fields.isEmpty() ? "" : ": " + String.join("; ", fields));
  }

  /**
   * Thrown from the outcome callback to end apply after the action in flight when a stop was
   * requested.
   */
  private static final class StopRequested extends RuntimeException {
    StopRequested() {
      super("stop requested", null, false, false);
    }
  }
}
