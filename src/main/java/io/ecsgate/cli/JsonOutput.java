package io.ecsgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.controller.Convergence;
import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.Key;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Plan;
import io.ecsgate.core.Wait;
import io.ecsgate.core.Withheld;
import io.ecsgate.yaml.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable output of {@code plan --json}, {@code apply --json} and {@code validate
 * --json}: one JSON document, versioned by {@code format_version}, whose JSON Schema is
 * schema/plan.schema.json (README, "The JSON output").
 */
final class JsonOutput {
  /** Raised for a change a consumer must know of: a field removed, renamed or retyped. */
  static final String FORMAT_VERSION = "1.0";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  static void plan(Plan plan, PrintWriter out) {
    ObjectNode root = document("plan");
    root.setAll(plan(plan));
    print(root, out);
  }

  static void valid(DesiredState desired, PrintWriter out) {
    ObjectNode root = document("validate");
    root.put("valid", true);
    root.put("resources", desired.size());
    root.put("revision", desired.revision());
    ArrayNode files = root.putArray("files");
    desired.files().forEach(files::add);
    root.putArray("problems");
    print(root, out);
  }

  static void invalid(List<Problem> problems, PrintWriter out) {
    ObjectNode root = document("validate");
    root.put("valid", false);
    root.putNull("resources");
    root.putNull("revision");
    root.putNull("files");
    ArrayNode list = root.putArray("problems");
    for (Problem problem : problems)
      list.addObject()
          .put("file", problem.at().file())
          .put("line", problem.at().line())
          .put("column", problem.at().column())
          .put("message", problem.message())
          .put("rule", name(problem.rule()));
    print(root, out);
  }

  /** Collects an apply's passes and outcomes, and prints them as one document at the end. */
  static final class Apply implements Convergence.Progress {
    private final ObjectNode root = document("apply");
    private final ArrayNode passes = root.putArray("passes");
    private ArrayNode outcomes;

    @Override
    public void planned(Plan plan, int pass) {
      ObjectNode node = passes.addObject();
      node.put("pass", pass);
      node.set("plan", plan(plan));
      outcomes = node.putArray("outcomes");
    }

    @Override
    public void outcome(Outcome outcome) {
      Action action = outcome.action();
      ObjectNode node =
          outcomes
              .addObject()
              .put("kind", action.kind())
              .put("name", action.name())
              .put("verb", name(action.verb()))
              .put("status", name(outcome.status()));
      if (outcome.message().isEmpty()) node.putNull("message");
      else node.put("message", outcome.message());
    }

    void print(Convergence result, PrintWriter out) {
      Plan last = result.lastPlan();
      boolean refused = last.isBlocked() && result.changes() == 0 && result.passes() == 1;
      root.putObject("result")
          .put("outcome", refused ? "refused" : result.succeeded() ? "applied" : "failed")
          .put("succeeded", result.succeeded())
          .put("changes", result.changes())
          .put("passes", result.passes())
          .put("blocked", last.blocked().size())
          .put("waiting", last.waits().size());
      JsonOutput.print(root, out);
    }
  }

  private static ObjectNode document(String command) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("command", command);
    return root;
  }

  /** A plan's parts: summary, actions, withheld deletions, waits and notes. */
  private static ObjectNode plan(Plan plan) {
    ObjectNode node = JSON.createObjectNode();
    node.putObject("summary")
        .put("changes", plan.executable().size())
        .put("blocked", plan.blocked().size())
        .put("withheld", plan.withheld().size())
        .put("waiting", plan.waits().size())
        .put("differences", plan.hasDifferences());
    ArrayNode actions = node.putArray("actions");
    for (Action action : plan.actions()) action(actions.addObject(), action, action.reason());
    ArrayNode withheld = node.putArray("withheld");
    for (Withheld w : plan.withheld())
      action(withheld.addObject(), w.action(), w.why().text()).put("withheld", name(w.why()));
    ArrayNode waits = node.putArray("waiting");
    for (Wait wait : plan.waits()) {
      ObjectNode entry = waits.addObject();
      entry.put("kind", wait.subject().kind()).put("name", wait.subject().name());
      key(entry.putObject("waits_for"), wait.on());
      entry.put("reason", wait.why());
    }
    ArrayNode notes = node.putArray("notes");
    plan.notes().forEach(notes::add);
    ArrayNode untracked = node.putArray("untracked");
    for (Inventory.Untracked u : plan.untracked())
      untracked.addObject().put("kind", u.kind()).put("name", u.name()).put("id", u.id());
    node.put("inventory", name(plan.inventory().source()));
    return node;
  }

  private static ObjectNode action(ObjectNode node, Action action, String reason) {
    node.put("kind", action.kind());
    node.put("name", action.name());
    node.put("verb", name(action.verb()));
    if (reason.isEmpty()) node.putNull("reason");
    else node.put("reason", reason);
    node.put("deletes", name(action.deletes()));
    ArrayNode changes = node.putArray("changes");
    for (Change change : action.changes()) {
      ObjectNode entry = changes.addObject();
      entry.put("field", change.field());
      entry.set("before", JSON.valueToTree(change.actualValue()));
      entry.set("after", JSON.valueToTree(change.desiredValue()));
      entry.put("hidden", change.hidden());
    }
    return node;
  }

  private static void key(ObjectNode node, Key key) {
    node.put("kind", key.kind()).put("name", key.name());
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static void print(ObjectNode root, PrintWriter out) {
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }
}
