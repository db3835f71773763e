package io.ecsgate.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The category of an error comes from its type, status and code, never from its text. */
class AwsErrorsTest {
  private static AwsServiceException error(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message("whatever the message says: Throttling, AccessDenied")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
        .build();
  }

  @Test
  void eachErrorFallsInItsCategory() {
    assertEquals(AwsErrors.Category.THROTTLED, AwsErrors.category(error(400, "Throttling")));
    assertEquals(
        AwsErrors.Category.THROTTLED, AwsErrors.category(error(429, "TooManyRequestsException")));
    assertEquals(
        AwsErrors.Category.ACCESS_DENIED, AwsErrors.category(error(403, "AccessDeniedException")));
    assertEquals(
        AwsErrors.Category.ACCESS_DENIED, AwsErrors.category(error(400, "UnauthorizedOperation")));
    assertEquals(
        AwsErrors.Category.BAD_CREDENTIALS, AwsErrors.category(error(403, "ExpiredToken")));
    assertEquals(
        AwsErrors.Category.INVALID_REQUEST, AwsErrors.category(error(400, "ValidationError")));
    assertEquals(AwsErrors.Category.AWS_ERROR, AwsErrors.category(error(500, "InternalFailure")));
    assertEquals(AwsErrors.Category.AWS_ERROR, AwsErrors.category(error(400, "RuleNotFound")));
    assertEquals(
        AwsErrors.Category.UNREACHABLE,
        AwsErrors.category(
            SdkClientException.builder()
                .message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused"))
                .build()));
    assertEquals(
        AwsErrors.Category.CLIENT_ERROR,
        AwsErrors.category(new IllegalStateException("Throttling")),
        "the text is never read");
  }

  @Test
  void eachCategoryHasWordsForPeople() {
    assertEquals("access denied", AwsErrors.Category.ACCESS_DENIED.label());
    assertEquals("throttled", AwsErrors.Category.THROTTLED.label());
  }
}
