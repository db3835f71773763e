package io.ecsgate.cli;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.ObservationFailure;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Plan;
import io.ecsgate.core.Verb;
import io.ecsgate.core.Wait;
import io.ecsgate.core.Withheld;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;

/**
 * Renders plans and outcomes for people: one line a resource, one a field ({@link JsonOutput} for
 * machines).
 */
final class PlanPrinter {
  private PlanPrinter() {}

  static void human(Plan plan, PrintWriter out) {
    human(plan, out, Ansi.OFF);
  }

  /**
   * The plan for people; with colours on a terminal ({@code ansi} on), as Terraform colours its
   * plans: {@code +} green, {@code ~} yellow, {@code &} cyan, {@code -} and {@code !} red, {@code
   * ?} blue.
   */
  static void human(Plan plan, PrintWriter out, Ansi ansi) {
    if (!plan.hasDifferences()) {
      out.println("No changes. Live AWS matches the desired state.");
    } else {
      out.println(summary(plan));
      for (Action action : plan.actions()) {
        out.println(line(ansi, action, action.verb().name().toLowerCase(), action.reason()));
        for (Change change : action.changes()) out.println("      " + change);
      }
      for (Withheld withheld : plan.withheld()) {
        Action action = withheld.action();
        out.println(line(ansi, action, "not deleted", withheld.why().text()));
      }
      for (Wait wait : plan.waits())
        out.println(
            "  "
                + mark(ansi, "?", "blue")
                + " "
                + wait.subject().kind()
                + " "
                + wait.subject().name()
                + " (waiting): "
                + wait.why());
    }
    for (Inventory.Untracked u : plan.untracked())
      out.println(
          "  "
              + mark(ansi, "!", "red")
              + " "
              + u.kind()
              + " "
              + u.name()
              + " (not ecsgate's): "
              + u.id()
              + " is tagged as ecsgate's but not in the inventory; it is never changed or deleted"
              + " (metadata.adopt: true takes it over)");
    if (!plan.untracked().isEmpty() && plan.inventory().source() == Inventory.Source.NO_TABLE)
      out.println(
          "  note: the state table does not exist yet, so the inventory is empty and no resource is"
              + " ecsgate's; apply creates the table and records what it creates or adopts");
    for (String note : plan.notes()) out.println("  note: " + note);
    out.flush();
  }

  private static String summary(Plan plan) {
    StringBuilder text = new StringBuilder("Plan: " + plan.executable().size() + " change(s)");
    if (plan.isBlocked()) text.append(", ").append(plan.blocked().size()).append(" blocked");
    if (!plan.withheld().isEmpty())
      text.append(", ").append(plan.withheld().size()).append(" deletion(s) withheld");
    if (!plan.waits().isEmpty()) text.append(", ").append(plan.waits().size()).append(" waiting");
    return text.append('.').toString();
  }

  private static String line(Ansi ansi, Action action, String what, String reason) {
    return "  "
        + mark(ansi, action.verb())
        + " "
        + action.kind()
        + " "
        + action.name()
        + " ("
        + what
        + ")"
        + (reason.isEmpty() ? "" : ": " + reason);
  }

  /** The verb's symbol, in its colour when {@code ansi} is on. */
  private static String mark(Ansi ansi, Verb verb) {
    String colour =
        switch (verb) {
          case CREATE -> "green";
          case UPDATE -> "yellow";
          case ADOPT -> "cyan";
          case DELETE -> "red";
          case BLOCKED -> "bold,red";
        };
    return mark(ansi, verb.symbol(), colour);
  }

  private static String mark(Ansi ansi, String symbol, String colour) {
    return ansi.string("@|" + colour + " " + symbol + "|@");
  }

  /**
   * One {@code error: reading <family> failed ...} line per family whose reads failed (the plan's
   * blocked {@link ObservationFailure#KIND} actions), for stderr: the command exits 1 for them.
   */
  static void observationErrors(Plan plan, PrintWriter err) {
    for (Action action : plan.blocked())
      if (action.kind().equals(ObservationFailure.KIND)) err.println("error: " + action.reason());
    err.flush();
  }

  static void outcome(Outcome outcome, PrintWriter out) {
    outcome(outcome, out, Ansi.OFF);
  }

  static void outcome(Outcome outcome, PrintWriter out, Ansi ansi) {
    Action action = outcome.action();
    String status =
        switch (outcome.status()) {
          case DONE -> "ok";
          case FAILED -> "FAILED";
          case SKIPPED -> "skipped";
        };
    out.println(
        "  "
            + mark(ansi, action.verb())
            + " "
            + action.kind()
            + " "
            + action.name()
            + " ... "
            + (outcome.status() == Outcome.Status.FAILED ? mark(ansi, status, "bold,red") : status)
            + (outcome.message().isEmpty() ? "" : ": " + outcome.message()));
    if (outcome.status() == Outcome.Status.DONE && action.verb() != Verb.DELETE) {
      for (Change change : action.changes()) out.println("      " + change);
    }
    out.flush();
  }
}
