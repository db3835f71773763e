package io.ecsgate.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Builds the SDK clients ecsgate uses, each on first use (a desired state without ECS never builds
 * the ECS clients), all sharing one Apache HTTP client (the URLConnection client cannot send PATCH,
 * which API Gateway updates need), one credentials provider and one region (the SDK's default
 * chains, resolved once for all clients, unless the target names them), the target's retry
 * strategy, the client-side rate limits ({@link ApiRateLimiter}, the defaults unless given), the
 * write fence ({@link WriteFence}), a listener for every call's outcome and throttled attempts, and
 * the target's endpoint and interceptors. Clients of different services are built at the same time
 * (the families observe in parallel).
 */
public final class AwsClients implements AutoCloseable {
  private final AwsTarget target;
  private final SdkHttpClient http;
  private final ApiRateLimiter limiter;
  private final AwsCallMetrics callMetrics;
  private final List<AutoCloseable> built = new ArrayList<>();
  private final AwsCredentialsProvider credentials;
  private final boolean ownCredentials;
  private Region region;
  private final Client<ElasticLoadBalancingV2Client> elb =
      new Client<>(() -> configure(ElasticLoadBalancingV2Client.builder()).build());
  private final Client<Ec2Client> ec2 = new Client<>(() -> configure(Ec2Client.builder()).build());
  private final Client<EcsClient> ecs = new Client<>(() -> configure(EcsClient.builder()).build());
  private final Client<ApiGatewayClient> apiGateway =
      new Client<>(() -> configure(ApiGatewayClient.builder()).build());
  private final Client<ApiGatewayV2Client> apiGatewayV2 =
      new Client<>(() -> configure(ApiGatewayV2Client.builder()).build());
  private final Client<ApplicationAutoScalingClient> autoScaling =
      new Client<>(() -> configure(ApplicationAutoScalingClient.builder()).build());
  private final Client<DynamoDbClient> dynamoDb =
      new Client<>(() -> configure(DynamoDbClient.builder()).build());
  private final WriteFence fence = new WriteFence();
  private final Client<EcrClient> ecr = new Client<>(() -> configure(EcrClient.builder()).build());
  private final Client<IamClient> iam = new Client<>(() -> configure(IamClient.builder()).build());
  private final Client<CloudWatchLogsClient> logs =
      new Client<>(() -> configure(CloudWatchLogsClient.builder()).build());
  private final Client<CloudWatchClient> cloudWatch =
      new Client<>(() -> configure(CloudWatchClient.builder()).build());

  /**
   * STS for the caller-identity check a command makes once before anything else: a one-off call, so
   * with the SDK's default of 3 attempts, not the controller's 10 (an unreachable endpoint is
   * reported in about a second).
   */
  private final Client<StsClient> sts =
      new Client<>(
          () -> {
            StsClientBuilder builder = configure(StsClient.builder());
            builder.overrideConfiguration(
                builder.overrideConfiguration().toBuilder()
                    .retryStrategy(AwsRetryStrategy.defaultRetryStrategy())
                    .build());
            return builder.build();
          });

  public AwsClients(AwsTarget target) {
    this(target, new ApiRateLimiter(ApiRateLimits.defaults()), AwsCallListener.NONE);
  }

  public AwsClients(AwsTarget target, ApiRateLimiter limiter, AwsCallListener listener) {
    this.target = target;
    this.limiter = limiter;
    this.callMetrics = new AwsCallMetrics(listener);
    this.ownCredentials = target.credentials().isEmpty();
    this.credentials =
        target.credentials().orElseGet(() -> DefaultCredentialsProvider.builder().build());
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

  public ElasticLoadBalancingV2Client elb() {
    return elb.get();
  }

  public Ec2Client ec2() {
    return ec2.get();
  }

  public EcsClient ecs() {
    return ecs.get();
  }

  public ApiGatewayClient apiGateway() {
    return apiGateway.get();
  }

  /** API Gateway V2: the VPC links V2 through which a REST API reaches an ALB. */
  public ApiGatewayV2Client apiGatewayV2() {
    return apiGatewayV2.get();
  }

  public ApplicationAutoScalingClient autoScaling() {
    return autoScaling.get();
  }

  /** ECR: whether the images a task definition names exist. */
  public EcrClient ecr() {
    return ecr.get();
  }

  /** IAM: whether a task definition's roles exist and trust ECS tasks. */
  public IamClient iam() {
    return iam.get();
  }

  /** CloudWatch Logs: a container's awslogs group. */
  public CloudWatchLogsClient logs() {
    return logs.get();
  }

  /** CloudWatch: the alarms of a service's step scaling. */
  public CloudWatchClient cloudWatch() {
    return cloudWatch.get();
  }

  public StsClient sts() {
    return sts.get();
  }

  /** The state table's client (the lease and the inventory); never fenced. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb.get();
  }

  /**
   * From now on every write these clients send to the stack (not to the state table) first runs
   * {@code check}, which throws to refuse it: a process that lost its lease makes no further write
   * ({@link WriteFence}).
   */
  public void fenceWrites(Runnable check) {
    fence.set(check);
  }

  /** One SDK client, built on first use and closed with the others. */
  private final class Client<C extends AutoCloseable> {
    private final Supplier<C> build;
    private C client;

    Client(Supplier<C> build) {
      this.build = build;
    }

    synchronized C get() {
      if (client == null) {
        client = build.get();
        synchronized (built) {
          built.add(client);
        }
      }
      return client;
    }
  }

  private <
          B extends
              AwsClientBuilder<B, ?>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(B builder) {
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().retryStrategy(target.retryStrategy());
    override.addExecutionInterceptor(AwsOperation.NAMING);
    override.addExecutionInterceptor(limiter);
    override.addExecutionInterceptor(fence); // after the rate limit's wait: the last moment
    target.interceptors().forEach(override::addExecutionInterceptor);
    override.addMetricPublisher(callMetrics);
    builder.httpClient(http).overrideConfiguration(override.build());
    builder.region(region());
    target.endpoint().ifPresent(builder::endpointOverride);
    builder.credentialsProvider(credentials);
    return builder;
  }

  /** The credentials every client signs with (the target's, or the SDK's default chain). */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /** The target's region, or the SDK's region chain's, looked up once for every client. */
  private synchronized Region region() {
    if (region == null)
      region = target.region().orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
    return region;
  }

  @Override
  public void close() {
    synchronized (built) {
      for (AutoCloseable client : built) {
        try {
          client.close();
        } catch (Exception ignored) {
          // closing is best effort
        }
      }
    }
    if (ownCredentials && credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
    http.close();
  }
}
