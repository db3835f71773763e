package io.ecsgate.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaderElectionPeriodTest {
  @ParameterizedTest(name = "lease {0} ms, interval {1} ms: every {2} ms")
  @CsvSource({
    "15000, 30000, 5000", // a third of the lease when the interval is longer
    "15000, 2000, 2000", // the interval when shorter
    "15000, 100, 1000", // never more often than once a second
    "15000, 1000, 1000",
    "3000, 100, 1000",
    "1500, 100, 500", // a third of a short lease wins over the floor: renewals stay in time
  })
  void theRoundIsTheIntervalAtLeastASecondAtMostAThirdOfTheLease(
      long lease, long interval, long expected) {
    assertEquals(
        Duration.ofMillis(expected),
        LeaderElection.period(Duration.ofMillis(lease), Duration.ofMillis(interval)));
  }
}
