package io.ecsgate.controller;

import java.time.Duration;

/**
 * Lets time pass. The real one waits and wakes early on {@link #wake()} or {@link #nudge()}; tests
 * move a fake clock.
 */
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Ends the current and every later sleep early (shutdown). */
  default void wake() {}

  /**
   * Ends the current sleep early (something is due now), or, for a thread not asleep, its next one.
   * Every sleeping thread is woken, and each sees a nudge once.
   */
  default void nudge() {}

  /** Waits on a monitor that {@link #wake()} and {@link #nudge()} notify. */
  static Sleeper system() {
    return new Sleeper() {
      private final Object lock = new Object();
      private final java.util.Map<Thread, Long> seen = new java.util.WeakHashMap<>();
      private boolean stopped;
      private long nudges;

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (lock) {
          Thread self = Thread.currentThread();
          long since = seen.getOrDefault(self, nudges);
          while (!stopped && nudges == since) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
          }
          seen.put(self, nudges);
        }
      }

      @Override
      public void wake() {
        synchronized (lock) {
          stopped = true;
          lock.notifyAll();
        }
      }

      @Override
      public void nudge() {
        synchronized (lock) {
          nudges++;
          lock.notifyAll();
        }
      }
    };
  }
}
