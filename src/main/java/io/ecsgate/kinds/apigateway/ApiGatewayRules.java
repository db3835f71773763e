package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Owned;
import io.ecsgate.core.Step;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Owned.Rules} as the API Gateway kinds answer them: a VPC link or REST API is deleted with
 * its own call and tagged with TagResource on its ARN (ownership tags when it is adopted, user tags
 * it lacks afterwards). API Gateway names are not unique: {@link Owned} adopts a resource of the
 * declared name only when it is the only one of that name.
 */
interface ApiGatewayRules<S, A> extends Owned.Rules<S, A> {
  /** The step that deletes the resource. */
  Step remove(A actual);

  /** The resource's path in its ARN: {@code /restapis/<id>} or {@code /vpclinks/<id>}. */
  String arnPath(A actual);

  @Override
  default Optional<Step> delete(A actual) {
    return Optional.of(remove(actual));
  }

  @Override
  default Optional<Step> tag(A actual, Map<String, String> add) {
    return Optional.of(new ApiGatewayStep.TagResource(arnPath(actual), add));
  }
}
