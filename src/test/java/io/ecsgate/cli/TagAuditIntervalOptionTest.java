package io.ecsgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.TagAudit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run --tag-audit-interval}: the time between cycles that read every tag. */
class TagAuditIntervalOptionTest {
  private static Duration parsed(String... args) {
    CommandLine.ParseResult result = Main.commandLine().parseArgs(args);
    return result.subcommand().matchedOptionValue("--tag-audit-interval", null) == null
        ? ((RunCommand) result.subcommand().commandSpec().userObject()).tagAuditInterval
        : result.subcommand().matchedOptionValue("--tag-audit-interval", null);
  }

  @Test
  void theDefaultIsTenMinutes() {
    assertEquals(TagAudit.DEFAULT_INTERVAL, parsed("run", "x.yaml"));
    assertEquals(Duration.ofMinutes(10), TagAudit.DEFAULT_INTERVAL);
  }

  @Test
  void anIntervalIsReadAsTheOtherDurationsAreAndZeroAuditsEveryCycle() {
    assertEquals(Duration.ofMinutes(2), parsed("run", "x.yaml", "--tag-audit-interval=2m"));
    assertEquals(Duration.ZERO, parsed("run", "x.yaml", "--tag-audit-interval", "0s"));
  }

  @Test
  void aNegativeIntervalIsAUsageErrorBeforeAnyAwsCall() {
    CliConventionsTest.Run run =
        CliConventionsTest.run("run", "x.yaml", "--tag-audit-interval=PT-1S");
    assertNotEquals(0, run.code());
    assertTrue(run.err().contains("--tag-audit-interval must not be negative"), run.err());
  }

  @Test
  void onlyRunHasTheOption() {
    for (String command : new String[] {"plan", "apply"}) {
      CliConventionsTest.Run run =
          CliConventionsTest.run(command, "x.yaml", "--tag-audit-interval=1m");
      assertNotEquals(0, run.code(), command);
      assertTrue(run.err().contains("--tag-audit-interval"), run.err());
    }
  }
}
