package io.ecsgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --pass-role} on plan, apply and run: role ARNs or names, checked when parsed. */
class PassRoleOptionTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/web-task";

  private static CommandLine cli() {
    return Main.commandLine(
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  @Test
  void rolesAreGivenRepeatedOrCommaSeparatedOnPlanApplyAndRun() {
    for (String command : List.of("plan", "apply", "run")) {
      CommandLine.ParseResult parsed =
          cli()
              .parseArgs(
                  command,
                  "x.yaml",
                  "--pass-role",
                  ROLE + ",ecsTaskExecution",
                  "--pass-role",
                  "arn:aws:iam::123456789012:role/service/path/api");
      List<String> roles = parsed.subcommand().matchedOption("--pass-role").getValue();
      assertEquals(
          List.of(ROLE, "ecsTaskExecution", "arn:aws:iam::123456789012:role/service/path/api"),
          roles,
          command);
    }
  }

  @Test
  void anythingButARoleArnOrNameIsRefusedNamingTheValue() {
    for (String bad :
        List.of("arn:aws:iam::123:role/x", "arn:aws:s3:::bucket", "*", "role name with spaces")) {
      CommandLine.ParameterException refused =
          assertThrows(
              CommandLine.ParameterException.class,
              () -> cli().parseArgs("apply", "x.yaml", "--pass-role", bad),
              bad);
      assertTrue(refused.getMessage().contains("'" + bad + "'"), refused.getMessage());
      assertTrue(refused.getMessage().contains("IAM role ARN"), refused.getMessage());
    }
  }

  @Test
  void theOptionReachesThePlanOptions() {
    ApplyOptions options = new ApplyOptions();
    new CommandLine(options).parseArgs("--pass-role", ROLE);
    assertEquals(List.of(ROLE), options.planOptions().passRoles());
    assertTrue(options.planOptions().mayPassRole(ROLE));
    assertTrue(!options.planOptions().mayPassRole("arn:aws:iam::123456789012:role/admin"));
    assertTrue(new ApplyOptions().planOptions().mayPassRole("arn:aws:iam::1:role/any"), "default");
  }
}
