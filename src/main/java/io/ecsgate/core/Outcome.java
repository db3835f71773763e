package io.ecsgate.core;

import io.ecsgate.aws.AwsErrors;

/**
 * What happened to one action: done, failed (with the AWS error) or skipped (and why). A {@code
 * terminal} failure is one AWS refused as invalid: retrying it cannot help until the desired state
 * changes.
 */
public record Outcome(Action action, Status status, String message, boolean terminal) {
  public Outcome(Action action, Status status, String message) {
    this(action, status, message, false);
  }

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

  /**
   * A failure with its cause, described in one line ({@link AwsErrors#describe}), terminal when AWS
   * refused the request as invalid ({@link AwsErrors#isTerminal}).
   */
  public static Outcome failed(Action action, Throwable error) {
    return new Outcome(
        action, Status.FAILED, AwsErrors.describe(error), AwsErrors.isTerminal(error));
  }

  public static Outcome skipped(Action action, String message) {
    return new Outcome(action, Status.SKIPPED, message);
  }
}
