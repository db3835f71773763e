package io.ecsgate.controller;

import java.util.Optional;

/**
 * Whether this daemon is the one replica that writes. The others observe and report (/status says
 * {@code leader: false}) and write nothing.
 */
public interface Leadership {
  /**
   * Asked once at the start of each cycle: may this process write in it? The cycle's writes are
   * fenced to the lease held now: losing it ends them, even if it is taken again later.
   */
  boolean leader();

  /** Who holds the lease, as people read it, when another process does. */
  default Optional<String> holder() {
    return Optional.empty();
  }

  /** A single replica (tests, dry run): always the writer. */
  Leadership ALONE = () -> true;
}
