package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

class TagAuditTest {

  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final TagAudit audit = new TagAudit(Duration.ofMinutes(10), clock);

  @Test
  void theFirstObservationIsAnAudit() {
    assertTrue(audit.due());
    assertEquals(Optional.empty(), audit.lastAudit());
  }

  @Test
  void noAuditIsDueUntilTheIntervalHasPassedSinceTheLastAuditBegan() {
    Instant started = clock.instant();
    clock.add(Duration.ofSeconds(5)); // the audit's reads took 5 s
    audit.audited(started);
    assertFalse(audit.due());
    clock.setInstant(started.plus(Duration.ofMinutes(10)).minusMillis(1));
    assertFalse(audit.due(), "one millisecond before the interval");
    clock.setInstant(started.plus(Duration.ofMinutes(10)));
    assertTrue(audit.due(), "the interval counts from the audit's start, not its end");
    assertEquals(Optional.of(started), audit.lastAudit());
  }

  @Test
  void anAuditThatStartedEarlierThanTheLastRecordedOneDoesNotMoveTheScheduleBack() {
    Instant first = clock.instant();
    audit.audited(first.plusSeconds(60));
    audit.audited(first);
    assertEquals(Optional.of(first.plusSeconds(60)), audit.lastAudit());
  }

  @Test
  void aZeroIntervalAuditsEveryObservation() {
    TagAudit everyCycle = new TagAudit(Duration.ZERO, clock);
    everyCycle.audited(clock.instant());
    assertTrue(everyCycle.due());
    TagAudit.EVERY_CYCLE.audited(Instant.now());
    assertTrue(TagAudit.EVERY_CYCLE.due());
  }

  @Test
  void aNegativeIntervalIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TagAudit(Duration.ofSeconds(-1), clock));
  }
}
