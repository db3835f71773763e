package io.ecsgate.aws;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Sorts AWS errors into those worth retrying and terminal ones: a request AWS refuses as invalid (a
 * 4xx validation-type error) fails the same way until the desired state changes. Throttling,
 * missing resources (someone deleted one between observe and apply), conflicts, resources in use,
 * permission and credential errors (an operator can fix those without touching the YAML) and every
 * 5xx or client-side failure are retried with backoff.
 */
public final class AwsErrors {
  private static final Set<String> TRANSIENT_4XX_CODES =
      Set.of(
          "ResourceInUse",
          "ResourceInUseException",
          "DependencyViolation",
          "IncorrectState",
          "IncorrectStateException",
          "ConflictException",
          "ConcurrentModificationException",
          "OperationAbortedException",
          "ServiceNotActiveException",
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "UnrecognizedClientException",
          "ExpiredToken",
          "ExpiredTokenException",
          "RequestExpired",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "IdempotentParameterMismatch",
          "RequestTimeout",
          "RequestTimeoutException",
          "PriorityInUse");

  private AwsErrors() {}

  /** True when retrying the same request cannot succeed until the desired state changes. */
  public static boolean isTerminal(Throwable error) {
    if (!(error instanceof AwsServiceException aws)) return false;
    if (aws.isThrottlingException()) return false;
    int status = aws.statusCode();
    if (status < 400 || status >= 500) return false;
    if (status == 401
        || status == 403
        || status == 404
        || status == 408
        || status == 409
        || status == 429) return false;
    String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
    if (code == null) return false;
    if (code.contains("NotFound") || TRANSIENT_4XX_CODES.contains(code)) return false;
    return true;
  }
}
