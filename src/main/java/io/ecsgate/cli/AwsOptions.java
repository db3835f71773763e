package io.ecsgate.cli;

import io.ecsgate.aws.ApiRateLimiter;
import io.ecsgate.aws.ApiRateLimits;
import io.ecsgate.aws.AwsCallListener;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsTarget;
import io.ecsgate.core.Ownership;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** Where AWS is, and who this controller is (its ownership tag). */
final class AwsOptions {
  @Option(
      names = "--region",
      description = "AWS region (default: the SDK's region chain, e.g. AWS_REGION).")
  String region;

  @Option(
      names = "--endpoint-url",
      description =
          "Send every AWS call to this endpoint (an emulator). AWS_ENDPOINT_URL works too.")
  URI endpoint;

  @Option(
      names = "--controller-id",
      defaultValue = Ownership.DEFAULT_CONTROLLER_ID,
      description =
          "Value of the ecsgate:managed-by tag; resources tagged by another id are not ours (default: ${DEFAULT-VALUE}).")
  String controllerId;

  @Option(
      names = "--aws-api-throttle",
      split = ",",
      paramLabel = "service:operationRegex=rate:burst",
      description =
          "Client-side rate limits replacing or adding to the defaults ("
              + ApiRateLimits.DEFAULTS
              + "); rate in calls per second.")
  List<String> throttles = List.of();

  /** The clients for this command, rate-limited by the defaults and --aws-api-throttle. */
  AwsClients clients() {
    return clients(AwsCallListener.NONE);
  }

  AwsClients clients(AwsCallListener listener) {
    return new AwsClients(target(), new ApiRateLimiter(rateLimits()), listener);
  }

  /** The rate limits; throws IllegalArgumentException naming every malformed rule. */
  ApiRateLimits rateLimits() {
    return ApiRateLimits.defaultsWith(throttles);
  }

  AwsTarget target() {
    return new AwsTarget(
        Optional.ofNullable(region).map(Region::of),
        Optional.ofNullable(endpoint),
        Optional.empty(),
        List.of());
  }

  Ownership ownership() {
    return new Ownership(controllerId);
  }
}
