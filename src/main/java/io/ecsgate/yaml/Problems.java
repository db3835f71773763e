package io.ecsgate.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while loading, so that all are reported at once. */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  /** A problem with a rule of its own ({@link Problem.Rule#CONSTRAINT}). */
  public void add(Mark at, String message) {
    add(at, Problem.Rule.CONSTRAINT, message);
  }

  public void add(Mark at, Problem.Rule rule, String message) {
    found.add(new Problem(at, message, rule));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public int size() {
    return found.size();
  }

  public List<Problem> sorted() {
    return found.stream().sorted().distinct().toList();
  }

  public void throwIfAny() {
    if (!found.isEmpty()) throw new InvalidDesiredStateException(sorted());
  }
}
