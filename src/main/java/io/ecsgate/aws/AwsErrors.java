package io.ecsgate.aws;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.http.conn.ConnectTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Sorts AWS errors into those worth retrying and terminal ones: a request AWS refuses as invalid (a
 * 4xx validation-type error) fails the same way until the desired state changes. Throttling,
 * missing resources (someone deleted one between observe and apply), conflicts, resources in use,
 * permission and credential errors (an operator can fix those without touching the YAML) and every
 * 5xx or client-side failure are retried with backoff.
 */
public final class AwsErrors {
  /** The IAM action prefix of each service, by its short name ({@link AwsServices}). */
  private static final Map<String, String> IAM_PREFIX =
      Map.of(
          "elb", "elasticloadbalancing",
          "ec2", "ec2",
          "ecs", "ecs",
          "autoscaling", "application-autoscaling",
          "sts", "sts");

  private static final Set<String> ACCESS_DENIED_CODES =
      Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

  private static final Set<String> BAD_CREDENTIALS_CODES =
      Set.of(
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "ExpiredTokenException",
          "RequestExpired");

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

  /** What sort of failure an error is, for people and for counting; never read from its text. */
  public enum Category {
    /** AWS throttled every attempt the SDK's retries made. */
    THROTTLED("throttled"),
    /** The endpoint could not be reached (connection refused, DNS, timeout). */
    UNREACHABLE("unreachable"),
    /** The credentials lack an IAM permission. */
    ACCESS_DENIED("access denied"),
    /** The credentials are not valid or have expired. */
    BAD_CREDENTIALS("bad credentials"),
    /** AWS refused the request as invalid ({@link #isTerminal}). */
    INVALID_REQUEST("invalid request"),
    /** Any other answer of AWS (a 5xx, a missing resource, a conflict). */
    AWS_ERROR("AWS error"),
    /** No answer of AWS at all: the client failed (a bug, an SDK error). */
    CLIENT_ERROR("client error");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    /** A few words for people: {@code throttled}, {@code access denied}... */
    public String label() {
      return label;
    }
  }

  /** The category of {@code error}, from its type, status and error code. */
  public static Category category(Throwable error) {
    if (error instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      if (aws.isThrottlingException()) return Category.THROTTLED;
      if (code != null && BAD_CREDENTIALS_CODES.contains(code)) return Category.BAD_CREDENTIALS;
      if (aws.statusCode() == 403 || (code != null && ACCESS_DENIED_CODES.contains(code)))
        return Category.ACCESS_DENIED;
      if (isTerminal(aws)) return Category.INVALID_REQUEST;
      return Category.AWS_ERROR;
    }
    if (networkCause(error).isPresent()) return Category.UNREACHABLE;
    return Category.CLIENT_ERROR;
  }

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

  /**
   * One line for a person: the operation that failed ({@link AwsOperation}), AWS's error code and
   * message, and a hint for the common causes (access denied: the IAM action; bad or expired
   * credentials; throttled; endpoint unreachable). The SDK's full text stays in the log at DEBUG.
   */
  public static String describe(Throwable error) {
    Optional<AwsOperation> named = AwsOperation.of(error);
    String where = named.map(op -> label(op) + " failed: ").orElse("");
    if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String message =
          Optional.ofNullable(aws.awsErrorDetails().errorMessage())
              .orElseGet(() -> aws.toBuilder().message());
      return where
          + (code == null ? "HTTP " + aws.statusCode() : code)
          + (message == null || message.isBlank() ? "" : ": " + message)
          + hint(aws, code, named).map(h -> " (hint: " + h + ")").orElse("");
    }
    Optional<Throwable> network = networkCause(error);
    if (network.isPresent()) {
      Throwable cause = network.get();
      return where
          + "cannot reach "
          + named.map(AwsOperation::endpoint).orElse("the endpoint")
          + " ("
          + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()))
          + ") (hint: check --endpoint-url or AWS_ENDPOINT_URL, the network, and any HTTPS_PROXY)";
    }
    return where
        + (error.getMessage() == null
            ? error.getClass().getSimpleName()
            : firstLine(error.getMessage()));
  }

  private static Optional<String> hint(
      AwsServiceException aws, String code, Optional<AwsOperation> named) {
    if (aws.isThrottlingException())
      return Optional.of(
          "AWS throttled every attempt; another tool may share the account's quota: lower ecsgate's rate with --aws-api-throttle");
    if (code != null && BAD_CREDENTIALS_CODES.contains(code))
      return Optional.of(
          "the credentials are not valid or have expired: check AWS_PROFILE (after SSO, run `aws sso login`) or AWS_ACCESS_KEY_ID");
    if (aws.statusCode() == 403 || (code != null && ACCESS_DENIED_CODES.contains(code)))
      return named.map(
          op ->
              "the credentials in use lack the IAM permission "
                  + iamAction(op)
                  + "; deploy/iam-policy.json is the controller's policy");
    return Optional.empty();
  }

  /** {@code ecs:DescribeServices}; API Gateway authorises by HTTP method on the API's path. */
  static String iamAction(AwsOperation op) {
    String service = AwsServices.shortName(op.service());
    if (service.equals("apigateway")) return "apigateway:<HTTP method> on the REST API";
    return IAM_PREFIX.getOrDefault(service, service) + ":" + op.operation();
  }

  private static String label(AwsOperation op) {
    return op.service() + "." + op.operation();
  }

  private static Optional<Throwable> networkCause(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause())
      if (e instanceof ConnectException
          || e instanceof UnknownHostException
          || e instanceof NoRouteToHostException
          || e instanceof SocketTimeoutException
          || e instanceof ConnectTimeoutException) return Optional.of(e);
    return Optional.empty();
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
