package io.ecsgate.aws;

import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The AWS operation a failure came from ({@code ECS}, {@code DescribeServices}). The SDK's
 * exceptions do not say which call failed; {@link #NAMING} adds one of these to every failed call's
 * exception as a suppressed exception, so that an error message can name the operation from a value
 * instead of the SDK's text.
 */
public final class AwsOperation extends RuntimeException {
  private final String service;
  private final String operation;
  private final String endpoint;

  AwsOperation(String service, String operation, String endpoint) {
    super(service + "." + operation, null, false, false);
    this.service = service;
    this.operation = operation;
    this.endpoint = endpoint;
  }

  /** The SDK's service name, e.g. {@code ElasticLoadBalancingV2}, {@code Ecs}, {@code Sts}. */
  public String service() {
    return service;
  }

  public String operation() {
    return operation;
  }

  /** The endpoint the call was sent to (AWS's regional one, or --endpoint-url). */
  public String endpoint() {
    return endpoint;
  }

  /** The operation recorded on this failure or on one of its causes. */
  public static Optional<AwsOperation> of(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      Optional<AwsOperation> named =
          Arrays.stream(e.getSuppressed())
              .filter(AwsOperation.class::isInstance)
              .map(AwsOperation.class::cast)
              .findFirst();
      if (named.isPresent()) return named;
    }
    return Optional.empty();
  }

  /** Records the operation on the exception of every failed call. */
  static final ExecutionInterceptor NAMING =
      new ExecutionInterceptor() {
        @Override
        public Throwable modifyException(
            Context.FailedExecution context, ExecutionAttributes attributes) {
          Throwable error = context.exception();
          if (of(error).isEmpty())
            error.addSuppressed(
                new AwsOperation(
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    String.valueOf(
                        attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT))));
          return error;
        }
      };
}
