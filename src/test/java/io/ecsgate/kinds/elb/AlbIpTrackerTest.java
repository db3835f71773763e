package io.ecsgate.kinds.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlbIpTrackerTest {

  @Test
  void aNewAlbIpIsRegisteredAtOnce() {
    AlbIpTracker.Decision decision =
        AlbIpTracker.decide(
            Set.of("10.0.1.5", "10.0.2.6"), Set.of("10.0.1.5"), Map.of("10.0.1.5", 0), true);

    assertEquals(Set.of("10.0.2.6"), decision.register());
    assertEquals(Set.of(), decision.deregister());
    assertEquals(Map.of("10.0.1.5", 0, "10.0.2.6", 0), decision.known());
  }

  @Test
  void aLaterPassOfTheSameApplyCountsNoAbsence() {
    Map<String, Integer> known = Map.of("10.0.1.5", 0, "10.0.2.6", 1);

    AlbIpTracker.Decision followUp =
        AlbIpTracker.decide(
            Set.of("10.0.1.5", "10.0.3.7"), Set.of("10.0.1.5", "10.0.2.6"), known, false);

    assertEquals(Set.of("10.0.3.7"), followUp.register());
    assertEquals(Set.of(), followUp.deregister());
    assertEquals(1, followUp.known().get("10.0.2.6"));
  }

  @Test
  void aVanishedAlbIpIsDeregisteredOnlyOnItsThirdAbsence() {
    Map<String, Integer> known = Map.of("10.0.1.5", 0, "10.0.2.6", 0);
    Set<String> registered = Set.of("10.0.1.5", "10.0.2.6");
    Set<String> albNow = Set.of("10.0.1.5");

    AlbIpTracker.Decision first = AlbIpTracker.decide(albNow, registered, known, true);
    AlbIpTracker.Decision second = AlbIpTracker.decide(albNow, registered, first.known(), true);
    AlbIpTracker.Decision third = AlbIpTracker.decide(albNow, registered, second.known(), true);

    assertEquals(Set.of(), first.deregister());
    assertEquals(1, first.known().get("10.0.2.6"));
    assertEquals(Set.of(), second.deregister());
    assertEquals(2, second.known().get("10.0.2.6"));
    assertEquals(Set.of("10.0.2.6"), third.deregister());
    assertEquals(Map.of("10.0.1.5", 0), third.known());
  }

  @Test
  void oneMissedLookupDoesNotCutTraffic() {
    AlbIpTracker.Decision decision =
        AlbIpTracker.decide(Set.of(), Set.of("10.0.1.5"), Map.of("10.0.1.5", 0), true);

    assertEquals(Set.of(), decision.deregister());
    assertEquals(Map.of("10.0.1.5", 1), decision.known());
  }

  @Test
  void anIpThatReturnsStartsCountingAgain() {
    AlbIpTracker.Decision decision =
        AlbIpTracker.decide(Set.of("10.0.1.5"), Set.of("10.0.1.5"), Map.of("10.0.1.5", 2), true);

    assertEquals(Map.of("10.0.1.5", 0), decision.known());
    assertEquals(Set.of(), decision.deregister());
  }

  @Test
  void anIpThatWasNeverTheAlbsIsDeregisteredAtOnce() {
    AlbIpTracker.Decision decision =
        AlbIpTracker.decide(
            Set.of("10.0.1.5"), Set.of("10.0.1.5", "10.9.9.9"), Map.of("10.0.1.5", 0), true);

    assertEquals(Set.of("10.9.9.9"), decision.deregister());
    assertEquals(Set.of(), decision.register());
  }

  @Test
  void stateRoundTripsThroughTheTablesText() {
    Map<String, Integer> known = new TreeMap<>();
    for (int i = 0; i < 40; i++) known.put("10.0." + i + "." + (100 + i), i % 3);
    known.put("fd00::1", 1);

    String text = AlbIpTracker.text(known);

    assertEquals(known, AlbIpTracker.parse(text).known());
    assertEquals(java.util.List.of(), AlbIpTracker.parse(text).dropped());
    assertTrue(text.contains("10.0.1.101=1"), text);
  }

  @Test
  void nothingKnownIsAnEmptyText() {
    assertEquals("", AlbIpTracker.text(Map.of()));
    assertEquals(Map.of(), AlbIpTracker.parse("").known());
    assertEquals(Map.of(), AlbIpTracker.readTags(Map.of()).known());
  }

  @Test
  void stateThatEcsgateNeverWritesIsDroppedOnReadSoARogueTargetIsDeregistered() {
    AlbIpTracker.State state =
        AlbIpTracker.parse(
            "10.0.1.5 10.0.1.77=-2147483000 10.0.1.78=3 10.0.1.79=x not-an-ip 10.0.2.9=2"
                + " 10.0.2.9=1 300.1.1.1 10.0.1.80=01");
    assertEquals(Map.of("10.0.1.5", 0, "10.0.2.9", 2), state.known());
    assertEquals(
        java.util.List.of(
            "10.0.1.77=-2147483000",
            "10.0.1.78=3",
            "10.0.1.79=x",
            "not-an-ip",
            "10.0.2.9=1",
            "300.1.1.1",
            "10.0.1.80=01"),
        state.dropped(),
        "each dropped entry is reported; a repeated IP keeps its first count");
    AlbIpTracker.Decision decision =
        AlbIpTracker.decide(
            Set.of("10.0.1.5"), Set.of("10.0.1.5", "10.0.1.77"), state.known(), true);
    assertEquals(Set.of("10.0.1.77"), decision.deregister(), "the rogue target goes");
  }

  @Test
  void theTagsOfAnOlderEcsgateAreReadWithTheSameValidation() {
    AlbIpTracker.State state =
        AlbIpTracker.readTags(
            Map.of(
                AlbIpTracker.STATE_TAG,
                "10.0.1.5 10.0.1.77=-2147483000",
                AlbIpTracker.STATE_TAG + ".1",
                "10.0.2.9=2"));
    assertEquals(Map.of("10.0.1.5", 0, "10.0.2.9", 2), state.known());
    assertEquals(java.util.List.of("10.0.1.77=-2147483000"), state.dropped());
    assertEquals(
        java.util.List.of(AlbIpTracker.STATE_TAG, AlbIpTracker.STATE_TAG + ".1"),
        AlbIpTracker.stateTagKeys(
            Map.of(AlbIpTracker.STATE_TAG, "x", AlbIpTracker.STATE_TAG + ".1", "y", "other", "z")));
  }
}
