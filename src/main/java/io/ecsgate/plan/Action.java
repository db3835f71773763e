package io.ecsgate.plan;

import java.util.List;

/**
 * One planned change to one resource: what it is ({@code kind}, {@code name}), what happens ({@code
 * verb}), which fields change and how ({@code changes}), the executable {@code step}, and a human
 * {@code reason} where the verb alone does not explain it.
 */
public record Action(
    String kind, String name, Verb verb, List<Change> changes, Step step, String reason) {

  public Action {
    changes = List.copyOf(changes);
  }

  public static Action create(String kind, String name, Step step, List<Change> changes) {
    return new Action(kind, name, Verb.CREATE, changes, step, "");
  }

  public static Action update(String kind, String name, Step step, List<Change> changes) {
    return new Action(kind, name, Verb.UPDATE, changes, step, "");
  }

  public static Action adopt(String kind, String name, Step step) {
    return new Action(
        kind,
        name,
        Verb.ADOPT,
        List.of(),
        step,
        "takes over the existing resource (adds ecsgate's tags)");
  }

  public static Action delete(String kind, String name, Step step, String reason) {
    return new Action(kind, name, Verb.DELETE, List.of(), step, reason);
  }

  public static Action blocked(String kind, String name, String reason) {
    return new Action(kind, name, Verb.BLOCKED, List.of(), null, reason);
  }

  public Action because(String why) {
    return new Action(kind, name, verb, changes, step, why);
  }

  public boolean isBlocked() {
    return verb == Verb.BLOCKED;
  }

  public Key key() {
    return Key.of(kind, name);
  }
}
