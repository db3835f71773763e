package io.ecsgate.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When an observation reads every tag again (an audit) instead of taking the tags of resources it
 * already knows from the last audit. One-shot commands ({@link #EVERY_CYCLE}) audit on every
 * observation; the daemon audits on its first cycle and then once {@code interval} has passed since
 * the last audit began ({@code run --tag-audit-interval}). Between audits a tag removed by hand, or
 * a resource newly tagged as ecsgate's, is noticed only at the next audit; a cycle whose plan would
 * write anything reads its tags again first (see {@code controller.Reconciler}), so no write rests
 * on tags older than the cycle. The clock is injected so that tests need not wait.
 */
public final class TagAudit {
  /** The daemon's default time between tag audits. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

  /** Reads every tag on every observation: one-shot commands, which are themselves the audit. */
  public static final TagAudit EVERY_CYCLE = new TagAudit(Duration.ZERO, Clock.systemUTC());

  private final Duration interval;
  private final Clock clock;
  private Instant last;

  /** Audits on the first observation and then every {@code interval} (zero: every observation). */
  public TagAudit(Duration interval, Clock clock) {
    if (interval == null || interval.isNegative())
      throw new IllegalArgumentException("tag audit interval must not be negative");
    this.interval = interval;
    this.clock = clock;
  }

  public Duration interval() {
    return interval;
  }

  /** The time an audit that starts now would be recorded at ({@link #audited}). */
  public Instant now() {
    return clock.instant();
  }

  /** True when the next observation must read every tag. */
  public synchronized boolean due() {
    return interval.isZero() || last == null || !clock.instant().isBefore(last.plus(interval));
  }

  /** Records an audit that began at {@code started} (its reads, not its end, date what it saw). */
  public synchronized void audited(Instant started) {
    if (last == null || started.isAfter(last)) last = started;
  }

  /** The start of the last audit, if any. */
  public synchronized java.util.Optional<Instant> lastAudit() {
    return java.util.Optional.ofNullable(last);
  }
}
