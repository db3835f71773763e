package io.ecsgate.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while loading, so that all are reported at once. */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  public void add(Mark at, String message) {
    found.add(new Problem(at, message));
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
