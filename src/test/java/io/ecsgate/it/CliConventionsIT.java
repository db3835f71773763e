package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as a user runs it: --version and --help, the line saying where a command acts, and
 * one-line errors when AWS cannot be reached or there are no credentials.
 */
@ExtendWith(Emulator.class)
class CliConventionsIT {
  record Run(int code, String out, String err) {}

  /**
   * The jar in a fresh process, with only the environment given (and PATH), HOME in {@code home}.
   */
  static Run jar(Path home, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path jar = Path.of("target", "ecsgate.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "mvn package builds the jar before the integration tests");
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar"));
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .directory(home.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    // no instance metadata service here: the SDK would wait for it before giving up
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ends");
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  static final Map<String, String> CREDENTIALS =
      Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");

  @Test
  void versionNamesTheReleaseAndTheCommitAndEveryHelpExitsZero(@TempDir Path home)
      throws Exception {
    Run version = jar(home, Map.of(), "--version");
    assertEquals(0, version.code(), version.err());
    assertTrue(
        version
            .out()
            .matches(
                "(?s)ecsgate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}(-dirty)?\\)\n.*"),
        version.out());
    for (String sub : List.of("validate", "plan", "apply", "run", "demo", "generate-completion")) {
      Run help = jar(home, Map.of(), sub, "--help");
      assertEquals(0, help.code(), sub + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: ecsgate " + sub), help.out());
    }
  }

  @Test
  void anUnreachableEndpointIsOneLineNamingTheOperationAndTheEndpoint(@TempDir Path home)
      throws Exception {
    Run plan =
        jar(
            home,
            CREDENTIALS,
            "--region=us-west-2",
            "plan",
            "--endpoint-url=http://127.0.0.1:9",
            Emulator.seed().toString());
    assertEquals(1, plan.code());
    assertEquals(1, plan.err().lines().count(), plan.err());
    assertTrue(
        plan.err()
            .startsWith("error: Sts.GetCallerIdentity failed: cannot reach http://127.0.0.1:9 ("),
        plan.err());
    assertTrue(plan.err().contains("--endpoint-url"), "the hint names the setting to check");
    assertEquals("", plan.out(), "no plan was printed");
  }

  @Test
  void noCredentialsIsOneLineSayingWhatWasTriedAndHowToSetThem(@TempDir Path home)
      throws Exception {
    Run plan =
        jar(
            home,
            Map.of("AWS_REGION", "us-west-2"),
            "plan",
            "--endpoint-url=http://127.0.0.1:9",
            Emulator.seed().toString());
    assertEquals(1, plan.code());
    assertEquals(1, plan.err().lines().count(), plan.err());
    assertTrue(plan.err().startsWith("error: no AWS credentials: tried "), plan.err());
    assertTrue(plan.err().contains("AWS_PROFILE"), plan.err());

    Run noRegion = jar(home, CREDENTIALS, "plan", Emulator.seed().toString());
    assertEquals(1, noRegion.code());
    assertTrue(noRegion.err().startsWith("error: no AWS region: give --region"), noRegion.err());
  }

  @Test
  void everyCommandThatCallsAwsSaysFirstWhichAccountRegionAndEndpoint(Emulator aws) {
    Cli.Result plan = Cli.against(aws, "plan", Emulator.seed().toString());
    assertEquals(0, plan.exitCode(), plan.err());
    assertEquals(
        "ecsgate: account 123456789012 (arn:aws:sts::123456789012:user/moto), region us-west-2,"
            + " endpoint "
            + aws.endpoint(),
        plan.err().lines().findFirst().orElse(""));
    assertTrue(plan.out().startsWith("Plan: "), plan.out());
  }

  @Test
  void expectAccountRefusesAnotherAccountBeforeReadingAnything(Emulator aws) {
    Cli.Result plan =
        Cli.against(aws, "--expect-account=999999999999", "apply", Emulator.seed().toString());
    assertEquals(1, plan.exitCode());
    assertTrue(
        plan.err()
            .contains(
                "error: the credentials are of account 123456789012, but --expect-account is"
                    + " 999999999999; nothing was read or changed"),
        plan.err());
    assertEquals("", plan.out());
    assertTrue(aws.clients().ecs().listClusters().clusterArns().isEmpty(), "nothing created");

    Cli.Result right =
        Cli.against(aws, "--expect-account=123456789012", "plan", Emulator.seed().toString());
    assertEquals(0, right.exitCode(), right.err());
  }
}
