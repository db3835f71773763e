package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.state.Lease;
import io.ecsgate.state.StateTable;
import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import io.ecsgate.testing.HandEdits;
import io.ecsgate.testing.Inventory;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer at a time, with real processes: two {@code apply}s started together, two {@code run}
 * replicas electing a leader, a leader killed, and a leader paused past its lease.
 */
@ExtendWith(Emulator.class)
class LockIT {
  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final String CLUSTER = "ecs-fargate-cluster";
  private static final String DEMO1 = "ecs-fargate-demo1-service";

  @TempDir Path dir;

  @Test
  void twoAppliesStartedTogetherMakeOneOfEachResourceAndTheSecondNamesTheHolder(Emulator aws)
      throws Exception {
    DesiredState desired = Registry.loader().load(List.of(Emulator.seed()));
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
    Map<String, Integer> expected = Inventory.owned(aws.clients());
    aws.resetAccount();

    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1)) {
      AtomicReference<List<Process>> both = new AtomicReference<>(List.of());
      // the answer to the first write to the stack waits until the other apply has ended: both
      // certainly ran at the same time, whichever took the lock
      proxy.crashAfterWrite(1, () -> awaitAnyExit(both.get()));
      Process first = apply(proxy.endpoint(), "first");
      Process second = apply(proxy.endpoint(), "second");
      both.set(List.of(first, second));
      assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS));

      List<Integer> exits = List.of(first.exitValue(), second.exitValue());
      String out = log("first") + "\n----\n" + log("second");
      assertTrue(exits.contains(0) && exits.contains(1), exits + "\n" + out);
      String refused = log(first.exitValue() == 1 ? "first" : "second");
      assertTrue(refused.contains("is locked by apply@"), refused);
      assertTrue(refused.matches("(?s).*since \\d{4}-\\d\\d-\\d\\dT.*"), refused);
      assertTrue(refused.contains("nothing was changed"), refused);
      assertEquals(expected, Inventory.owned(aws.clients()), "exactly one of each resource");
      assertEquals(
          Optional.empty(),
          new Lease(
                  new StateTable(
                      aws.clients().dynamoDb(), StateTable.DEFAULT_NAME, new Ownership("ecsgate")),
                  "test",
                  LEASE,
                  Clock.systemUTC())
              .holder(),
          "the lease was given up at the end");

      proxy.crashAfterWrite(Integer.MAX_VALUE, () -> {}); // count writes from here on
      Process again = apply(proxy.endpoint(), "again");
      assertTrue(again.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, again.exitValue(), log("again"));
      assertTrue(log("again").contains("No changes"), log("again"));
      assertEquals(0, proxy.writesSeen(), "the following apply is a no-op");
    }
  }

  @Test
  void twoReplicasHaveOneWriterAndTheFollowerTakesOverWithinTheLeasePlusOneInterval(Emulator aws)
      throws Exception {
    Path desired = seedWithoutTheScaler();
    URI endpoint = URI.create(aws.endpoint());
    try (Daemon leader = start(endpoint, desired)) {
      leader.await(
          Duration.ofSeconds(60),
          "the first replica leads and converged",
          () -> leader.leader() && leader.converged());
      try (Daemon follower = start(endpoint, desired)) {
        double cycles = follower.metric("ecsgate_reconcile_total");
        follower.await(
            Duration.ofSeconds(90),
            "two cycles of the second replica",
            () -> follower.metric("ecsgate_reconcile_total") >= cycles + 2);
        assertFalse(follower.leader(), follower.status().toString());
        assertTrue(
            follower.status().path("leaseHolder").asText().startsWith("run@"),
            follower.status().toString());
        assertEquals(0, follower.metric("ecsgate_leader"));
        assertEquals(1, leader.metric("ecsgate_leader"));

        // drift: the leader repairs it, the follower only sees it
        aws.clients().ecs().updateService(r -> r.cluster(CLUSTER).service(DEMO1).desiredCount(7));
        leader.await(
            Duration.ofSeconds(15), "the leader repaired it", () -> desiredCount(aws) == 2);
        double followerCycles = follower.metric("ecsgate_reconcile_total");
        follower.await(
            Duration.ofSeconds(60),
            "two more follower cycles",
            () -> follower.metric("ecsgate_reconcile_total") >= followerCycles + 2);
        assertTrue(leader.stackWrites() > 0, "the leader writes");
        assertEquals(0, follower.stackWrites(), "exactly one replica writes:\n" + follower.tail());

        // the leader dies without giving the lease up
        leader.process().destroyForcibly();
        assertTrue(leader.process().waitFor(10, TimeUnit.SECONDS));
        Duration failover =
            follower.await(Duration.ofSeconds(20), "the follower leads", follower::leader);
        System.out.println(
            "[lock] leader killed to follower leading: "
                + failover.toMillis()
                + " ms (lease "
                + LEASE.toMillis()
                + " ms, interval "
                + INTERVAL.toMillis()
                + " ms)");
        assertTrue(
            failover.compareTo(LEASE.plus(INTERVAL).plusSeconds(2)) < 0,
            "failover within the lease plus one interval (and 2 s for a loaded machine and polling): "
                + failover);
        aws.clients().ecs().updateService(r -> r.cluster(CLUSTER).service(DEMO1).desiredCount(5));
        follower.await(
            Duration.ofSeconds(30), "the new leader repaired it", () -> desiredCount(aws) == 2);
        // the repair is visible in AWS a moment before the daemon's call metrics count it
        follower.await(
            Duration.ofSeconds(10),
            "the new leader's write counted",
            () -> follower.stackWrites() > 0);
        assertEquals(1, follower.metric("ecsgate_leader"));
        assertEquals(0, follower.terminate(Duration.ofSeconds(10)));
      }
    }
  }

  @Test
  void aLeaderPausedPastItsLeaseMakesNoWriteAfterWaking(Emulator aws) throws Exception {
    Path desired = seedWithoutTheScaler();
    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1);
        Daemon paused = start(proxy.endpoint(), desired)) {
      paused.await(
          Duration.ofSeconds(60),
          "the first replica leads and converged",
          () -> paused.leader() && paused.converged());
      try (Daemon other = start(URI.create(aws.endpoint()), desired)) {
        double cycles = other.metric("ecsgate_reconcile_total");
        other.await(
            Duration.ofSeconds(90),
            "the second replica observes",
            () -> other.metric("ecsgate_reconcile_total") >= cycles + 1);
        assertFalse(other.leader());

        // two drifts, so that the leader's next cycle has two writes; SIGSTOP it right after the
        // first reached AWS, in the middle of its apply
        proxy.crashAfterWrite(1, () -> pause(paused));
        HandEdits.editFirstRulePath(aws.clients().elb());
        aws.clients().ecs().updateService(r -> r.cluster(CLUSTER).service(DEMO1).desiredCount(7));
        other.await(
            Duration.ofSeconds(30),
            "the other replica leads (the paused one's lease expired) and repaired the rest",
            () -> proxy.writesSeen() == 1 && other.leader() && desiredCount(aws) == 2);

        paused.resume();
        paused.await(
            Duration.ofSeconds(20),
            "the woken replica knows it is a follower",
            () -> !paused.leader() && paused.metric("ecsgate_leader") == 0);
        double woken = paused.metric("ecsgate_reconcile_total");
        paused.await(
            Duration.ofSeconds(20),
            "two cycles after waking",
            () -> paused.metric("ecsgate_reconcile_total") >= woken + 2);
        assertEquals(
            1,
            proxy.writesSeen(),
            "no write after waking (the rest of its apply was fenced)\n" + paused.tail());
        assertTrue(
            paused.log().contains("no longer holds the lease"),
            "the fenced step says why\n" + paused.tail());
        assertTrue(other.stackWrites() > 0);
      }
    }
  }

  private Daemon start(URI endpoint, Path desired) throws IOException {
    return Daemon.start(
        endpoint,
        desired.toString(),
        "--interval=" + INTERVAL.toSeconds() + "s",
        "--lease-duration=" + LEASE.toSeconds() + "s");
  }

  private static void pause(Daemon daemon) {
    try {
      daemon.pause();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int desiredCount(Emulator aws) {
    return aws.clients()
        .ecs()
        .describeServices(r -> r.cluster(CLUSTER).services(DEMO1))
        .services()
        .get(0)
        .desiredCount();
  }

  /** The seed stack with demo1's desiredCount ecsgate's (no auto scaler). */
  private Path seedWithoutTheScaler() throws IOException {
    Path desired = dir.resolve("desired");
    Files.createDirectories(desired);
    try (Stream<Path> files = Files.list(Emulator.seed())) {
      for (Path file : files.toList()) Files.copy(file, desired.resolve(file.getFileName()));
    }
    Path services = desired.resolve("services.yaml");
    Files.writeString(
        services,
        Files.readString(services)
            .replaceFirst(
                java.util.regex.Pattern.quote(
                    "  autoScaling:\n    minTasks: 2\n    maxTasks: 4\n    cpuTarget: 70\n"),
                ""));
    return desired;
  }

  /** Waits (bounded, polling) until one of {@code processes} has exited. */
  private static void awaitAnyExit(List<Process> processes) {
    for (int poll = 0; poll < 600; poll++) {
      for (Process process : processes) {
        try {
          if (process.waitFor(50, TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (processes.isEmpty()) return;
    }
  }

  private Process apply(URI endpoint, String name) throws IOException {
    Path jar = Path.of("target", "ecsgate.jar").toAbsolutePath();
    assertTrue(
        Files.exists(jar), "the runnable jar is built by mvn package before the integration tests");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-jar",
                jar.toString(),
                "apply",
                Emulator.seed().toString(),
                "--endpoint-url=" + endpoint,
                "--region=" + Emulator.REGION)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve(name + ".log").toFile()));
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    return builder.start();
  }

  private String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"));
  }
}
