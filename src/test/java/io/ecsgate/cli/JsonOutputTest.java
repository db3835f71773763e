package io.ecsgate.cli;

import static io.ecsgate.testing.Fixtures.desired;
import static io.ecsgate.testing.Fixtures.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.ecsgate.controller.Convergence;
import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Wait;
import io.ecsgate.kinds.elb.TargetGroupStep;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Fixtures;
import io.ecsgate.testing.JsonSchemas;
import io.ecsgate.yaml.BadInputCorpus;
import io.ecsgate.yaml.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** plan, apply and validate --json print documents that schema/plan.schema.json accepts. */
class JsonOutputTest {
  private static final Schema SCHEMA = JsonSchemas.load(JsonSchemas.PLAN);

  private static final String RULE =
      """
      apiVersion: ecsgate/v1
      kind: ListenerRule
      metadata: {name: a}
      spec: {loadBalancer: alb, port: 80, priority: 10, pathPatterns: [/a], forward: web}
      """;

  private static final String IP_GROUP =
      """
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: nlb-group}
      spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}
      """;

  @Test
  void theSchemaIsValidDraft07() {
    assertEquals(List.of(), JsonSchemas.metaSchemaErrors(JsonSchemas.PLAN));
  }

  @Test
  void aPlanOfCreatesHasTypedValuesAndNullForAbsent() {
    JsonNode plan = plan(new Fixtures.Account().plan(desired(stack()), PlanOptions.DEFAULT));

    assertEquals("1.0", plan.get("format_version").asText());
    assertEquals("plan", plan.get("command").asText());
    JsonNode group = action(plan, "TargetGroup", "web");
    assertEquals("create", group.get("verb").asText());
    assertTrue(group.get("reason").isNull(), group.toString());
    JsonNode port = change(group, "port");
    assertTrue(port.get("before").isNull(), "absent is null, not \"(none)\": " + port);
    assertTrue(port.get("after").isInt(), "a number is a number: " + port);
    assertEquals(80, port.get("after").asInt());
    JsonNode subnets = change(action(plan, "LoadBalancer", "alb"), "subnets");
    assertTrue(subnets.get("after").isArray(), "a list is a list: " + subnets);
    assertEquals(2, subnets.get("after").size());
  }

  @Test
  void aPlanOfAnUpdateShowsBeforeAndAfter() {
    Fixtures.Account account = new Fixtures.Account();
    account.alb("alb", account.targetGroup("web", "web", "HTTP", 80, "/old", true));

    JsonNode plan = plan(account.plan(desired(stack()), PlanOptions.DEFAULT));

    JsonNode path = change(action(plan, "TargetGroup", "web"), "healthCheck.path");
    assertEquals("/old", path.get("before").asText());
    assertEquals("/health-check", path.get("after").asText());
    assertEquals(1, plan.get("summary").get("changes").asInt());
    assertTrue(plan.get("summary").get("differences").asBoolean());
  }

  @Test
  void anUndeclaredRuleIsWithheldWithoutPruneAndDeletedWithIt() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    String listener = account.alb("alb", tg);
    account.rule(listener, "old", 5, "/old", tg, true);
    account.rule(listener, "a", 10, "/a", tg, true);

    JsonNode withheld = plan(account.plan(desired(stack(RULE)), PlanOptions.DEFAULT));
    JsonNode pruned = plan(account.plan(desired(stack(RULE)), PlanOptions.DEFAULT.withPrune(true)));

    JsonNode entry = withheld.get("withheld").get(0);
    assertEquals("old", entry.get("name").asText());
    assertEquals("needs_prune", entry.get("withheld").asText());
    assertEquals("would be deleted with --prune", entry.get("reason").asText());
    assertEquals(0, withheld.get("actions").size());
    JsonNode delete = action(pruned, "ListenerRule", "old");
    assertEquals("delete", delete.get("verb").asText());
    assertEquals("undeclared", delete.get("deletes").asText());
  }

  @Test
  void aBlockedActionCarriesItsReason() {
    Fixtures.Account account = new Fixtures.Account();
    account.targetGroup("web", "web", "HTTP", 80, "/other", false);

    JsonNode plan = plan(account.plan(desired(stack()), PlanOptions.DEFAULT));

    JsonNode blocked = action(plan, "TargetGroup", "web");
    assertEquals("blocked", blocked.get("verb").asText());
    assertFalse(blocked.get("reason").asText().isBlank(), blocked.toString());
    assertEquals(1, plan.get("summary").get("blocked").asInt());
  }

  @Test
  void waitingWorkNamesWhatItWaitsFor() {
    JsonNode plan =
        plan(new Fixtures.Account().plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT));

    JsonNode wait = plan.get("waiting").get(0);
    assertEquals("NlbTargets", wait.get("kind").asText());
    assertEquals("nlb-group", wait.get("name").asText());
    assertEquals("LoadBalancer", wait.get("waits_for").get("kind").asText());
    assertEquals("alb", wait.get("waits_for").get("name").asText());
    assertTrue(wait.get("reason").asText().contains("to exist"), wait.toString());
  }

  @Test
  void aNoOpPlanHasNoDifferences() {
    Fixtures.Account account = new Fixtures.Account();
    account.alb("alb", account.targetGroup("web", "web", "HTTP", 80, "/health-check", true));

    JsonNode plan = plan(account.plan(desired(stack()), PlanOptions.DEFAULT));

    assertEquals(0, plan.get("actions").size());
    assertFalse(plan.get("summary").get("differences").asBoolean());
  }

  @Test
  void secretsStayHiddenAsInTheTextPlan() {
    Change secret = Change.of("containers[web].environment.DB_PASSWORD", "hunter2", "s3cret");
    Change added = Change.of("containers[web].secrets.TOKEN", "(none)", "arn:aws:ssm:x");
    Plan plan =
        new Plan(
            List.of(
                Action.update(
                    "TaskDefinition",
                    "web",
                    new TargetGroupStep.Delete("arn"),
                    List.of(secret, added))),
            Map.of(),
            List.of());

    JsonNode changes = plan(plan).get("actions").get(0).get("changes");

    assertEquals("(hidden)", changes.get(0).get("before").asText());
    assertEquals("(hidden, changed)", changes.get(0).get("after").asText());
    assertTrue(changes.get(0).get("hidden").asBoolean());
    assertTrue(changes.get(1).get("before").isNull());
    assertEquals("(hidden)", changes.get(1).get("after").asText());
    assertFalse(
        changes.toString().contains("hunter2") || changes.toString().contains("arn:aws:ssm"));
  }

  @Test
  void anApplyReportsEachPassItsOutcomesAndTheResult() {
    Fixtures.Account account = new Fixtures.Account();
    Plan first = account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT);
    Plan second =
        new Plan(
            List.of(),
            Map.of(),
            List.of(
                new Wait(Key.of("NlbTargets", "nlb-group"), Key.of("LoadBalancer", "alb"), "x")),
            List.of(),
            List.of());
    JsonOutput.Apply report = new JsonOutput.Apply();
    report.planned(first, 1);
    List<Action> actions = first.executable();
    report.outcome(Outcome.done(actions.get(0), ""));
    report.outcome(Outcome.failed(actions.get(1), "AccessDenied: not allowed"));
    report.outcome(Outcome.skipped(actions.get(2), "needs a failed action"));
    report.planned(second, 2);

    JsonNode apply = print(out -> report.print(new Convergence(2, 1, false, second), out));

    assertEquals("apply", apply.get("command").asText());
    assertEquals(2, apply.get("passes").size());
    JsonNode outcomes = apply.get("passes").get(0).get("outcomes");
    assertEquals(
        List.of("done", "failed", "skipped"),
        List.of(outcomes.get(0), outcomes.get(1), outcomes.get(2)).stream()
            .map(o -> o.get("status").asText())
            .toList());
    assertTrue(outcomes.get(0).get("message").isNull());
    assertEquals("AccessDenied: not allowed", outcomes.get(1).get("message").asText());
    assertEquals("failed", apply.get("result").get("outcome").asText());
    assertEquals(1, apply.get("result").get("changes").asInt());
    assertEquals(1, apply.get("result").get("waiting").asInt());
  }

  @Test
  void aBlockedApplyIsRefused() {
    Fixtures.Account account = new Fixtures.Account();
    account.targetGroup("web", "web", "HTTP", 80, "/other", false);
    Plan blocked = account.plan(desired(stack()), PlanOptions.DEFAULT);
    JsonOutput.Apply report = new JsonOutput.Apply();
    report.planned(blocked, 1);

    JsonNode apply = print(out -> report.print(new Convergence(1, 0, false, blocked), out));

    assertEquals("refused", apply.get("result").get("outcome").asText());
    assertEquals(0, apply.get("passes").get(0).get("outcomes").size());
  }

  @Test
  void validateJsonListsTheFilesOfAValidState() {
    Cli.Result result = Cli.run("validate", "--json", "desired-state");

    assertEquals(0, result.exitCode(), result.err());
    JsonNode validate = valid(result.out());
    assertTrue(validate.get("valid").asBoolean());
    assertEquals(7, validate.get("files").size());
    assertEquals(0, validate.get("problems").size());
  }

  @Test
  void validateJsonReportsEveryProblemWithFileLineAndColumn() {
    Path bad =
        BadInputCorpus.DIR.resolve("04-a-string-where-a-number-belongs-is-a-type-error.yaml");

    Cli.Result result = Cli.run("validate", "--json", bad.toString());

    assertEquals(1, result.exitCode());
    assertEquals("", result.err(), "the problems are in the JSON, nothing else is printed");
    JsonNode validate = valid(result.out());
    assertFalse(validate.get("valid").asBoolean());
    JsonNode problem = validate.get("problems").get(0);
    assertEquals(bad.toString(), problem.get("file").asText());
    assertEquals(6, problem.get("line").asInt());
    assertEquals(38, problem.get("column").asInt());
    assertEquals("port must be an integer, got a string", problem.get("message").asText());
    assertEquals("type", problem.get("rule").asText());
  }

  @Test
  void theSchemaNamesEveryRuleAProblemCanBreak() {
    JsonNode rules =
        JsonSchemas.json(JsonSchemas.read(JsonSchemas.PLAN))
            .at("/definitions/validateDocument/properties/problems/items/properties/rule/enum");
    List<String> named = new ArrayList<>();
    rules.forEach(r -> named.add(r.asText()));
    assertEquals(
        Arrays.stream(Problem.Rule.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList(),
        named);
  }

  @Test
  void theTextPlanIsUnchanged() {
    Fixtures.Account account = new Fixtures.Account();
    account.alb("alb", account.targetGroup("web", "web", "HTTP", 80, "/old", true));
    StringWriter text = new StringWriter();

    PlanPrinter.human(account.plan(desired(stack()), PlanOptions.DEFAULT), new PrintWriter(text));

    assertEquals(
        "Plan: 1 change(s).\n  ~ TargetGroup web (update)\n      healthCheck.path: /old -> /health-check\n",
        text.toString());
  }

  // --- helpers

  private static JsonNode plan(Plan plan) {
    return print(out -> JsonOutput.plan(plan, out));
  }

  private static JsonNode print(Consumer<PrintWriter> printer) {
    StringWriter text = new StringWriter();
    printer.accept(new PrintWriter(text));
    return valid(text.toString());
  }

  /** The document, after checking it against schema/plan.schema.json. */
  private static JsonNode valid(String text) {
    JsonNode document = JsonSchemas.json(text);
    List<Error> errors = SCHEMA.validate(document);
    assertEquals(List.of(), errors.stream().map(Error::toString).toList(), text);
    return document;
  }

  private static JsonNode action(JsonNode plan, String kind, String name) {
    for (JsonNode action : plan.get("actions"))
      if (action.get("kind").asText().equals(kind) && action.get("name").asText().equals(name))
        return action;
    throw new AssertionError("no " + kind + " " + name + " in " + plan);
  }

  private static JsonNode change(JsonNode action, String field) {
    for (JsonNode change : action.get("changes"))
      if (change.get("field").asText().equals(field)) return change;
    throw new AssertionError("no change of " + field + " in " + action);
  }
}
