package io.ecsgate.testing;

import io.ecsgate.aws.ApiCalls;
import io.ecsgate.aws.ApiRateLimiter;
import io.ecsgate.aws.ApiRateLimits;
import io.ecsgate.aws.AwsCallListener;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsTarget;
import io.ecsgate.demo.EmulatorNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * JUnit extension: an empty emulated AWS account for each test, with the seed network in it, real
 * SDK clients pointed at it, and a counter of every API call those clients make. Inject it as a
 * test parameter: {@code void test(Emulator aws)}.
 */
public final class Emulator implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  public static final String REGION = "us-west-2";
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(Emulator.class);

  private MotoServer server;
  private AwsClients clients;
  private ApiCalls calls;
  private Map<String, String> network;

  static {
    // the CLI, run in-process by tests, takes credentials and region from the SDK's default chains
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.region", REGION);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Emulator emulator = new Emulator();
    emulator.server = MotoServer.get();
    emulator.server.reset();
    emulator.calls = new ApiCalls();
    // the harness's own clients are instruments: not rate-limited (the CLI's are, with the
    // defaults)
    emulator.clients =
        new AwsClients(
            emulator.target().withInterceptor(emulator.calls),
            new ApiRateLimiter(ApiRateLimits.none()),
            AwsCallListener.NONE);
    emulator.network = EmulatorNetwork.create(emulator.clients.ec2(), REGION);
    emulator.calls.reset();
    context.getStore(NS).put("emulator", emulator);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Emulator emulator = context.getStore(NS).remove("emulator", Emulator.class);
    if (emulator != null) emulator.clients.close();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Emulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NS).get("emulator", Emulator.class);
  }

  /**
   * Empties the account again and re-creates the seed network (new IDs, same names), for tests that
   * loop.
   */
  public void resetAccount() {
    server.reset();
    network = EmulatorNetwork.create(clients.ec2(), REGION);
    calls.reset();
  }

  public AwsTarget target() {
    return new AwsTarget(
        Optional.of(Region.of(REGION)),
        Optional.of(server.endpoint()),
        Optional.of(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))),
        List.of());
  }

  public String endpoint() {
    return server.endpoint().toString();
  }

  /** SDK clients whose calls are counted in {@link #calls()}. */
  public AwsClients clients() {
    return clients;
  }

  public ApiCalls calls() {
    return calls;
  }

  /** IDs of the seeded VPC, subnets and security groups, by Name. */
  public String id(String name) {
    return network.get(name);
  }

  public static Path seed() {
    return MotoServer.projectRoot().resolve("desired-state");
  }
}
