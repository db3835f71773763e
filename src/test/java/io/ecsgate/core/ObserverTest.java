package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObserverTest {
  private static final DesiredState DESIRED = new DesiredState("1", List.of());

  /** A family whose snapshot is a new string per read, e.g. "elb#2"; records each read. */
  private static Family family(String name, List<String> reads) {
    return (clients, ownership) -> desired -> recordRead(name, reads);
  }

  private static synchronized String recordRead(String name, List<String> reads) {
    reads.add(name);
    return name + "#" + reads.stream().filter(name::equals).count();
  }

  private final List<String> reads = new ArrayList<>();
  private final Observer observer =
      new Observer(
          List.of(
              Family.of("network", family("network", reads)),
              Family.of("elb", family("elb", reads), "LoadBalancer", "Listener"),
              Family.of("ecs", family("ecs", reads), "Service"),
              family("undeclared", reads)),
          null,
          new Ownership("ecsgate"));

  /** A family that records whether each read was allowed to take tags from before. */
  private static Family tagReading(String name, List<String> reads) {
    return (clients, ownership) ->
        new Family.Observation() {
          @Override
          public Object observe(DesiredState desired) {
            return observe(desired, Family.Reading.FRESH);
          }

          @Override
          public Object observe(DesiredState desired, Family.Reading reading) {
            return recordRead(name + (reading.freshTags() ? ":fresh" : ":known"), reads);
          }
        };
  }

  @Test
  void betweenAuditsOnlyTheFamiliesEcsgateWroteAndThoseDeclaringNoKindsReadEveryTag() {
    Observer tagged =
        new Observer(
            List.of(
                Family.of("elb", tagReading("elb", reads), "LoadBalancer", "Listener"),
                Family.of("ecs", tagReading("ecs", reads), "Service"),
                tagReading("undeclared", reads)),
            null,
            new Ownership("ecsgate"));
    assertEquals(List.of(true, true, true), tagged.freshTags(true, Set.of()));
    assertEquals(List.of(false, false, true), tagged.freshTags(false, Set.of()));
    assertEquals(List.of(true, false, true), tagged.freshTags(false, Set.of("Listener")));
    ObservedState first =
        tagged.observe(DESIRED, Inventory.UNCHECKED, tagged.freshTags(false, Set.of("Listener")));
    assertEquals(List.of("elb:fresh#1", "ecs:known#1", "undeclared:fresh#1"), first.snapshots());
    reads.clear();
    ObservedState again =
        tagged.observeAgain(DESIRED, first, List.of(false, true, false), Inventory.UNCHECKED);
    assertEquals(List.of("ecs:fresh"), reads, "only ECS is read again, every tag of it");
    assertSame(first.snapshots().get(0), again.snapshots().get(0));
  }

  @Test
  void theFirstObservationReadsEveryFamily() {
    ObservedState observed = observer.observe(DESIRED);
    assertEquals(List.of("network#1", "elb#1", "ecs#1", "undeclared#1"), observed.snapshots());
  }

  @Test
  void aLaterPassReadsAgainOnlyTheFamiliesOfStaleKindsAndThoseThatDeclareNone() {
    ObservedState first = observer.observe(DESIRED);
    reads.clear();
    ObservedState second = observer.observe(DESIRED, first, Set.of("Listener"));
    assertEquals(List.of("network#1", "elb#1", "ecs#1", "undeclared#1"), first.snapshots());
    assertEquals(List.of("network#1", "elb#1", "ecs#1", "undeclared#1"), second.snapshots());
    assertEquals(Set.of("elb", "undeclared"), Set.copyOf(reads));
    assertSame(first.snapshots().get(0), second.snapshots().get(0), "the network is reused");
    assertSame(first.snapshots().get(2), second.snapshots().get(2), "ECS is reused");
  }

  @Test
  void aStaleKindThatNoFamilyDeclaresReadsEveryFamilyAgain() {
    ObservedState first = observer.observe(DESIRED);
    reads.clear();
    observer.observe(DESIRED, first, Set.of("Service", "SomethingNew"));
    assertEquals(Set.of("network", "elb", "ecs", "undeclared"), Set.copyOf(reads));
  }

  @Test
  void withoutAnObservationBeforeEveryFamilyIsRead() {
    observer.observe(DESIRED, null, Set.of("Service"));
    assertEquals(Set.of("network", "elb", "ecs", "undeclared"), Set.copyOf(reads));
  }

  @Test
  void whenNoFamilyIsStaleOnlyTheUndeclaredOneIsRead() {
    ObservedState first = observer.observe(DESIRED);
    ObservedState second = observer.observe(DESIRED, first, Set.of());
    assertEquals(List.of("undeclared"), reads.subList(4, reads.size()));
    assertEquals(List.of("network#1", "elb#1", "ecs#1", "undeclared#2"), second.snapshots());
  }

  @Test
  void aFamilyWhoseReadsFailIsAValueInItsPlaceAndTheOthersAreRead() {
    RuntimeException throttled =
        software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                    .errorCode("Throttling")
                    .errorMessage("Rate exceeded")
                    .build())
            .build();
    Family failing =
        (clients, ownership) ->
            desired -> {
              throw throttled;
            };
    Observer observer =
        new Observer(
            List.of(
                Family.of("network", family("network", reads)),
                Family.of("elb", failing, "LoadBalancer", "Listener"),
                Family.of("ecs", family("ecs", reads), "Service")),
            null,
            new Ownership("ecsgate"));

    ObservedState observed = observer.observe(DESIRED);

    assertEquals(Set.of("network", "ecs"), Set.copyOf(reads), "the other families were read");
    assertEquals("network#1", observed.snapshots().get(0));
    assertEquals("ecs#1", observed.snapshots().get(2));
    ObservationFailure failure = observed.failures().get(0);
    assertEquals(1, observed.failures().size());
    assertEquals("elb", failure.family());
    assertEquals(Set.of("LoadBalancer", "Listener"), failure.kinds());
    assertEquals(io.ecsgate.aws.AwsErrors.Category.THROTTLED, failure.category());
    assertSame(throttled, failure.cause());
    assertEquals(
        "reading elb failed (throttled): Throttling: Rate exceeded (hint: AWS throttled every"
            + " attempt; another tool may share the account's quota: lower ecsgate's rate with"
            + " --aws-api-throttle)",
        failure.summary());
    assertEquals(0, observed.ownedCount(new Ownership("ecsgate")), "a failure owns nothing");
    org.junit.jupiter.api.Assertions.assertTrue(observed.readAny());

    reads.clear();
    ObservedState second = observer.observe(DESIRED, observed, Set.of("Service"));
    assertSame(failure, second.failures().get(0), "not stale: the failure stands for the cycle");
    assertEquals(Set.of("ecs"), Set.copyOf(reads));
  }

  @Test
  void whenEveryFamilyFailsNothingWasRead() {
    Family failing =
        (clients, ownership) ->
            desired -> {
              throw new IllegalStateException("x");
            };
    Observer observer =
        new Observer(List.of(Family.of("ecs", failing, "Service")), null, new Ownership("e"));
    ObservedState observed = observer.observe(DESIRED);
    org.junit.jupiter.api.Assertions.assertFalse(observed.readAny());
    assertEquals(
        io.ecsgate.aws.AwsErrors.Category.CLIENT_ERROR, observed.failures().get(0).category());
  }
}
