package io.ecsgate.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The last check before a write leaves for AWS: runs after the client-side rate limit's wait, just
 * before the request is sent, and refuses the write (by the check's exception) when this process no
 * longer holds the lease. Reads and the state table's own calls (which renew the lease) pass.
 */
final class WriteFence implements ExecutionInterceptor {
  private volatile Runnable check = () -> {};

  void set(Runnable check) {
    this.check = check;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service =
        AwsServices.shortName(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (service.equals("dynamodb") || ApiCalls.isRead(operation)) return;
    check.run();
  }
}
