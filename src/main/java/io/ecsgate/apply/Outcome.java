package io.ecsgate.apply;

import io.ecsgate.plan.Action;

/** What happened to one action: done, failed (with the AWS error) or skipped (and why). */
public record Outcome(Action action, Status status, String message) {
  public enum Status {
    DONE,
    FAILED,
    SKIPPED
  }

  public static Outcome done(Action action, String message) {
    return new Outcome(action, Status.DONE, message);
  }

  public static Outcome failed(Action action, String message) {
    return new Outcome(action, Status.FAILED, message);
  }

  public static Outcome skipped(Action action, String message) {
    return new Outcome(action, Status.SKIPPED, message);
  }
}
