package io.ecsgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.apply.Outcome;
import io.ecsgate.plan.Action;
import io.ecsgate.plan.Change;
import io.ecsgate.plan.Plan;
import io.ecsgate.plan.Verb;
import java.io.PrintWriter;

/** Renders plans and outcomes for people (one line a resource, one a field) and as JSON. */
final class PlanPrinter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanPrinter() {}

  static void human(Plan plan, PrintWriter out) {
    long changes = plan.executable().size();
    if (changes == 0 && !plan.isBlocked()) {
      out.println("No changes. Live AWS matches the desired state.");
    } else {
      out.println(
          "Plan: "
              + changes
              + " change(s)"
              + (plan.isBlocked() ? ", " + plan.blocked().size() + " blocked" : "")
              + ".");
      for (Action action : plan.actions()) {
        out.println(
            "  "
                + action.verb().symbol()
                + " "
                + action.kind()
                + " "
                + action.name()
                + " ("
                + action.verb().name().toLowerCase()
                + ")"
                + (action.reason().isEmpty() ? "" : ": " + action.reason()));
        for (Change change : action.changes()) out.println("      " + change);
      }
    }
    for (String note : plan.notes()) out.println("  note: " + note);
    out.flush();
  }

  static void json(Plan plan, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("changes", plan.executable().size());
    root.put("blocked", plan.blocked().size());
    ArrayNode actions = root.putArray("actions");
    for (Action action : plan.actions()) {
      ObjectNode node = actions.addObject();
      node.put("kind", action.kind());
      node.put("name", action.name());
      node.put("action", action.verb().name().toLowerCase());
      if (!action.reason().isEmpty()) node.put("reason", action.reason());
      ArrayNode fields = node.putArray("changes");
      for (Change change : action.changes()) {
        fields
            .addObject()
            .put("field", change.field())
            .put("actual", change.actual())
            .put("desired", change.desired());
      }
    }
    ArrayNode notes = root.putArray("notes");
    plan.notes().forEach(notes::add);
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  static void outcome(Outcome outcome, PrintWriter out) {
    Action action = outcome.action();
    String status =
        switch (outcome.status()) {
          case DONE -> "ok";
          case FAILED -> "FAILED";
          case SKIPPED -> "skipped";
        };
    out.println(
        "  "
            + action.verb().symbol()
            + " "
            + action.kind()
            + " "
            + action.name()
            + " ... "
            + status
            + (outcome.message().isEmpty() ? "" : ": " + outcome.message()));
    if (outcome.status() == Outcome.Status.DONE && action.verb() != Verb.DELETE) {
      for (Change change : action.changes()) out.println("      " + change);
    }
    out.flush();
  }
}
