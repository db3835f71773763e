package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real sleeper's early wake-ups (each bounded by a long sleep that must not run out). */
class SleeperTest {
  private static final Duration LONG = Duration.ofMinutes(5);

  @Test
  void aNudgeEndsTheSleepOfEveryThreadAndANudgeBeforeASleepEndsThatSleep() throws Exception {
    Sleeper sleeper = Sleeper.system();
    sleeper.sleep(Duration.ZERO); // this thread has slept once
    sleeper.nudge(); // while it is awake: its next sleep ends at once
    long start = System.nanoTime();
    sleeper.sleep(LONG);
    assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1));

    CountDownLatch asleep = new CountDownLatch(2);
    CountDownLatch woken = new CountDownLatch(2);
    for (int i = 0; i < 2; i++)
      new Thread(
              () -> {
                try {
                  sleeper.sleep(Duration.ZERO);
                  asleep.countDown();
                  sleeper.sleep(LONG);
                  woken.countDown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              })
          .start();
    assertTrue(asleep.await(30, TimeUnit.SECONDS));
    assertFalse(woken.await(0, TimeUnit.SECONDS));
    sleeper.nudge();
    assertTrue(woken.await(30, TimeUnit.SECONDS), "both sleepers woken by one nudge");
  }

  @Test
  void wakeEndsEveryLaterSleep() throws Exception {
    Sleeper sleeper = Sleeper.system();
    sleeper.wake();
    long start = System.nanoTime();
    sleeper.sleep(LONG);
    sleeper.sleep(LONG);
    assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1));
  }
}
