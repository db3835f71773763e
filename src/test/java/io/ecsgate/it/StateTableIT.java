package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Fence;
import io.ecsgate.core.Ownership;
import io.ecsgate.state.LeaderElection;
import io.ecsgate.state.Lease;
import io.ecsgate.state.StateTable;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.threeten.extra.MutableClock;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The state table and the lease against the emulator's DynamoDB, with a clock the test moves: at
 * most one holder, takeover only after expiry, a holder that was away past its lease writes
 * nothing.
 */
@ExtendWith(Emulator.class)
class StateTableIT {
  private static final Duration LEASE = Duration.ofSeconds(10);

  private static StateTable table(Emulator aws) {
    return new StateTable(aws.clients().dynamoDb(), "ecsgate-state", new Ownership("ecsgate"));
  }

  @Test
  void theTableIsCreatedOnceOnDemandAndTaggedAsEcsgates(Emulator aws) {
    StateTable table = table(aws);
    assertFalse(table.exists());
    assertTrue(table.ensure(), "created on first use");
    assertFalse(table.ensure(), "found the second time");
    TableDescription described =
        aws.clients().dynamoDb().describeTable(r -> r.tableName("ecsgate-state")).table();
    assertEquals(
        BillingMode.PAY_PER_REQUEST, described.billingModeSummary().billingMode(), "on demand");
    Map<String, String> tags =
        aws
            .clients()
            .dynamoDb()
            .listTagsOfResource(r -> r.resourceArn(described.tableArn()))
            .tags()
            .stream()
            .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    assertEquals("ecsgate", tags.get(Ownership.MANAGED_BY));
  }

  @Test
  void aTableOfAnotherKeySchemaIsRefusedByName(Emulator aws) {
    aws.clients()
        .dynamoDb()
        .createTable(
            r ->
                r.tableName("ecsgate-state")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                    .keySchema(k -> k.attributeName("id").keyType("HASH")));
    RuntimeException refused = assertThrows(RuntimeException.class, table(aws)::ensure);
    assertTrue(
        refused.getMessage().contains("is not an ecsgate state table"), refused.getMessage());
  }

  @Test
  void oneHolderAtATimeAndTakeoverOnlyAfterExpiry(Emulator aws) {
    StateTable table = table(aws);
    table.ensure();
    MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    Lease first = new Lease(table, "apply@host-a:1/aaaa", LEASE, clock);
    Lease second = new Lease(table, "apply@host-b:2/bbbb", LEASE, clock);

    assertEquals(Optional.empty(), first.tryAcquire());
    long firstToken = first.token();
    Optional<Lease.Holder> holder = second.tryAcquire();
    assertTrue(holder.isPresent(), "the second is refused");
    assertEquals("apply@host-a:1/aaaa", holder.get().owner());
    assertEquals(Instant.parse("2026-01-01T10:00:00Z"), holder.get().since());
    assertTrue(holder.get().describe().contains("since 2026-01-01T10:00:00Z"));
    assertFalse(second.held());
    first.check(); // holds

    clock.add(Duration.ofSeconds(9)); // past 4/5 of the lease: the holder stops writing
    assertFalse(first.held(), "a holder stops a fifth of the lease before it expires");
    assertThrows(Fence.LeaseLost.class, first::check);
    assertTrue(second.tryAcquire().isPresent(), "not expired yet: still refused");

    clock.add(Duration.ofSeconds(2)); // expired
    assertEquals(Optional.empty(), second.tryAcquire(), "taken over after expiry");
    assertTrue(second.token() > firstToken, "the fencing token grows");
    assertFalse(first.renew(), "the old holder's renewal is refused");
    assertThrows(Fence.LeaseLost.class, first::check);

    second.release();
    assertEquals(Optional.empty(), second.holder(), "released: nobody holds it");
    assertEquals(Optional.empty(), first.tryAcquire(), "free at once after a release");
  }

  @Test
  void ofManyProcessesCreatingTheTableAndTakingTheLeaseAtOnceExactlyOneHoldsIt(Emulator aws)
      throws Exception {
    int racers = 12;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(racers);
    try {
      java.util.List<java.util.concurrent.Future<Lease>> winners = new java.util.ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String owner = "apply@racer:" + i + "/0000";
        winners.add(
            pool.submit(
                () -> {
                  StateTable table = table(aws);
                  Lease lease = new Lease(table, owner, LEASE, Clock.systemUTC());
                  start.await();
                  table.ensure();
                  return lease.tryAcquire().isEmpty() ? lease : null;
                }));
      }
      java.util.List<String> held = new java.util.ArrayList<>();
      for (var winner : winners) {
        Lease lease = winner.get(60, java.util.concurrent.TimeUnit.SECONDS);
        if (lease != null) held.add(lease.owner());
      }
      assertEquals(1, held.size(), "exactly one racer took the lease: " + held);
      assertEquals(
          held.get(0),
          new Lease(table(aws), "test", LEASE, Clock.systemUTC()).holder().orElseThrow().owner(),
          "the table the winner wrote to is the one that stayed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRenewedLeaseIsNotTakenOver(Emulator aws) {
    StateTable table = table(aws);
    table.ensure();
    MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    Lease leader = new Lease(table, "run@a:1/aaaa", LEASE, clock);
    Lease follower = new Lease(table, "run@b:2/bbbb", LEASE, clock);
    assertEquals(Optional.empty(), leader.tryAcquire());
    for (int i = 0; i < 5; i++) {
      clock.add(Duration.ofSeconds(4));
      assertTrue(leader.renew());
      assertTrue(follower.tryAcquire().isPresent(), "renewed: still the leader's");
      assertTrue(leader.held());
    }
  }

  @Test
  void theElectionHasOneLeaderAndFencesOneThatWasAwayPastItsLease(Emulator aws) {
    StateTable table = table(aws);
    table.ensure();
    MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    LeaderElection a =
        new LeaderElection(
            new Lease(table, "run@a:1/aaaa", LEASE, clock),
            Duration.ofSeconds(1),
            LeaderElection.Listener.NONE);
    LeaderElection b =
        new LeaderElection(
            new Lease(table, "run@b:2/bbbb", LEASE, clock),
            Duration.ofSeconds(1),
            LeaderElection.Listener.NONE);
    assertTrue(a.round());
    assertFalse(b.round());
    assertTrue(a.leader());
    assertFalse(b.leader());
    assertTrue(b.holder().orElseThrow().contains("run@a:1/aaaa"), "a follower names the leader");
    a.check(); // the leader may write in the cycle it started

    // a is paused (no renewal) past its lease; b takes over
    clock.add(LEASE.plusSeconds(1));
    assertTrue(b.round());
    assertThrows(Fence.LeaseLost.class, a::check, "a paused leader writes nothing when it wakes");
    assertFalse(a.round(), "its renewal is refused: it is a follower now");
    assertFalse(a.leader());
    assertTrue(b.leader());
    b.check();
  }

  @Test
  void planShowsTheTablesCreationAndApplyCreatesItThenANoOpApplyNeedsNoLock(Emulator aws) {
    Cli.Result plan = Cli.against(aws, "plan", Emulator.seed().toString());
    assertTrue(plan.out().contains("+ StateTable ecsgate-state (create)"), plan.out());
    assertFalse(table(aws).exists(), "plan creates nothing");

    Cli.Result apply = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("Created the state table ecsgate-state."), apply.out());
    assertTrue(table(aws).exists());
    Cli.Result again = Cli.against(aws, "plan", Emulator.seed().toString());
    assertFalse(again.out().contains("StateTable"), again.out());

    // a no-op apply takes no lock: it runs even while another process holds the lease
    Lease other = new Lease(table(aws), "run@elsewhere:7/cccc", LEASE, Clock.systemUTC());
    assertEquals(Optional.empty(), other.tryAcquire());
    Cli.Result noOp = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, noOp.exitCode(), noOp.out() + noOp.err());
    assertTrue(noOp.out().contains("No changes"), noOp.out());
  }

  @Test
  void anApplyWithChangesWhileAnotherHoldsTheLeaseChangesNothingAndNamesTheHolder(Emulator aws) {
    StateTable table = table(aws);
    table.ensure();
    Lease other = new Lease(table, "run@elsewhere:7/cccc", LEASE, Clock.systemUTC());
    assertEquals(Optional.empty(), other.tryAcquire());
    aws.calls().reset();

    Cli.Result apply = Cli.against(aws, "apply", Emulator.seed().toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(
        apply.err().contains("the stack 'ecsgate' is locked by run@elsewhere:7/cccc since "),
        apply.err());
    assertTrue(apply.err().contains("nothing was changed"), apply.err());
    assertEquals(Map.of(), Inventory.owned(aws.clients()), "no resource was created");
  }
}
