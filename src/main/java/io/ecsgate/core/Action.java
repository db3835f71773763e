package io.ecsgate.core;

import java.util.List;

/**
 * One planned change to one resource: what it is ({@code kind}, {@code name}), what happens ({@code
 * verb}), which fields change and how ({@code changes}), the executable {@code step}, a human
 * {@code reason} where the verb alone does not explain it, and what it {@code deletes} (which
 * decides the guards it passes). Deletions are made only through {@link PlanBuilder#delete} and
 * {@link PlanBuilder#removePart}, the one guarded path.
 */
public record Action(
    String kind,
    String name,
    Verb verb,
    List<Change> changes,
    Step step,
    String reason,
    Deletes deletes) {

  public Action {
    changes = List.copyOf(changes);
  }

  public static Action create(String kind, String name, Step step, List<Change> changes) {
    return new Action(kind, name, Verb.CREATE, changes, step, "", Deletes.NOTHING);
  }

  public static Action update(String kind, String name, Step step, List<Change> changes) {
    return new Action(kind, name, Verb.UPDATE, changes, step, "", Deletes.NOTHING);
  }

  public static Action adopt(String kind, String name, Step step) {
    return new Action(
        kind,
        name,
        Verb.ADOPT,
        List.of(),
        step,
        "takes over the existing resource (adds ecsgate's tags)",
        Deletes.NOTHING);
  }

  public static Action blocked(String kind, String name, String reason) {
    return new Action(kind, name, Verb.BLOCKED, List.of(), null, reason, Deletes.NOTHING);
  }

  /** A deletion; only {@link PlanBuilder} makes them, so that every one passes its guards. */
  static Action delete(
      String kind, String name, Step step, Deletes cause, List<Change> changes, String reason) {
    if (cause == Deletes.NOTHING) throw new IllegalArgumentException("a delete deletes something");
    return new Action(kind, name, Verb.DELETE, changes, step, reason, cause);
  }

  /** An update that removes a part of a declared resource; made by {@link PlanBuilder}. */
  static Action removal(String kind, String name, Step step, List<Change> changes) {
    return new Action(kind, name, Verb.UPDATE, changes, step, "", Deletes.PART);
  }

  public Action because(String why) {
    return new Action(kind, name, verb, changes, step, why, deletes);
  }

  public boolean isBlocked() {
    return verb == Verb.BLOCKED;
  }

  public Key key() {
    return Key.of(kind, name);
  }
}
