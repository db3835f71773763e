package io.ecsgate.aws;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Holds every AWS request until each rate limit it falls under has a token (Bucket4j token buckets,
 * greedy refill: {@code burst} tokens at most, {@code rate} new tokens a second). Installed on
 * every client by {@link AwsClients}, before each attempt, so the SDK's retries are limited too.
 */
public final class ApiRateLimiter implements ExecutionInterceptor {
  /**
   * Time as the buckets see it, and how a caller waits for it to pass (a test's fake clock moves on
   * park).
   */
  public interface Ticker extends TimeMeter {
    long nanoTime();

    void park(long nanos) throws InterruptedException;

    /** What the buckets read. */
    @Override
    default long currentTimeNanos() {
      return nanoTime();
    }

    @Override
    default boolean isWallClockBased() {
      return false;
    }

    Ticker SYSTEM =
        new Ticker() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void park(long nanos) throws InterruptedException {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
          }
        };
  }

  private final ApiRateLimits limits;
  private final Ticker ticker;
  private final Map<ApiRateLimits.Rule, Bucket> buckets = new ConcurrentHashMap<>();

  public ApiRateLimiter(ApiRateLimits limits, Ticker ticker) {
    this.limits = limits;
    this.ticker = ticker;
  }

  public ApiRateLimiter(ApiRateLimits limits) {
    this(limits, Ticker.SYSTEM);
  }

  public ApiRateLimits limits() {
    return limits;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service =
        AwsServices.shortName(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    try {
      acquire(service, operation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.builder()
          .message("interrupted while waiting for the " + service + " rate limit")
          .cause(e)
          .build();
    }
  }

  /** Takes one token from every bucket the call falls under, waiting as long as each needs. */
  public void acquire(String service, String operation) throws InterruptedException {
    for (Bucket bucket : bucketsFor(service, operation)) {
      bucket.asBlocking().consume(1, ticker::park);
    }
  }

  List<Bucket> bucketsFor(String service, String operation) {
    List<Bucket> matching = new ArrayList<>();
    for (ApiRateLimits.Rule rule : limits.rules()) {
      if (rule.matches(service, operation))
        matching.add(buckets.computeIfAbsent(rule, this::bucket));
    }
    return matching;
  }

  private Bucket bucket(ApiRateLimits.Rule rule) {
    // burst tokens refill over burst/rate seconds: the steady rate is `rate` a second
    Duration period = Duration.ofNanos(Math.round(rule.burst() / rule.ratePerSecond() * 1e9));
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(rule.burst()).refillGreedy(rule.burst(), period))
        .withCustomTimePrecision(ticker)
        .build();
  }
}
