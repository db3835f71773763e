package io.ecsgate.aws;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * The SDK's own per-call metrics, turned into {@link AwsCallListener} events. Each attempt the SDK
 * makes carries an {@code ErrorType}; {@code Throttling} is the SDK's classification of a
 * throttling response (HTTP 429, or codes such as Throttling, ThrottlingException,
 * TooManyRequestsException, RequestLimitExceeded), so throttled attempts that a retry later
 * recovered from are counted too.
 */
final class AwsCallMetrics implements MetricPublisher {
  static final String THROTTLING = "Throttling";

  private final AwsCallListener listener;

  AwsCallMetrics(AwsCallListener listener) {
    this.listener = listener;
  }

  @Override
  public void publish(MetricCollection call) {
    String service =
        AwsServices.shortName(first(call.metricValues(CoreMetric.SERVICE_ID), "unknown"));
    String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
    boolean succeeded =
        Boolean.TRUE.equals(first(call.metricValues(CoreMetric.API_CALL_SUCCESSFUL), false));
    Duration duration = first(call.metricValues(CoreMetric.API_CALL_DURATION), Duration.ZERO);
    List<MetricCollection> attempts = call.childrenWithName("ApiCallAttempt").toList();
    int throttled = 0;
    String lastError = null;
    for (MetricCollection attempt : attempts) {
      String errorType = first(attempt.metricValues(CoreMetric.ERROR_TYPE), null);
      if (THROTTLING.equals(errorType)) throttled++;
      lastError = errorType;
    }
    String outcome = succeeded ? "success" : THROTTLING.equals(lastError) ? "throttled" : "error";
    listener.call(service, operation, outcome, duration, throttled);
  }

  @Override
  public void close() {}

  private static <T> T first(List<T> values, T otherwise) {
    return values.isEmpty() ? otherwise : values.get(0);
  }
}
