package io.ecsgate.kinds.apigateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * API Gateway as observed in one cycle: every VPC link and REST API (tags come with the lists);
 * resources with their methods and integrations, stages, and the deployment each stage points at,
 * only for APIs ecsgate owns (by API id).
 */
public record ApiGatewaySnapshot(
    List<VpcLink> vpcLinks,
    List<RestApi> restApis,
    Map<String, List<Resource>> resources,
    Map<String, List<Stage>> stages,
    Map<String, String> deploymentDescriptions) {

  public static final ApiGatewaySnapshot EMPTY =
      new ApiGatewaySnapshot(List.of(), List.of(), Map.of(), Map.of(), Map.of());

  public List<Resource> resourcesOf(String apiId) {
    return resources.getOrDefault(apiId, List.of());
  }

  public Optional<Stage> stage(String apiId, String name) {
    return stages.getOrDefault(apiId, List.of()).stream()
        .filter(s -> s.stageName().equals(name))
        .findFirst();
  }

  /**
   * The description of a deployment a declared stage points at (where ecsgate records its content
   * hash).
   */
  public Optional<String> deploymentDescription(String deploymentId) {
    return Optional.ofNullable(deploymentId).map(deploymentDescriptions::get);
  }
}
