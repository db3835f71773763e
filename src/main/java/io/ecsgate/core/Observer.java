package io.ecsgate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Takes the once-per-cycle snapshot of live AWS: each family reads its part with the fewest calls
 * its batch limits allow, and the families (independent AWS services) read at the same time, each
 * within its own client-side rate limits. The only place that reads AWS.
 */
public final class Observer {
  private final List<Family.Observation> observations;

  public Observer(List<Family.Observation> observations) {
    this.observations = List.copyOf(observations);
  }

  /**
   * The snapshot a plan needs, whatever the plan's options: owned resources the desired state no
   * longer declares are read too, so that every plan shows them. When a family's reads fail, the
   * first failure (in family order) is thrown, after every family has finished.
   */
  public ObservedState observe(DesiredState desired) {
    ExecutorService readers =
        Executors.newFixedThreadPool(
            Math.max(1, observations.size()),
            task -> {
              Thread thread = new Thread(task, "ecsgate-observe");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<CompletableFuture<Object>> reads = new ArrayList<>();
      for (Family.Observation observation : observations)
        reads.add(CompletableFuture.supplyAsync(() -> observation.observe(desired), readers));
      List<Object> snapshots = new ArrayList<>();
      RuntimeException failure = null;
      for (CompletableFuture<Object> read : reads) {
        try {
          snapshots.add(read.join());
        } catch (CompletionException e) {
          if (failure == null) failure = unwrap(e);
        }
      }
      if (failure != null) throw failure;
      return new ObservedState(snapshots);
    } finally {
      readers.shutdownNow();
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    return e.getCause() instanceof RuntimeException cause ? cause : e;
  }
}
