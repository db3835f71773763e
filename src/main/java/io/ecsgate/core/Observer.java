package io.ecsgate.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the once-per-cycle snapshot of live AWS: each family reads its part with the fewest calls
 * its batch limits allow. The only place that reads AWS.
 */
public final class Observer {
  private final List<Family.Observation> observations;

  public Observer(List<Family.Observation> observations) {
    this.observations = List.copyOf(observations);
  }

  /**
   * The snapshot a plan needs, whatever the plan's options: owned resources the desired state no
   * longer declares are read too, so that every plan shows them.
   */
  public ObservedState observe(DesiredState desired) {
    List<Object> snapshots = new ArrayList<>();
    for (Family.Observation observation : observations) snapshots.add(observation.observe(desired));
    return new ObservedState(snapshots);
  }
}
