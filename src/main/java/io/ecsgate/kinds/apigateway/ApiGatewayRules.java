package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Owned;
import io.ecsgate.core.Step;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Owned.Rules} as the API Gateway kinds answer them: names are not unique in API Gateway, so
 * a VPC link or REST API ecsgate did not create is never adopted (one of the declared name only
 * blocks), and one it created is not tagged again afterwards.
 */
interface ApiGatewayRules<S, A> extends Owned.Rules<S, A> {
  /** The step that deletes the resource. */
  Step remove(A actual);

  @Override
  default Optional<Step> delete(A actual) {
    return Optional.of(remove(actual));
  }

  @Override
  default Optional<Step> tag(A actual, Map<String, String> add) {
    return Optional.empty();
  }

  @Override
  default boolean adoptable() {
    return false;
  }
}
