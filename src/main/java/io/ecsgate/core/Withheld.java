package io.ecsgate.core;

/**
 * A deletion the plan knows about but will not run, and why: it needs {@code --prune}, the {@code
 * --max-deletes} budget is spent, or the mass-deletion guard refused it. Shown in every plan, never
 * executed.
 */
public record Withheld(Action action, Why why) {

  public enum Why {
    NEEDS_PRUNE("would be deleted with --prune"),
    OVER_BUDGET("deferred: --max-deletes reached; deleted in a later apply or cycle"),
    MASS_DELETION("refused by the mass-deletion guard (--allow-mass-delete)"),
    PRUNES_EVERYTHING("refused: the desired state declares none of what this controller owns");

    private final String text;

    Why(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }
}
