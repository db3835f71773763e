package io.ecsgate.controller;

import java.time.Duration;

/**
 * Lets time pass. The real one waits and wakes early on {@link #wake()}; tests move a fake clock.
 */
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Ends the current and every later sleep early (shutdown). */
  default void wake() {}

  /** Waits on a latch that {@link #wake()} opens, so a stop request ends the wait at once. */
  static Sleeper system() {
    java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
    return new Sleeper() {
      @Override
      public void sleep(Duration duration) throws InterruptedException {
        stop.await(duration.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
      }

      @Override
      public void wake() {
        stop.countDown();
      }
    };
  }
}
