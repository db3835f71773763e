package io.ecsgate.yaml;

import io.ecsgate.core.EcsgateException;
import java.util.List;
import java.util.stream.Collectors;

/** The desired state cannot be used; carries every problem, each at its place. */
public final class InvalidDesiredStateException extends EcsgateException {
  private final List<Problem> problems;

  public InvalidDesiredStateException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
