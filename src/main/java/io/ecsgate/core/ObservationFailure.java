package io.ecsgate.core;

import io.ecsgate.aws.AwsErrors;
import java.util.Set;

/**
 * What {@link Observer} holds in place of a family's snapshot when that family's reads failed (AWS
 * throttled past the SDK's retries, a permission is missing, the endpoint is unreachable): the
 * family, the action kinds its snapshot would have held, the failure's category and one line for
 * people. Nothing of such a family was observed, so nothing may be decided from it: {@link Planner}
 * plans none of its kinds and none that need them, and no deletion can come from it. An unread
 * family never looks like "nothing exists".
 *
 * @param family the family's name ({@link Family#name()})
 * @param kinds the action kinds its snapshot holds ({@link Family#kinds()}, empty when it declares
 *     none)
 * @param error {@link AwsErrors#describe} of the failure
 */
public record ObservationFailure(
    String family,
    Set<String> kinds,
    AwsErrors.Category category,
    String error,
    RuntimeException cause) {

  /**
   * The kind of the one blocked action a failed family adds to the plan, named by the family
   * ({@code Observation/elb}).
   */
  public static final String KIND = "Observation";

  public ObservationFailure {
    kinds = Set.copyOf(kinds);
  }

  /** The failure of {@code family}'s reads with {@code cause}, classified. */
  public static ObservationFailure of(Family family, RuntimeException cause) {
    return new ObservationFailure(
        family.name(),
        family.kinds().orElse(Set.of()),
        AwsErrors.category(cause),
        AwsErrors.describe(cause),
        cause);
  }

  /** One line: {@code reading elb failed (throttled): Elb.DescribeRules failed: ...}. */
  public String summary() {
    return "reading " + family + " failed (" + category.label() + "): " + error;
  }
}
