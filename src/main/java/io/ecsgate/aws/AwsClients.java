package io.ecsgate.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Builds the SDK clients ecsgate uses, all sharing one Apache HTTP client (the URLConnection client
 * cannot send PATCH, which API Gateway updates need), the target's retry strategy, the client-side
 * rate limits ({@link ApiRateLimiter}, the defaults unless given), a listener for every call's
 * outcome and throttled attempts, and the target's region, endpoint, credentials and interceptors.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsTarget target;
  private final SdkHttpClient http;
  private final ApiRateLimiter limiter;
  private final AwsCallMetrics callMetrics;
  private ElasticLoadBalancingV2Client elb;
  private Ec2Client ec2;
  private EcsClient ecs;
  private ApiGatewayClient apiGateway;
  private ApplicationAutoScalingClient autoScaling;

  public AwsClients(AwsTarget target) {
    this(target, new ApiRateLimiter(ApiRateLimits.defaults()), AwsCallListener.NONE);
  }

  public AwsClients(AwsTarget target, ApiRateLimiter limiter, AwsCallListener listener) {
    this.target = target;
    this.limiter = limiter;
    this.callMetrics = new AwsCallMetrics(listener);
    this.http =
        ApacheHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(30))
            .maxConnections(16)
            .build();
  }

  public AwsTarget target() {
    return target;
  }

  public synchronized ElasticLoadBalancingV2Client elb() {
    if (elb == null) elb = configure(ElasticLoadBalancingV2Client.builder()).build();
    return elb;
  }

  public synchronized Ec2Client ec2() {
    if (ec2 == null) ec2 = configure(Ec2Client.builder()).build();
    return ec2;
  }

  public synchronized EcsClient ecs() {
    if (ecs == null) ecs = configure(EcsClient.builder()).build();
    return ecs;
  }

  public synchronized ApiGatewayClient apiGateway() {
    if (apiGateway == null) apiGateway = configure(ApiGatewayClient.builder()).build();
    return apiGateway;
  }

  public synchronized ApplicationAutoScalingClient autoScaling() {
    if (autoScaling == null)
      autoScaling = configure(ApplicationAutoScalingClient.builder()).build();
    return autoScaling;
  }

  private <
          B extends
              AwsClientBuilder<B, ?>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder) {
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().retryStrategy(target.retryStrategy());
    override.addExecutionInterceptor(limiter);
    target.interceptors().forEach(override::addExecutionInterceptor);
    override.addMetricPublisher(callMetrics);
    builder.httpClient(http).overrideConfiguration(override.build());
    target.region().ifPresent(builder::region);
    target.endpoint().ifPresent(builder::endpointOverride);
    target.credentials().ifPresent(builder::credentialsProvider);
    return builder;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client : new AutoCloseable[] {elb, ec2, ecs, apiGateway, autoScaling}) {
      if (client == null) continue;
      try {
        client.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
    http.close();
  }
}
