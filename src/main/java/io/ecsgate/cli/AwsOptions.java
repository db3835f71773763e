package io.ecsgate.cli;

import io.ecsgate.aws.AwsTarget;
import io.ecsgate.model.Ownership;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

/** Where AWS is, and who this controller is (its ownership tag). */
final class AwsOptions {
  @Option(names = "--region", description = "AWS region (default: the SDK's region chain, e.g. AWS_REGION).")
  String region;

  @Option(names = "--endpoint-url", description = "Send every AWS call to this endpoint (an emulator). AWS_ENDPOINT_URL works too.")
  URI endpoint;

  @Option(names = "--controller-id", defaultValue = Ownership.DEFAULT_CONTROLLER_ID,
      description = "Value of the ecsgate:managed-by tag; resources tagged by another id are not ours (default: ${DEFAULT-VALUE}).")
  String controllerId;

  AwsTarget target() {
    return new AwsTarget(Optional.ofNullable(region).map(Region::of), Optional.ofNullable(endpoint), Optional.empty(), List.of());
  }

  Ownership ownership() {
    return new Ownership(controllerId);
  }
}
