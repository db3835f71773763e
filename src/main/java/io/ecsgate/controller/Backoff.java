package io.ecsgate.controller;

import io.ecsgate.core.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each failing resource may be tried again: after its n-th failure in a row, {@code base *
 * 2^(n-1)} (capped at {@code max}). A terminal failure (AWS refused the request as invalid) is
 * parked until the desired state changes or a different change is planned for the resource. Success
 * forgets it all.
 */
final class Backoff {
  private final Clock clock;
  private final Duration base;
  private final Duration max;
  private final Map<Key, Entry> entries = new HashMap<>();

  private record Entry(int failures, Instant retryAt, Optional<String> parkedSignature) {}

  Backoff(Clock clock, Duration base, Duration max) {
    this.clock = clock;
    this.base = base;
    this.max = max;
  }

  synchronized void failed(Key key, boolean terminal, String signature) {
    int failures = entries.containsKey(key) ? entries.get(key).failures() + 1 : 1;
    Duration delay = delay(failures);
    entries.put(
        key,
        new Entry(
            failures,
            clock.instant().plus(delay),
            terminal ? Optional.of(signature) : Optional.empty()));
  }

  Duration delay(int failures) {
    Duration delay = base.multipliedBy(1L << Math.min(failures - 1, 30));
    return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
  }

  synchronized void succeeded(Key key) {
    entries.remove(key);
  }

  /**
   * Why {@code key} must wait, or empty when its planned change (with {@code signature}) may run
   * now.
   */
  synchronized Optional<String> holds(Key key, String signature) {
    Entry entry = entries.get(key);
    if (entry == null) return Optional.empty();
    if (entry.parkedSignature().isPresent()) {
      if (entry.parkedSignature().get().equals(signature))
        return Optional.of(
            "AWS refused this change as invalid; not retried until the desired state changes");
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (now.isBefore(entry.retryAt())) {
      return Optional.of(
          "backing off after "
              + entry.failures()
              + " failure(s); next try in "
              + Duration.between(now, entry.retryAt()).toSeconds()
              + "s");
    }
    return Optional.empty();
  }

  /** A new desired state: terminal failures get another chance. */
  synchronized void desiredStateChanged() {
    entries.values().removeIf(entry -> entry.parkedSignature().isPresent());
  }

  synchronized int failures(Key key) {
    Entry entry = entries.get(key);
    return entry == null ? 0 : entry.failures();
  }
}
