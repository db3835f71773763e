package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Action;
import io.ecsgate.core.Applier;
import io.ecsgate.core.ApplyResult;
import io.ecsgate.core.Change;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The loop with a fake clock, a sleeper that moves it, and a scripted engine: no test waits. */
class ReconcileLoopTest {
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final Path SEED = Path.of("desired-state");

  /** A step that runs in the scripted engine instead of AWS. */
  record TestStep(ScriptedEngine engine, Key key) implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      return engine.write(key);
    }
  }

  /** Desired state from the files; its revision changes only when {@link #change} is called. */
  static class FakeSource implements DesiredStateSource {
    String fingerprint = "1";
    Object content;

    FakeSource(DesiredState desired) {
      content = desired;
    }

    void change(Object newContent) {
      content = newContent;
      fingerprint = fingerprint + "'";
    }

    @Override
    public String fingerprint() {
      return fingerprint;
    }

    @Override
    public DesiredState load() {
      if (content instanceof InvalidDesiredStateException e) throw e;
      return (DesiredState) content;
    }
  }

  /**
   * Plans an update for every key still drifted; applying fixes it unless the key is scripted to
   * fail (transiently or as invalid). Records every write and every plan's revision.
   */
  static final class ScriptedEngine implements Engine {
    final Set<Key> drifted = new LinkedHashSet<>();
    final Map<Key, Boolean> failing = new HashMap<>(); // key -> terminal
    final List<Key> writes = new ArrayList<>();
    final List<String> plannedRevisions = new ArrayList<>();
    final MutableClock clock;
    final Map<Key, List<Instant>> attempts = new HashMap<>();
    final Set<Key> blocked = new LinkedHashSet<>();
    final List<io.ecsgate.core.Wait> waits = new ArrayList<>();
    Runnable duringFirstWrite = () -> {};
    ObservedState observedState = ObservedState.of();

    ScriptedEngine(MutableClock clock, Key... drift) {
      this.clock = clock;
      drifted.addAll(List.of(drift));
    }

    @Override
    public Plan plan(
        DesiredState desired, PlanOptions options, Pass pass, Consumer<ObservedState> observed) {
      plannedRevisions.add(desired.revision());
      observed.accept(observedState); // AWS was read (its content is not needed here)
      List<Action> actions = new ArrayList<>();
      for (Key key : drifted)
        actions.add(
            Action.update(
                key.kind(),
                key.name(),
                new TestStep(this, key),
                List.of(Change.of("path", "/oops", "/demo1"))));
      for (Key key : blocked)
        actions.add(Action.blocked(key.kind(), key.name(), "a foreign resource is in the way"));
      return new Plan(actions, Map.of(), waits, List.of(), List.of());
    }

    @Override
    public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
      return new Applier(null).apply(plan, progress);
    }

    /** One write: fails as scripted, or repairs the drift. */
    String write(Key key) {
      if (writes.isEmpty()) duringFirstWrite.run();
      writes.add(key);
      attempts.computeIfAbsent(key, k -> new ArrayList<>()).add(clock.instant());
      Boolean terminal = failing.get(key);
      if (terminal != null) {
        throw AwsServiceException.builder()
            .statusCode(terminal ? 400 : 500)
            .message(terminal ? "invalid path" : "internal")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(terminal ? "ValidationError" : "InternalFailure")
                    .build())
            .build();
      }
      drifted.remove(key);
      return "ok";
    }
  }

  static final class Recorder implements LoopEvents {
    final List<String> results = new ArrayList<>();
    final List<Map<String, Integer>> drift = new ArrayList<>();
    final List<List<String>> rejected = new ArrayList<>();

    @Override
    public void cycle(String result, Duration duration, Instant finishedAt, boolean reconciled) {
      results.add(result);
      this.reconciled.add(reconciled);
    }

    @Override
    public void drift(Map<String, Integer> resourcesByKind) {
      drift.add(resourcesByKind);
    }

    @Override
    public void desiredStateRejected(List<String> problems) {
      rejected.add(problems);
      valid = false;
    }

    final List<Map<String, Integer>> blocked = new ArrayList<>();
    final List<Map<String, Integer>> suspended = new ArrayList<>();
    final List<Boolean> reconciled = new ArrayList<>();

    @Override
    public void held(Map<String, Integer> blockedByKind, Map<String, Integer> suspendedByKind) {
      blocked.add(blockedByKind);
      suspended.add(suspendedByKind);
    }

    final List<String> observeFailures = new ArrayList<>();

    @Override
    public void observeFailed(String family, Set<String> kinds) {
      observeFailures.add(family + " " + new java.util.TreeSet<>(kinds));
    }

    final List<String> loaded = new ArrayList<>();
    Boolean valid; // what ecsgate_desired_state_valid says: null before any load

    @Override
    public void desiredStateLoaded(String revision) {
      loaded.add(revision);
      valid = true;
    }
  }

  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final Recorder events = new Recorder();
  private final Sleeper sleeper = duration -> clock.add(duration);

  private ReconcileLoop loop(
      DesiredStateSource source,
      Engine engine,
      boolean dryRun,
      double jitter,
      RandomGenerator random) {
    ReconcileLoop.Settings settings =
        new ReconcileLoop.Settings(
            INTERVAL,
            jitter,
            Duration.ofSeconds(1),
            dryRun,
            PlanOptions.DEFAULT,
            Duration.ofMinutes(10));
    return new ReconcileLoop(source, engine, settings, clock, sleeper, random, events);
  }

  private ReconcileLoop loop(DesiredStateSource source, Engine engine) {
    return loop(source, engine, false, 0, new Random(1));
  }

  /** Ticks (one second each) for {@code seconds} of fake time. */
  private void runFor(ReconcileLoop loop, Duration time) throws InterruptedException {
    Instant end = clock.instant().plus(time);
    while (clock.instant().isBefore(end)) {
      loop.tick();
      sleeper.sleep(Duration.ofSeconds(1));
    }
  }

  private static DesiredState seed() {
    return Registry.loader().load(List.of(SEED));
  }

  private static DesiredState seedWithRevision(String revision) {
    DesiredState seed = seed();
    return new DesiredState(revision, seed.specs());
  }

  @Test
  void cyclesStartEveryIntervalWithinTheJitterBounds() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    List<Instant> starts = new ArrayList<>();
    ReconcileLoop loop =
        loop(
            new FakeSource(seed()),
            new Engine() {
              @Override
              public Plan plan(
                  DesiredState desired,
                  PlanOptions options,
                  Pass pass,
                  Consumer<ObservedState> observed) {
                starts.add(clock.instant());
                return engine.plan(desired, options, pass, observed);
              }

              @Override
              public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
                return engine.apply(plan, progress);
              }
            },
            false,
            0.1,
            new Random(7));
    runFor(loop, Duration.ofMinutes(30));

    assertTrue(
        starts.size() >= 54 && starts.size() <= 67,
        "about 60 cycles in 30 minutes: " + starts.size());
    Set<Long> gaps = new java.util.TreeSet<>();
    for (int i = 1; i < starts.size(); i++) {
      long gap = Duration.between(starts.get(i - 1), starts.get(i)).toSeconds();
      gaps.add(gap);
      assertTrue(gap >= 27 && gap <= 34, "gap " + gap + "s outside 30s ± 10% (plus one tick)");
    }
    assertTrue(gaps.size() > 2, "the jitter really varies the gaps: " + gaps);
  }

  @Test
  void theJitteredDelayStaysWithinPlusOrMinusTheJitterFraction() {
    ReconcileLoop low =
        loop(new FakeSource(seed()), new ScriptedEngine(clock), false, 0.1, fixed(-0.1));
    ReconcileLoop high =
        loop(new FakeSource(seed()), new ScriptedEngine(clock), false, 0.1, fixed(0.0999));
    assertEquals(Duration.ofSeconds(27), low.nextDelay());
    assertTrue(
        high.nextDelay().compareTo(Duration.ofSeconds(33)) < 0
            && high.nextDelay().compareTo(Duration.ofMillis(32_990)) > 0);
    ReconcileLoop random =
        loop(new FakeSource(seed()), new ScriptedEngine(clock), false, 0.1, new Random(3));
    for (int i = 0; i < 1000; i++) {
      Duration delay = random.nextDelay();
      assertTrue(
          delay.compareTo(Duration.ofSeconds(27)) >= 0
              && delay.compareTo(Duration.ofSeconds(33)) <= 0,
          delay.toString());
    }
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble(double origin, double bound) {
        return value;
      }
    };
  }

  @Test
  void aFailingResourceBacksOffExponentiallyWhileTheOthersConverge() throws Exception {
    Key bad = Key.of("ListenerRule", "demo1");
    Key good = Key.of("TargetGroup", "ecs-fargate-demo1-tg");
    ScriptedEngine engine = new ScriptedEngine(clock, bad, good);
    engine.failing.put(bad, false);
    Instant start = clock.instant();
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    runFor(loop, Duration.ofMinutes(16));

    assertFalse(engine.drifted.contains(good), "the other resource was fixed");
    assertEquals(1, engine.writes.stream().filter(good::equals).count(), "and written once");
    List<Long> offsets =
        engine.attempts.get(bad).stream()
            .map(at -> Duration.between(start, at).toSeconds())
            .toList();
    // tries after 0, then waits of 30, 60, 120, 240, 480 s (each rounded up to the next cycle)
    assertEquals(List.of(0L, 30L, 90L, 210L, 450L, 930L), offsets);
    ResourceStatus status =
        loop.status().snapshot().resources().stream()
            .filter(r -> r.name().equals("demo1") && r.kind().equals("ListenerRule"))
            .findFirst()
            .orElseThrow();
    assertEquals(ResourceStatus.State.Error, status.state());
    assertTrue(status.lastError().contains("internal"), status.lastError());
    assertTrue(events.results.contains("failure"));
  }

  @Test
  void backoffIsCappedAtTheMaximum() {
    Backoff backoff = new Backoff(clock, INTERVAL, Duration.ofMinutes(10));
    assertEquals(Duration.ofSeconds(30), backoff.delay(1));
    assertEquals(Duration.ofSeconds(240), backoff.delay(4));
    assertEquals(Duration.ofMinutes(10), backoff.delay(6));
    assertEquals(Duration.ofMinutes(10), backoff.delay(100));
  }

  @Test
  void aChangeAwsRefusesAsInvalidIsNotRetriedUntilTheDesiredStateChanges() throws Exception {
    Key bad = Key.of("ListenerRule", "demo1");
    ScriptedEngine engine = new ScriptedEngine(clock, bad);
    engine.failing.put(bad, true);
    FakeSource source = new FakeSource(seed());
    ReconcileLoop loop = loop(source, engine);
    runFor(loop, Duration.ofHours(1));
    assertEquals(
        1, engine.attempts.get(bad).size(), "tried once in an hour: " + engine.attempts.get(bad));
    assertTrue(
        loop.status().snapshot().resources().stream()
            .anyMatch(
                r ->
                    r.name().equals("demo1")
                        && r.lastError().contains("not retried until the desired state changes")));

    Instant changedAt = clock.instant();
    source.change(seedWithRevision("rev-2"));
    runFor(loop, Duration.ofSeconds(2));
    assertEquals(
        2, engine.attempts.get(bad).size(), "a new desired state gets another try at once");
    assertTrue(Duration.between(changedAt, engine.attempts.get(bad).get(1)).toSeconds() <= 1);
  }

  @Test
  void aDesiredStateThatDoesNotLoadKeepsTheLastGoodOneAndCausesNoWrite() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    FakeSource source = new FakeSource(seed());
    ReconcileLoop loop = loop(source, engine);
    runFor(loop, Duration.ofSeconds(31));
    String good = seed().revision();
    source.change(
        new InvalidDesiredStateException(
            List.of(
                new Problem(
                    new Mark("target-groups.yaml", 3, 7), "mapping values are not allowed here"))));
    engine.plannedRevisions.clear();
    events.results.clear();
    runFor(loop, Duration.ofMinutes(5));

    assertEquals(List.of(), engine.writes);
    assertFalse(engine.plannedRevisions.isEmpty(), "cycles go on under the last good state");
    assertTrue(
        engine.plannedRevisions.stream().allMatch(good::equals),
        engine.plannedRevisions.toString());
    assertEquals(1, events.rejected.size(), "reported once, not every tick");
    assertTrue(
        events.results.size() >= 9
            && events.results.stream().allMatch(ReconcileLoop.INVALID::equals),
        "each cycle under the last good state says the newest files do not load: "
            + events.results);
    DaemonStatus status = loop.status().snapshot();
    assertEquals(good, status.revision());
    assertNotNull(status.lastLoadError());
    assertEquals(
        List.of("target-groups.yaml:3:7: mapping values are not allowed here"),
        status.lastLoadError().problems());
    assertTrue(loop.status().ready());

    source.change(seedWithRevision("fixed"));
    runFor(loop, Duration.ofSeconds(2));
    assertEquals("fixed", loop.status().snapshot().revision());
    assertNull(loop.status().snapshot().lastLoadError());
  }

  @Test
  void aDanglingLinkInTheFilesKeepsTheLastGoodStateAndTheDaemonUp(@TempDir Path dir)
      throws Exception {
    for (Path file : Files.list(SEED).toList()) Files.copy(file, dir.resolve(file.getFileName()));
    ScriptedEngine engine = new ScriptedEngine(clock);
    ReconcileLoop loop = loop(DesiredStateSource.files(List.of(dir), Registry.loader()), engine);
    runFor(loop, Duration.ofSeconds(2));
    String good = loop.status().snapshot().revision();
    assertNotNull(good);

    Files.createSymbolicLink(dir.resolve("extra.yaml"), Path.of("nowhere.yaml"));
    runFor(loop, Duration.ofSeconds(2));

    DaemonStatus status = loop.status().snapshot();
    assertEquals(good, status.revision());
    assertEquals(
        List.of(
            dir.resolve("extra.yaml")
                + ":1:1: dangling symbolic link: its target nowhere.yaml does not exist"),
        status.lastLoadError().problems());
    assertTrue(loop.status().ready());
  }

  @Test
  void aLoadThatFailsUnexpectedlyKeepsTheLastGoodStateAndTheDaemonUp() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    FakeSource source =
        new FakeSource(seed()) {
          @Override
          public DesiredState load() {
            if (content instanceof RuntimeException e) throw e;
            return super.load();
          }
        };
    ReconcileLoop loop = loop(source, engine);
    runFor(loop, Duration.ofSeconds(2));
    String good = loop.status().snapshot().revision();

    source.change(new java.io.UncheckedIOException(new java.io.IOException("disk on fire")));
    runFor(loop, Duration.ofSeconds(2));

    DaemonStatus status = loop.status().snapshot();
    assertEquals(good, status.revision());
    assertEquals(1, status.lastLoadError().problems().size());
    assertTrue(
        status.lastLoadError().problems().get(0).contains("disk on fire"),
        status.lastLoadError().problems().toString());
  }

  @Test
  void withoutAnyGoodDesiredStateNothingRunsAndTheDaemonIsNotReady() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    FakeSource source = new FakeSource(null);
    source.change(
        new InvalidDesiredStateException(List.of(new Problem(Mark.file("x.yaml"), "bad"))));
    ReconcileLoop loop = loop(source, engine);
    runFor(loop, Duration.ofMinutes(2));
    assertTrue(engine.plannedRevisions.isEmpty());
    assertFalse(loop.status().ready());
    assertEquals(
        4,
        events.results.size(),
        "one empty cycle an interval, so that it is counted: " + events.results);
    assertTrue(events.results.stream().allMatch(ReconcileLoop.INVALID::equals));
  }

  @Test
  void dryRunReportsDriftAndWritesNothing() throws Exception {
    Key drifted = Key.of("ListenerRule", "demo1");
    ScriptedEngine engine = new ScriptedEngine(clock, drifted);
    ReconcileLoop loop = loop(new FakeSource(seed()), engine, true, 0, new Random(1));
    runFor(loop, Duration.ofMinutes(3));
    assertEquals(List.of(), engine.writes);
    assertTrue(events.drift.size() >= 6);
    assertEquals(1, events.drift.get(events.drift.size() - 1).get("ListenerRule"));
    assertEquals(0, events.drift.get(events.drift.size() - 1).get("TargetGroup"));
    ResourceStatus status =
        loop.status().snapshot().resources().stream()
            .filter(r -> r.name().equals("demo1") && r.kind().equals("ListenerRule"))
            .findFirst()
            .orElseThrow();
    assertEquals(ResourceStatus.State.Drifted, status.state());
    assertTrue(loop.status().snapshot().dryRun());
    assertTrue(events.results.stream().allMatch("success"::equals));
  }

  @Test
  void aFollowerObservesAndWritesNothingUntilItLeadsThenRepairsAtOnce() throws Exception {
    Key drifted = Key.of("ListenerRule", "demo1");
    ScriptedEngine engine = new ScriptedEngine(clock, drifted);
    java.util.concurrent.atomic.AtomicBoolean leading =
        new java.util.concurrent.atomic.AtomicBoolean(false);
    Leadership leadership =
        new Leadership() {
          @Override
          public boolean leader() {
            return leading.get();
          }

          @Override
          public java.util.Optional<String> holder() {
            return java.util.Optional.of("run@b:2/bbbb since 2026-01-01T10:00:00Z");
          }
        };
    ReconcileLoop loop =
        new ReconcileLoop(
            new FakeSource(seed()),
            engine,
            new ReconcileLoop.Settings(
                INTERVAL,
                0,
                Duration.ofSeconds(1),
                false,
                PlanOptions.DEFAULT,
                Duration.ofMinutes(10)),
            clock,
            sleeper,
            new Random(1),
            events,
            leadership);
    runFor(loop, Duration.ofMinutes(2));
    assertEquals(List.of(), engine.writes, "a follower writes nothing");
    assertTrue(events.results.size() >= 4, "it observes every interval: " + events.results);
    assertEquals(1, events.drift.get(events.drift.size() - 1).get("ListenerRule"));
    assertFalse(loop.status().snapshot().leader());
    assertTrue(loop.status().snapshot().leaseHolder().startsWith("run@b:2/bbbb"));

    leading.set(true);
    loop.cycleSoon();
    assertTrue(loop.tick().isPresent(), "a new leader runs a cycle at the next tick");
    assertEquals(List.of(drifted), engine.writes);
    assertTrue(loop.status().snapshot().leader());
    assertNull(loop.status().snapshot().leaseHolder());
  }

  @Test
  void aKindWhoseDriftWasRepairedReadsZeroAgain() throws Exception {
    ScriptedEngine engine =
        new ScriptedEngine(clock, Key.of("NlbTargets", "ecs-fargate-nlb-group"));
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    runFor(loop, Duration.ofSeconds(31));
    assertEquals(1, events.drift.get(0).get("NlbTargets"));
    assertEquals(0, events.drift.get(events.drift.size() - 1).get("NlbTargets"));
  }

  @Test
  void aSuspendedResourceShowsAsSuspended(@TempDir Path dir) throws Exception {
    for (Path file : Files.list(SEED).toList()) {
      String text = Files.readString(file);
      if (file.getFileName().toString().equals("listener-rules.yaml"))
        text = text.replaceFirst("name: demo1\n", "name: demo1\n  suspend: true\n");
      Files.writeString(dir.resolve(file.getFileName()), text);
    }
    DesiredState desired = Registry.loader().load(List.of(dir));
    ReconcileLoop loop = loop(new FakeSource(desired), new ScriptedEngine(clock));
    loop.tick();
    Map<String, ResourceStatus.State> states = new HashMap<>();
    loop.status()
        .snapshot()
        .resources()
        .forEach(r -> states.put(r.kind() + "/" + r.name(), r.state()));
    assertEquals(ResourceStatus.State.Suspended, states.get("ListenerRule/demo1"));
    assertEquals(ResourceStatus.State.Synced, states.get("ListenerRule/demo2"));
    assertEquals(ResourceStatus.State.Synced, states.get("TargetGroup/ecs-fargate-nlb-group"));
  }

  @Test
  void aStopDuringApplyLetsTheActionInFlightFinishAndStartsNoOther() {
    Key first = Key.of("TargetGroup", "ecs-fargate-demo1-tg");
    Key second = Key.of("ListenerRule", "demo1");
    ScriptedEngine engine = new ScriptedEngine(clock, first, second);
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    engine.duringFirstWrite = loop::stop;
    loop.tick();
    assertEquals(
        List.of(first), engine.writes, "the call in flight finished, nothing after it started");
    assertEquals(List.of("stopped"), events.results);
    assertTrue(loop.stopping());
    loop.run(); // returns at once
  }

  @Test
  void aChangedDesiredStateIsReconciledAtOnceNotAtTheNextInterval() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    FakeSource source = new FakeSource(seed());
    ReconcileLoop loop = loop(source, engine);
    runFor(loop, Duration.ofSeconds(5));
    assertEquals(1, engine.plannedRevisions.size());
    source.change(seedWithRevision("rev-2"));
    runFor(loop, Duration.ofSeconds(2));
    assertEquals(List.of(seed().revision(), "rev-2"), engine.plannedRevisions);
    source.change(seedWithRevision("rev-2")); // touched, same content: no extra cycle
    runFor(loop, Duration.ofSeconds(2));
    assertEquals(2, engine.plannedRevisions.size());
  }

  private static InvalidDesiredStateException invalid(String file, int line, String why) {
    return new InvalidDesiredStateException(List.of(new Problem(new Mark(file, line, 1), why)));
  }

  @Test
  void aRevertToTheLastGoodContentMakesTheStateValidAgainAtTheNextTick() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    FakeSource source = new FakeSource(seed());
    ReconcileLoop loop = loop(source, engine);
    runFor(loop, Duration.ofSeconds(31));
    String good = seed().revision();
    source.change(invalid("rules.yaml", 4, "unknown key 'pririty'"));
    runFor(loop, Duration.ofMinutes(6));
    assertFalse(events.valid);
    assertTrue(
        events.results.subList(2, events.results.size()).stream()
            .allMatch(ReconcileLoop.INVALID::equals),
        events.results.toString());
    int cycles = engine.plannedRevisions.size();
    events.results.clear();

    source.change(seed()); // git revert: exactly the last good content again
    loop.tick();
    assertTrue(events.valid, "ecsgate_desired_state_valid is 1 again at the next tick");
    assertEquals(List.of(good, good), events.loaded, "reported as loaded again");
    assertNull(loop.status().snapshot().lastLoadError(), "/status has no load error any more");
    assertEquals(good, loop.status().snapshot().revision());
    assertEquals(cycles, engine.plannedRevisions.size(), "the state in force did not change");
    runFor(loop, Duration.ofMinutes(2));
    assertTrue(
        events.results.size() >= 3 && events.results.stream().allMatch("success"::equals),
        "every cycle after the revert succeeds: " + events.results);
    assertEquals(1, events.rejected.size());
  }

  @Test
  void everyLoadStateTransitionReportsWhatIsInForceAndWhetherTheNewestFilesLoad() throws Exception {
    ScriptedEngine engine = new ScriptedEngine(clock);
    FakeSource source = new FakeSource(null);
    source.change(invalid("a.yaml", 1, "bad"));
    ReconcileLoop loop = loop(source, engine);

    // nothing in force, the files do not load: nothing runs, not ready, invalid
    loop.tick();
    assertEquals(Boolean.FALSE, events.valid);
    assertFalse(loop.status().ready());
    assertNull(loop.status().snapshot().revision());
    assertEquals(List.of(ReconcileLoop.INVALID), events.results);
    assertTrue(engine.plannedRevisions.isEmpty());

    // nothing in force -> valid: reconciled at once
    source.change(seedWithRevision("A"));
    runFor(loop, Duration.ofSeconds(1));
    assertEquals(List.of("A"), engine.plannedRevisions);
    assertTrue(events.valid);
    assertTrue(loop.status().ready());
    assertEquals("success", events.results.get(events.results.size() - 1));

    // valid -> invalid: A stays in force, no extra cycle
    source.change(invalid("b.yaml", 2, "worse"));
    runFor(loop, Duration.ofSeconds(1));
    assertFalse(events.valid);
    assertEquals("A", loop.status().snapshot().revision());
    assertEquals(List.of("b.yaml:2:1: worse"), loop.status().snapshot().lastLoadError().problems());
    assertEquals(List.of("A"), engine.plannedRevisions);

    // invalid -> another invalid: reported again, A still in force
    source.change(invalid("c.yaml", 3, "still bad"));
    runFor(loop, Duration.ofSeconds(1));
    assertEquals(3, events.rejected.size());
    assertEquals(
        List.of("c.yaml:3:1: still bad"), loop.status().snapshot().lastLoadError().problems());
    runFor(loop, Duration.ofSeconds(30));
    assertEquals(ReconcileLoop.INVALID, events.results.get(events.results.size() - 1));
    assertEquals(List.of("A", "A"), engine.plannedRevisions, "cycles go on under A");

    // invalid -> A again (a revert): valid, no load error, no extra cycle, next cycle succeeds
    source.change(seedWithRevision("A"));
    loop.tick();
    assertTrue(events.valid);
    assertNull(loop.status().snapshot().lastLoadError());
    assertEquals(List.of("A", "A"), engine.plannedRevisions);
    runFor(loop, Duration.ofSeconds(31));
    assertEquals("success", events.results.get(events.results.size() - 1));

    // valid -> B: reconciled at once
    source.change(seedWithRevision("B"));
    loop.tick();
    assertEquals("B", engine.plannedRevisions.get(engine.plannedRevisions.size() - 1));
    assertEquals("B", loop.status().snapshot().revision());

    // invalid -> B (a new valid content after a bad one): reconciled at once
    source.change(invalid("d.yaml", 1, "bad"));
    loop.tick();
    source.change(seedWithRevision("C"));
    loop.tick();
    assertEquals("C", engine.plannedRevisions.get(engine.plannedRevisions.size() - 1));
    assertTrue(events.valid);
    assertNull(loop.status().snapshot().lastLoadError());
    assertEquals(List.of("A", "A", "B", "C"), events.loaded);
  }

  @Test
  void aCycleWhoseOnlyProblemIsABlockedChangeIsBlockedNotFailedAndCountsAsReconciled()
      throws Exception {
    Key rule = Key.of("ListenerRule", "demo1");
    ScriptedEngine engine =
        new ScriptedEngine(clock, Key.of("TargetGroup", "ecs-fargate-demo1-tg"));
    engine.blocked.add(rule);
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    runFor(loop, Duration.ofSeconds(61));
    assertEquals(List.of("blocked", "blocked", "blocked"), events.results);
    assertEquals(List.of(true, true, true), events.reconciled, "the last-success time moves");
    assertEquals(List.of(Key.of("TargetGroup", "ecs-fargate-demo1-tg")), engine.writes);
    Map<String, Integer> blocked = events.blocked.get(events.blocked.size() - 1);
    assertEquals(1, blocked.get("ListenerRule"));
    assertEquals(0, blocked.get("TargetGroup"));

    engine.failing.put(rule, false); // a failure as well as the block: failure
    engine.blocked.clear();
    engine.drifted.add(rule);
    engine.blocked.add(Key.of("Service", "x"));
    runFor(loop, Duration.ofSeconds(30));
    assertEquals("failure", events.results.get(events.results.size() - 1));
    assertEquals(false, events.reconciled.get(events.reconciled.size() - 1));
  }

  @Test
  void aFamilyWhoseReadsFailFailsTheCycleWhileTheOtherKindsAreRepairedAndIsCountedOncePerCycle() {
    Key rule = Key.of("ListenerRule", "demo1");
    Key api = Key.of("RestApi", "student-api");
    ScriptedEngine engine = new ScriptedEngine(clock, rule);
    RuntimeException denied =
        AwsServiceException.builder()
            .statusCode(403)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage("not authorized")
                    .build())
            .build();
    engine.observedState =
        ObservedState.of(
            "network",
            io.ecsgate.core.ObservationFailure.of(
                io.ecsgate.core.Family.of("apigateway", (c, o) -> d -> null, "RestApi", "VpcLink"),
                denied));
    engine.blocked.add(api); // what the planner makes of a kind not observed
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);

    ReconcileLoop.CycleReport report = loop.tick().orElseThrow();
    assertEquals("failure", report.result(), "not blocked: AWS could not be read");
    assertEquals(List.of(rule), engine.writes, "the independent drift is repaired in the cycle");
    assertEquals(List.of("apigateway [RestApi, VpcLink]"), events.observeFailures);
    assertEquals(List.of(false), events.reconciled);
    DaemonStatus status = loop.status().snapshot();
    assertTrue(
        status.lastCycle().error().startsWith("reading apigateway failed (access denied): "),
        status.lastCycle().error());
    assertTrue(status.lastCycle().observed(), "the other families were read");
    assertTrue(loop.status().ready(), "a partial read keeps the task ready");

    clock.add(INTERVAL);
    loop.tick();
    assertEquals(2, events.observeFailures.size(), "counted again in the next failed cycle");

    engine.observedState = ObservedState.of("network", "apigateway");
    engine.blocked.clear();
    clock.add(INTERVAL);
    assertEquals("success", loop.tick().orElseThrow().result());
    assertEquals(2, events.observeFailures.size());
  }

  @Test
  void aCycleThatCouldReadNoFamilyDidNotObserve() {
    ScriptedEngine engine = new ScriptedEngine(clock);
    engine.observedState =
        ObservedState.of(
            io.ecsgate.core.ObservationFailure.of(
                io.ecsgate.core.Family.of("ecs", (c, o) -> d -> null, "Service"),
                new IllegalStateException("no answer")));
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    ReconcileLoop.CycleReport report = loop.tick().orElseThrow();
    assertEquals("failure", report.result());
    assertFalse(report.observed());
    assertFalse(loop.status().ready(), "nothing of AWS was read: not ready");
  }

  @Test
  void suspendedResourcesAreCountedByKind(@TempDir Path dir) throws Exception {
    for (Path file : Files.list(SEED).toList()) {
      String text = Files.readString(file);
      if (file.getFileName().toString().equals("listener-rules.yaml"))
        text = text.replaceFirst("name: demo1\n", "name: demo1\n  suspend: true\n");
      Files.writeString(dir.resolve(file.getFileName()), text);
    }
    // an engine that (unlike the real planners) plans a change for the suspended rule
    ScriptedEngine engine =
        new ScriptedEngine(clock, Key.of("ListenerRule", "demo1"), Key.of("ListenerRule", "demo2"));
    engine.waits.add(
        new io.ecsgate.core.Wait(
            Key.of("ListenerRule", "demo1"), Key.of("TargetGroup", "x"), "waits"));
    ReconcileLoop loop = loop(new FakeSource(Registry.loader().load(List.of(dir))), engine);
    loop.tick();
    assertEquals(1, events.drift.get(0).get("ListenerRule"), "demo2 only: " + events.drift);
    Map<String, Integer> suspended = events.suspended.get(0);
    assertEquals(1, suspended.get("ListenerRule"));
    assertEquals(0, suspended.get("TargetGroup"));
  }

  @Test
  void aStopDuringTheReadsAbandonsThemAtOnceAndTheCycleIsStoppedNotFailed() throws Exception {
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch readEnded = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean interrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    ScriptedEngine scripted = new ScriptedEngine(clock, Key.of("ListenerRule", "demo1"));
    Engine slowReads =
        new Engine() {
          @Override
          public Plan plan(
              DesiredState desired,
              PlanOptions options,
              Pass pass,
              Consumer<ObservedState> observed) {
            reading.countDown();
            try {
              never.await(); // a read that would not end by itself
            } catch (InterruptedException e) {
              interrupted.set(true);
              throw new IllegalStateException("read interrupted", e);
            } finally {
              readEnded.countDown();
            }
            return scripted.plan(desired, options, pass, observed);
          }

          @Override
          public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
            return scripted.apply(plan, progress);
          }
        };
    ReconcileLoop loop = loop(new FakeSource(seed()), slowReads);
    Thread running = new Thread(loop::run, "loop");
    running.start();
    assertTrue(reading.await(10, java.util.concurrent.TimeUnit.SECONDS), "the read started");
    long stopAt = System.nanoTime();
    assertFalse(loop.stop(), "no write in flight");
    running.join(2000);
    long millis = (System.nanoTime() - stopAt) / 1_000_000;
    assertFalse(running.isAlive(), "the loop ended within 2 s of the stop");
    System.out.println("stop during reads: the loop ended " + millis + " ms after it");
    assertEquals(List.of("stopped"), events.results, "not counted as a failure");
    assertEquals(List.of(), scripted.writes);
    assertTrue(readEnded.await(2, java.util.concurrent.TimeUnit.SECONDS), "the read ended");
    assertTrue(interrupted.get(), "the abandoned read was interrupted");
  }

  @Test
  void aStopDuringAWriteSaysSoAndLetsItFinish() {
    Key first = Key.of("TargetGroup", "ecs-fargate-demo1-tg");
    ScriptedEngine engine = new ScriptedEngine(clock, first, Key.of("ListenerRule", "demo1"));
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean();
    engine.duringFirstWrite = () -> writing.set(loop.stop());
    loop.tick();
    assertTrue(writing.get(), "stop() reports the write in flight");
    assertEquals(List.of(first), engine.writes);
    assertEquals(List.of("stopped"), events.results);
  }

  @Test
  void aResourceThePlanWaitsOnShowsAsWaitingWithWhy() {
    ScriptedEngine engine = new ScriptedEngine(clock);
    engine.waits.add(
        new io.ecsgate.core.Wait(
            Key.of("ListenerRule", "demo2"),
            Key.of("TargetGroup", "ecs-fargate-demo2-tg"),
            "its target group is being replaced"));
    ReconcileLoop loop = loop(new FakeSource(seed()), engine);
    loop.tick();
    ResourceStatus status =
        loop.status().snapshot().resources().stream()
            .filter(r -> r.name().equals("demo2") && r.kind().equals("ListenerRule"))
            .findFirst()
            .orElseThrow();
    assertEquals(ResourceStatus.State.Waiting, status.state());
    assertTrue(
        status.lastError().contains("its target group is being replaced"), status.lastError());
    assertEquals(1, loop.status().recentCycles().size());
  }

  @Test
  void aLaterPassReachesTheEngineAsTheSecondPassPlanWithThePreviousSnapshot() {
    Key target = Key.of("TargetGroup", "ecs-fargate-demo1-tg");
    ScriptedEngine scripted = new ScriptedEngine(clock, target);
    // the rule waits for the group this apply changes: Convergence plans a second pass
    scripted.waits.add(
        new io.ecsgate.core.Wait(Key.of("ListenerRule", "demo1"), target, "waits for its group"));
    List<String> calls = new ArrayList<>();
    Engine engine =
        new Engine() {
          @Override
          public Plan plan(
              DesiredState desired,
              PlanOptions options,
              Pass pass,
              Consumer<ObservedState> observed) {
            calls.add("full pass " + pass.number());
            Plan plan = scripted.plan(desired, options, pass, snapshot -> {});
            observed.accept(new ObservedState(List.of())); // a snapshot, for the next pass
            return plan;
          }

          @Override
          public Plan plan(
              DesiredState desired,
              PlanOptions options,
              Pass pass,
              ObservedState previous,
              Set<String> stale,
              Consumer<ObservedState> observed) {
            calls.add("second-pass plan " + pass.number());
            return scripted.plan(desired, options, pass, observed);
          }

          @Override
          public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
            return scripted.apply(plan, progress);
          }
        };
    loop(new FakeSource(seed()), engine).tick();
    assertEquals("full pass 1", calls.get(0));
    assertTrue(calls.size() >= 2, calls.toString());
    assertEquals("second-pass plan 2", calls.get(1), calls.toString());
  }
}
