package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagAuditTest {
  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final HandClock clock = new HandClock();
  private final TagAudit audit = new TagAudit(Duration.ofMinutes(10), clock);

  @Test
  void theFirstObservationIsAnAudit() {
    assertTrue(audit.due());
    assertEquals(Optional.empty(), audit.lastAudit());
  }

  @Test
  void noAuditIsDueUntilTheIntervalHasPassedSinceTheLastAuditBegan() {
    Instant started = clock.now;
    clock.now = clock.now.plusSeconds(5); // the audit's reads took 5 s
    audit.audited(started);
    assertFalse(audit.due());
    clock.now = started.plus(Duration.ofMinutes(10)).minusMillis(1);
    assertFalse(audit.due(), "one millisecond before the interval");
    clock.now = started.plus(Duration.ofMinutes(10));
    assertTrue(audit.due(), "the interval counts from the audit's start, not its end");
    assertEquals(Optional.of(started), audit.lastAudit());
  }

  @Test
  void anAuditThatStartedEarlierThanTheLastRecordedOneDoesNotMoveTheScheduleBack() {
    Instant first = clock.now;
    audit.audited(first.plusSeconds(60));
    audit.audited(first);
    assertEquals(Optional.of(first.plusSeconds(60)), audit.lastAudit());
  }

  @Test
  void aZeroIntervalAuditsEveryObservation() {
    TagAudit everyCycle = new TagAudit(Duration.ZERO, clock);
    everyCycle.audited(clock.now);
    assertTrue(everyCycle.due());
    TagAudit.EVERY_CYCLE.audited(Instant.now());
    assertTrue(TagAudit.EVERY_CYCLE.due());
  }

  @Test
  void aNegativeIntervalIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TagAudit(Duration.ofSeconds(-1), clock));
  }
}
