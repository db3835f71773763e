package io.ecsgate.kinds.apigateway;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import java.util.List;

/** API Gateway: VPC links and REST APIs with their routes, deployments and stage. */
public final class ApiGatewayFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return desired -> new ApiGatewayReads(clients.apiGateway(), ownership).observe(desired);
  }

  @Override
  public List<Executor> executors(AwsClients clients) {
    return List.of(new ApiGatewayExecutor(clients.apiGateway()));
  }
}
