package io.ecsgate.kinds.apigateway;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;

/**
 * API Gateway: VPC links and REST APIs with their routes, deployments and stage. Its steps make
 * their own calls ({@link ApiGatewayStep}).
 */
public final class ApiGatewayFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return desired -> new ApiGatewayReads(clients.apiGateway(), ownership).observe(desired);
  }
}
