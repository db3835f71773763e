package io.ecsgate.yaml;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import java.util.Optional;

/** Resolving a reference between documents, for the kinds' checks. */
public final class References {
  private References() {}

  /**
   * The declared {@code type} that {@code ref} names; a problem at the reference when there is none
   * (an empty reference is reported where it was read).
   */
  public static <T extends Spec> Optional<T> resolve(
      Ref ref, DesiredState desired, Class<T> type, String kind, Problems problems) {
    if (ref.name().isEmpty()) return Optional.empty();
    Optional<T> found = desired.find(type, ref.name());
    if (found.isEmpty())
      problems.add(
          ref.at(),
          Problem.Rule.REFERENCE,
          "no " + kind + " named '" + ref.name() + "' is declared");
    return found;
  }
}
