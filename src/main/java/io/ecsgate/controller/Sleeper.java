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

  /** Ends the current sleep (or the next, if none is under way) early: something is due now. */
  default void nudge() {}

  /** Waits on a monitor that {@link #wake()} and {@link #nudge()} notify. */
  static Sleeper system() {
    return new Sleeper() {
      private final Object lock = new Object();
      private boolean stopped;
      private boolean nudged;

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (lock) {
          while (!stopped && !nudged) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
          }
          nudged = false;
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
          nudged = true;
          lock.notifyAll();
        }
      }
    };
  }
}
