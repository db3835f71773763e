package io.ecsgate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The ordered actions one cycle would execute, plus the ARNs already known for {@link Key}s and
 * notes about work deferred to a later cycle. Creates and updates run forward in {@link Kinds}
 * order; deletes run afterwards in reverse, so nothing is deleted while still referenced.
 */
public record Plan(List<Action> actions, Map<Key, String> knownIds, List<String> notes) {

  public Plan {
    actions = sorted(actions);
    knownIds = Map.copyOf(knownIds);
    notes = List.copyOf(notes);
  }

  public boolean hasChanges() {
    return actions.stream().anyMatch(a -> !a.isBlocked());
  }

  public boolean isBlocked() {
    return actions.stream().anyMatch(Action::isBlocked);
  }

  public List<Action> blocked() {
    return actions.stream().filter(Action::isBlocked).toList();
  }

  public List<Action> executable() {
    return actions.stream().filter(a -> !a.isBlocked()).toList();
  }

  private static List<Action> sorted(List<Action> actions) {
    List<Action> copy = new ArrayList<>(actions);
    copy.sort(Comparator.comparingInt(Plan::rank));
    return List.copyOf(copy);
  }

  private static int rank(Action action) {
    int kind = Kinds.order(action.kind());
    return action.verb() == Verb.DELETE ? 1000 - kind : kind;
  }
}
