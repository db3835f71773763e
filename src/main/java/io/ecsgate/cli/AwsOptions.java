package io.ecsgate.cli;

import io.ecsgate.aws.ApiRateLimiter;
import io.ecsgate.aws.ApiRateLimits;
import io.ecsgate.aws.AwsCallListener;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsErrors;
import io.ecsgate.aws.AwsTarget;
import io.ecsgate.core.Ownership;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Where AWS is, and who this controller is (its ownership tag). Global options: given before or
 * after the command's name ({@code ecsgate --region us-west-2 plan} or {@code ecsgate plan --region
 * us-west-2}), picocli's inherited options.
 */
final class AwsOptions {
  @Option(
      names = "--region",
      scope = ScopeType.INHERIT,
      description = "AWS region (default: the SDK's region chain: AWS_REGION, then the profile's).")
  String region;

  @Option(
      names = "--endpoint-url",
      scope = ScopeType.INHERIT,
      description =
          "Send every AWS call to this endpoint (an emulator). AWS_ENDPOINT_URL works too.")
  URI endpoint;

  @Option(
      names = "--controller-id",
      scope = ScopeType.INHERIT,
      defaultValue = Ownership.DEFAULT_CONTROLLER_ID,
      description =
          "Value of the ecsgate:managed-by tag; resources tagged by another id are not ours (default: ${DEFAULT-VALUE}).")
  String controllerId;

  @Option(
      names = "--expect-account",
      scope = ScopeType.INHERIT,
      paramLabel = "ACCOUNT_ID",
      description =
          "Refuse to read or change anything unless the credentials are of this AWS account.")
  String expectAccount;

  @Option(
      names = "--aws-api-throttle",
      scope = ScopeType.INHERIT,
      split = ",",
      paramLabel = "service:operationRegex=rate:burst",
      description =
          "Client-side rate limits replacing or adding to the defaults ("
              + ApiRateLimits.DEFAULTS
              + "); rate in calls per second.")
  List<String> throttles = List.of();

  /**
   * The clients for a command, after saying where it acts: the region and credentials are resolved
   * once (every client shares them), one {@code sts:GetCallerIdentity} names the account, and the
   * line {@code ecsgate: account ..., region ..., endpoint ...} is said (on stderr, or in the
   * daemon's log) before anything else. Throws {@link CommandFailure} (nothing read or changed)
   * when there is no region, no credentials, no answer, or another account than {@code
   * --expect-account}.
   */
  AwsClients connect(Consumer<String> say, AwsCallListener listener) {
    Region resolvedRegion = resolveRegion();
    AwsTarget target =
        new AwsTarget(
            Optional.of(resolvedRegion),
            Optional.ofNullable(endpoint),
            Optional.empty(),
            List.of());
    AwsClients clients = new AwsClients(target, new ApiRateLimiter(rateLimits()), listener);
    try {
      resolveCredentials(clients.credentials());
      GetCallerIdentityResponse identity = clients.sts().getCallerIdentity();
      say.accept(
          "ecsgate: account "
              + identity.account()
              + " ("
              + identity.arn()
              + "), region "
              + resolvedRegion.id()
              + ", endpoint "
              + (endpoint == null ? "AWS's regional endpoints" : endpoint.toString()));
      if (expectAccount != null && !expectAccount.equals(identity.account()))
        throw new CommandFailure(
            "the credentials are of account "
                + identity.account()
                + ", but --expect-account is "
                + expectAccount
                + "; nothing was read or changed");
      return clients;
    } catch (SdkException e) {
      clients.close();
      throw new CommandFailure(AwsErrors.describe(e), e);
    } catch (CommandFailure e) {
      clients.close();
      throw e;
    }
  }

  private Region resolveRegion() {
    if (region != null) return Region.of(region);
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      throw new CommandFailure(
          "no AWS region: give --region, or set AWS_REGION, or a region in the profile AWS_PROFILE names",
          e);
    }
  }

  /**
   * The clients' credentials (the SDK's default chain, shared by every client), resolved now so
   * that a missing one is one clear error.
   */
  private static void resolveCredentials(AwsCredentialsProvider credentials) {
    try {
      credentials.resolveCredentials();
    } catch (SdkException e) {
      String profile = Optional.ofNullable(System.getenv("AWS_PROFILE")).orElse("default");
      throw new CommandFailure(
          "no AWS credentials: tried AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, the aws.accessKeyId system property, a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), the profile '"
              + profile
              + "' in ~/.aws/credentials and ~/.aws/config (SSO: run `aws sso login --profile "
              + profile
              + "`), the ECS container role and the EC2 instance role; set AWS_PROFILE to a profile that has credentials",
          e);
    }
  }

  /** The rate limits; throws IllegalArgumentException naming every malformed rule. */
  ApiRateLimits rateLimits() {
    return ApiRateLimits.defaultsWith(throttles);
  }

  Ownership ownership() {
    return new Ownership(controllerId);
  }
}
