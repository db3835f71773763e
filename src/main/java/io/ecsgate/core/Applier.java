package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Executes a plan's actions in order. A failed action does not stop the others; actions that need a
 * resource whose action failed are skipped, and no delete runs once anything has failed (a delete
 * is only safe when everything that should stop referencing the resource did). Before each step the
 * {@link Fence} is checked: once this process has lost its lease, no step runs (each is skipped).
 */
public final class Applier {

  private final AwsClients aws;
  private final Fence fence;

  public Applier(AwsClients aws) {
    this(aws, Fence.NONE);
  }

  public Applier(AwsClients aws, Fence fence) {
    this.aws = aws;
    this.fence = fence;
  }

  public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
    Ids ids = new Ids(plan.knownIds());
    Set<Key> failed = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>();
    String lost = null;
    for (Action action : plan.executable()) {
      if (lost == null) lost = leaseLost();
      Outcome outcome =
          lost != null
              ? Outcome.skipped(action, lost)
              : run(
                  action,
                  ids,
                  failed,
                  outcomes.stream().anyMatch(o -> o.status() != Outcome.Status.DONE));
      if (outcome.status() != Outcome.Status.DONE) failed.add(action.key());
      outcomes.add(outcome);
      progress.accept(outcome);
    }
    return new ApplyResult(outcomes);
  }

  /** Why this process may not write any more, or null while it may. */
  private String leaseLost() {
    try {
      fence.check();
      return null;
    } catch (Fence.LeaseLost e) {
      return "not written: " + e.getMessage();
    }
  }

  private Outcome run(Action action, Ids ids, Set<Key> failed, boolean anythingFailed) {
    if (action.verb() == Verb.DELETE && anythingFailed) {
      return Outcome.skipped(action, "deletes wait until every other change succeeded");
    }
    for (Key needed : action.step().needs()) {
      if (failed.contains(needed) || ids.find(needed).isEmpty()) {
        return Outcome.skipped(
            action,
            "needs "
                + needed
                + ", which "
                + (failed.contains(needed) ? "failed" : "does not exist"));
      }
    }
    try {
      return Outcome.done(action, action.step().run(aws, ids));
    } catch (SdkException | EcsgateException e) {
      return Outcome.failed(action, e);
    }
  }
}
