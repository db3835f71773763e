package io.ecsgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** The command line's conventions: help everywhere, global options anywhere, colours, progress. */
class CliConventionsTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<String> subcommands() {
    return Main.commandLine().getSubcommands().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("subcommands")
  void everySubcommandAnswersHelpWithExitZeroEvenWithoutItsRequiredArguments(String name) {
    for (String flag : List.of("--help", "-h")) {
      Run help = run(name, flag);
      assertEquals(0, help.code(), name + " " + flag + ": " + help.err());
      assertTrue(help.out().contains("Usage: ecsgate " + name), help.out());
      assertEquals("", help.err());
    }
    Run viaHelp = run("help", name);
    assertEquals(0, viaHelp.code(), viaHelp.err());
    assertTrue(viaHelp.out().contains("Usage: ecsgate " + name), viaHelp.out());
  }

  @Test
  void theSubcommandsAreTheOnesReadmeLists() {
    assertEquals(
        List.of(
            "validate",
            "plan",
            "apply",
            "run",
            "demo",
            "schema",
            "export",
            "help",
            "generate-completion"),
        subcommands().toList());
  }

  @Test
  void globalOptionsAreTakenBeforeOrAfterTheCommandsName() {
    Main before = new Main();
    new CommandLine(before)
        .parseArgs("--region", "eu-west-1", "--expect-account", "111122223333", "plan", "x.yaml");
    assertEquals("eu-west-1", before.aws.region);
    assertEquals("111122223333", before.aws.expectAccount);

    Main after = new Main();
    new CommandLine(after).parseArgs("plan", "x.yaml", "--region", "eu-west-1", "--quiet");
    assertEquals("eu-west-1", after.aws.region);
    assertTrue(after.output.quiet);
  }

  @Test
  void aCommandRunFromClassesSaysItIsNotABuiltJar() {
    Run version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("ecsgate dev"), version.out());
  }

  @Test
  void completionIsABashAndZshScriptForEverySubcommand() {
    Run completion = run("generate-completion");
    assertEquals(0, completion.code(), completion.err());
    assertTrue(completion.out().contains("complete -F"), "a bash completion function");
    assertTrue(completion.out().contains("compinit"), "zsh through bashcompinit");
    for (String name : List.of("validate", "plan", "apply", "run"))
      assertTrue(completion.out().contains(name), name);
    assertTrue(completion.out().contains("--expect-account"), "global options complete too");
  }

  @Test
  void planLinesAreColouredByVerbOnATerminalAndPlainOtherwise() {
    Action create = action("TargetGroup", "tg", Change.of("port", "(none)", "80"));
    Outcome done = Outcome.done(create, "");

    StringWriter coloured = new StringWriter();
    PlanPrinter.outcome(done, new PrintWriter(coloured), Ansi.ON);
    assertTrue(
        coloured.toString().startsWith("  \u001b[32m+\u001b[39m\u001b[0m TargetGroup tg"),
        coloured.toString());

    StringWriter plain = new StringWriter();
    PlanPrinter.outcome(done, new PrintWriter(plain), Ansi.OFF);
    assertTrue(plain.toString().startsWith("  + TargetGroup tg ... ok"), plain.toString());
    assertFalse(plain.toString().contains("\u001b"));
  }

  @Test
  void theProgressLineIsRewrittenAfterEachCallAndErasedBeforeTheResult() {
    StringWriter err = new StringWriter();
    ProgressLine line = new ProgressLine(new PrintWriter(err), true);
    line.call("elb", "DescribeLoadBalancers", "success", Duration.ZERO, 0);
    line.call("ecs", "UpdateService", "success", Duration.ZERO, 2);
    line.clear();
    assertEquals(
        "\r\u001b[Kreading AWS: 1 read(s), 0 write(s); last elb DescribeLoadBalancers"
            + "\r\u001b[Kapplying: 1 read(s), 1 write(s); last ecs UpdateService (throttled 2x)"
            + "\r\u001b[K",
        err.toString());

    StringWriter quiet = new StringWriter();
    ProgressLine off = new ProgressLine(new PrintWriter(quiet), false);
    off.call("elb", "DescribeLoadBalancers", "success", Duration.ZERO, 0);
    off.clear();
    assertEquals("", quiet.toString(), "no terminal or --quiet: nothing");
  }

  private static Action action(String kind, String name, Change change) {
    return Action.create(kind, name, (aws, ids) -> "", List.of(change));
  }
}
