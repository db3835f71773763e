package io.ecsgate.aws;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Where and how to reach AWS: region and endpoint (both optional: the SDK's default chains apply),
 * credentials (optional: the default chain), and extra interceptors (metrics, tests).
 */
public record AwsTarget(
    Optional<Region> region,
    Optional<URI> endpoint,
    Optional<AwsCredentialsProvider> credentials,
    List<ExecutionInterceptor> interceptors) {

  public static AwsTarget defaults() {
    return new AwsTarget(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  public AwsTarget withInterceptor(ExecutionInterceptor interceptor) {
    List<ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
    all.add(interceptor);
    return new AwsTarget(region, endpoint, credentials, List.copyOf(all));
  }
}
