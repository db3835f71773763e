package io.ecsgate.core;

/**
 * What an action deletes, which decides the guards it passes (see {@link PlanBuilder#delete}):
 * {@link #UNDECLARED} needs {@code --prune}; {@code UNDECLARED}, {@link #REPLACED} and {@link
 * #DUPLICATE} count against {@code --max-deletes}; every kind but {@link #NOTHING} counts for the
 * mass-deletion guard.
 */
public enum Deletes {
  /** Creates, updates and adoptions. */
  NOTHING(false, false),
  /** A part of a declared resource (a route, a method, a scaling target): an update. */
  PART(false, false),
  /** The old half of a replacement. */
  REPLACED(false, true),
  /** A second copy of a declared resource (a duplicate rule, a rule moved to another listener). */
  DUPLICATE(false, true),
  /** An owned resource the desired state no longer declares. */
  UNDECLARED(true, true),
  /**
   * A part of an owned resource that is being deleted (a pruned service's scalable target, its task
   * definition revisions): deleted exactly when that resource is, withheld when it is, never
   * budgeted on its own ({@link PlanBuilder#deleteWith}).
   */
  WITH_OWNER(false, false);

  private final boolean needsPrune;
  private final boolean budgeted;

  Deletes(boolean needsPrune, boolean budgeted) {
    this.needsPrune = needsPrune;
    this.budgeted = budgeted;
  }

  /** Only with {@code --prune}. */
  public boolean needsPrune() {
    return needsPrune;
  }

  /** Counts against {@code --max-deletes}. */
  public boolean budgeted() {
    return budgeted;
  }

  public boolean deletesSomething() {
    return this != NOTHING;
  }
}
