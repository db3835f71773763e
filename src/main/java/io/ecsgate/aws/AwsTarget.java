package io.ecsgate.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Where and how to reach AWS: region and endpoint (both optional: the SDK's default chains apply),
 * credentials (optional: the default chain), extra interceptors (metrics, tests) and the retry
 * strategy ({@link #RETRY_STRATEGY} unless a test shortens its delays).
 */
public record AwsTarget(
    Optional<Region> region,
    Optional<URI> endpoint,
    Optional<AwsCredentialsProvider> credentials,
    List<ExecutionInterceptor> interceptors,
    RetryStrategy retryStrategy) {

  /**
   * Attempts per call, first included. The SDK's default of 3 suits one-off calls; a controller
   * that must observe the whole stack in one cycle would lose the cycle to one call throttled three
   * times in a row, so it retries longer, as the AWS Load Balancer Controller does ({@code
   * --aws-max-retries=10}).
   */
  public static final int MAX_ATTEMPTS = 10;

  /**
   * The SDK's standard strategy (its retryable errors, jittered exponential backoff, throttling
   * backoff) with {@link #MAX_ATTEMPTS} attempts and no retry circuit breaker: the breaker's quota
   * (500 tokens, 5 per retry) drains within one cycle when a third of the calls are throttled,
   * after which every call gets a single attempt and whole cycles fail. ecsgate bounds its load on
   * AWS with its own client-side rate limits instead.
   */
  public static final RetryStrategy RETRY_STRATEGY = standard().build();

  public AwsTarget(
      Optional<Region> region,
      Optional<URI> endpoint,
      Optional<AwsCredentialsProvider> credentials,
      List<ExecutionInterceptor> interceptors) {
    this(region, endpoint, credentials, interceptors, RETRY_STRATEGY);
  }

  public static AwsTarget defaults() {
    return new AwsTarget(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * {@link #RETRY_STRATEGY} with other backoff delays (base and cap, for errors and throttling
   * alike).
   */
  public static RetryStrategy retryStrategy(Duration baseDelay, Duration maxDelay) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
    return standard().backoffStrategy(backoff).throttlingBackoffStrategy(backoff).build();
  }

  private static software.amazon.awssdk.retries.StandardRetryStrategy.Builder standard() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(MAX_ATTEMPTS)
        .circuitBreakerEnabled(false);
  }

  public AwsTarget withInterceptor(ExecutionInterceptor interceptor) {
    List<ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
    all.add(interceptor);
    return new AwsTarget(region, endpoint, credentials, List.copyOf(all), retryStrategy);
  }

  public AwsTarget withRetryStrategy(RetryStrategy strategy) {
    return new AwsTarget(region, endpoint, credentials, interceptors, strategy);
  }
}
