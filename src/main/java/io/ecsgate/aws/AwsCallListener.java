package io.ecsgate.aws;

import java.time.Duration;

/**
 * Hears about every AWS API call the clients make, once the SDK has finished it (retries included).
 */
public interface AwsCallListener {
  /**
   * One logical API call: its outcome ({@code success}, {@code throttled} when the last attempt was
   * throttled, {@code error} otherwise), its duration, and how many of its attempts AWS throttled.
   */
  void call(
      String service, String operation, String outcome, Duration duration, int throttledAttempts);

  AwsCallListener NONE = (service, operation, outcome, duration, throttledAttempts) -> {};
}
