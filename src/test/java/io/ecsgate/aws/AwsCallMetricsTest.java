package io.ecsgate.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollector;

/**
 * Throttled attempts and call outcomes read from the SDK's own per-attempt metrics; which AWS
 * errors are terminal.
 */
class AwsCallMetricsTest {
  record Heard(
      String service, String operation, String outcome, Duration duration, int throttled) {}

  private final List<Heard> heard = new ArrayList<>();
  private final AwsCallMetrics publisher =
      new AwsCallMetrics((s, o, outcome, d, t) -> heard.add(new Heard(s, o, outcome, d, t)));

  private static MetricCollector call(
      String service, String operation, boolean succeeded, String... attemptErrors) {
    MetricCollector call = MetricCollector.create("ApiCall");
    call.reportMetric(CoreMetric.SERVICE_ID, service);
    call.reportMetric(CoreMetric.OPERATION_NAME, operation);
    call.reportMetric(CoreMetric.API_CALL_SUCCESSFUL, succeeded);
    call.reportMetric(CoreMetric.API_CALL_DURATION, Duration.ofMillis(120));
    for (String error : attemptErrors) {
      MetricCollector attempt = call.createChild("ApiCallAttempt");
      if (error != null) attempt.reportMetric(CoreMetric.ERROR_TYPE, error);
    }
    return call;
  }

  @Test
  void throttledAttemptsThatARetryRecoveredFromAreCounted() {
    publisher.publish(
        call("Elastic Load Balancing v2", "DescribeRules", true, "Throttling", "Throttling", null)
            .collect());
    assertEquals(
        List.of(new Heard("elb", "DescribeRules", "success", Duration.ofMillis(120), 2)), heard);
  }

  @Test
  void aCallWhoseRetriesRanOutOnThrottlingIsThrottled() {
    publisher.publish(
        call("API Gateway", "CreateDeployment", false, "Throttling", "Throttling", "Throttling")
            .collect());
    assertEquals("throttled", heard.get(0).outcome());
    assertEquals(3, heard.get(0).throttled());
  }

  @Test
  void otherFailuresAreErrorsAndCountNoThrottle() {
    publisher.publish(call("ECS", "UpdateService", false, "ServerError", "Other").collect());
    assertEquals(
        new Heard("ecs", "UpdateService", "error", Duration.ofMillis(120), 0), heard.get(0));
  }

  private static AwsServiceException error(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
        .build();
  }

  @Test
  void validationTypeErrorsAreTerminalAndEverythingTransientIsNot() {
    assertTrue(AwsErrors.isTerminal(error(400, "ValidationError")));
    assertTrue(AwsErrors.isTerminal(error(400, "InvalidConfigurationRequest")));
    assertTrue(AwsErrors.isTerminal(error(400, "BadRequestException")));
    assertTrue(AwsErrors.isTerminal(error(400, "ClientException")));
    assertFalse(AwsErrors.isTerminal(error(400, "Throttling")));
    assertFalse(AwsErrors.isTerminal(error(429, "TooManyRequestsException")));
    assertFalse(AwsErrors.isTerminal(error(400, "RequestLimitExceeded")));
    assertFalse(AwsErrors.isTerminal(error(400, "TargetGroupNotFound")));
    assertFalse(AwsErrors.isTerminal(error(400, "ResourceInUse")));
    assertFalse(AwsErrors.isTerminal(error(409, "ConflictException")));
    assertFalse(AwsErrors.isTerminal(error(403, "AccessDenied")));
    assertFalse(AwsErrors.isTerminal(error(500, "InternalFailure")));
    assertFalse(AwsErrors.isTerminal(new RuntimeException("connection reset")));
  }
}
