package io.ecsgate.cli;

import io.ecsgate.aws.ApiCalls;
import io.ecsgate.aws.AwsCallListener;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * One line on a terminal's stderr, rewritten after each AWS call: how many reads and writes so far,
 * and the last call ({@code reading AWS: 14 reads, 0 writes; last elb DescribeRules}). {@link
 * #clear} erases it before the command prints its result.
 */
final class ProgressLine implements AwsCallListener {
  private static final String ERASE = "\r\u001b[K";
  private final PrintWriter err;
  private final boolean enabled;
  private int reads;
  private int writes;
  private boolean shown;

  /** A line that shows only when {@code enabled} (a terminal, no --quiet). */
  ProgressLine(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public synchronized void call(
      String service, String operation, String outcome, Duration duration, int throttled) {
    if (!enabled) return;
    if (ApiCalls.isRead(operation)) reads++;
    else writes++;
    err.print(
        ERASE
            + (writes == 0 ? "reading AWS: " : "applying: ")
            + reads
            + " read(s), "
            + writes
            + " write(s); last "
            + service
            + " "
            + operation
            + (throttled > 0 ? " (throttled " + throttled + "x)" : ""));
    err.flush();
    shown = true;
  }

  /** Erases the line, if one is shown. */
  synchronized void clear() {
    if (!shown) return;
    err.print(ERASE);
    err.flush();
    shown = false;
  }
}
