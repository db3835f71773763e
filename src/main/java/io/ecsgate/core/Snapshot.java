package io.ecsgate.core;

import java.util.List;

/** A family's snapshot, as far as the engine needs to know it: what this controller owns in it. */
public interface Snapshot {
  /**
   * The {@code Kind/name} of every resource in the snapshot that carries this controller's
   * ownership tags, once per resource (duplicates show twice).
   */
  List<String> ownedResources(Ownership ownership);

  /**
   * How many parts of owned resources the snapshot holds (an API's resources and methods, a
   * service's scaling target and policies, task definition revisions): they count for the
   * mass-deletion guard.
   */
  default int ownedParts(Ownership ownership) {
    return 0;
  }
}
