package io.ecsgate.core;

import java.util.List;

/** Every action's outcome, in execution order; failures of many resources in one report. */
public record ApplyResult(List<Outcome> outcomes) {
  public ApplyResult {
    outcomes = List.copyOf(outcomes);
  }

  public long count(Outcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  public boolean succeeded() {
    return count(Outcome.Status.FAILED) == 0 && count(Outcome.Status.SKIPPED) == 0;
  }

  public String summary() {
    return count(Outcome.Status.DONE)
        + " done, "
        + count(Outcome.Status.FAILED)
        + " failed, "
        + count(Outcome.Status.SKIPPED)
        + " skipped";
  }
}
