package io.ecsgate.core;

/**
 * A deletion the plan knows about but will not run, and why: it needs {@code --prune}, the {@code
 * --max-deletes} budget is spent, or the mass-deletion guard refused it. Shown in every plan, never
 * executed.
 */
public record Withheld(Action action, Why why) {

  public enum Why {
    NEEDS_PRUNE,
    OVER_BUDGET,
    MASS_DELETION,
    PRUNES_EVERYTHING;

    /** What a person reads in the plan. */
    public String text() {
      return switch (this) {
        case NEEDS_PRUNE -> "would be deleted with --prune";
        case OVER_BUDGET -> "deferred: --max-deletes reached; deleted in a later apply or cycle";
        case MASS_DELETION -> "refused by the mass-deletion guard (--allow-mass-delete)";
        case PRUNES_EVERYTHING ->
            "refused: the desired state declares none of what this controller owns";
      };
    }
  }
}
