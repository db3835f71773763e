package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * API Gateway as observed in one cycle: every VPC link (V1 and V2) and REST API (tags come with the
 * lists); resources with their methods and integrations, stages, and the deployment each stage
 * points at, only for APIs ecsgate owns (by API id).
 */
public record ApiGatewaySnapshot(
    List<VpcLink> vpcLinks,
    List<software.amazon.awssdk.services.apigatewayv2.model.VpcLink> vpcLinksV2,
    List<RestApi> restApis,
    Map<String, List<Resource>> resources,
    Map<String, List<Stage>> stages,
    Map<String, String> deploymentDescriptions)
    implements Snapshot {

  public static final ApiGatewaySnapshot EMPTY =
      new ApiGatewaySnapshot(List.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of());

  /** Without VPC links V2. */
  public ApiGatewaySnapshot(
      List<VpcLink> vpcLinks,
      List<RestApi> restApis,
      Map<String, List<Resource>> resources,
      Map<String, List<Stage>> stages,
      Map<String, String> deploymentDescriptions) {
    this(vpcLinks, List.of(), restApis, resources, stages, deploymentDescriptions);
  }

  /** The API Gateway part of an observation. */
  public static ApiGatewaySnapshot of(ObservedState observed) {
    return observed.find(ApiGatewaySnapshot.class).orElse(EMPTY);
  }

  /** VPC links (V1 and V2) and REST APIs, by ID. */
  @Override
  public List<Tagged> tagged() {
    List<Tagged> tagged = new ArrayList<>();
    vpcLinks.forEach(link -> tagged.add(new Tagged(link.id(), link.tags())));
    vpcLinksV2.forEach(link -> tagged.add(new Tagged(link.vpcLinkId(), link.tags())));
    restApis.forEach(api -> tagged.add(new Tagged(api.id(), api.tags())));
    return tagged;
  }

  /** The resources (but the root) and methods of owned APIs. */
  @Override
  public int ownedParts(Ownership ownership) {
    int parts = 0;
    for (RestApi api : restApis) {
      if (!ownership.owns(api.tags(), api.id())) continue;
      for (Resource resource : resourcesOf(api.id())) {
        if (!"/".equals(resource.path())) parts++;
        if (resource.resourceMethods() != null) parts += resource.resourceMethods().size();
      }
    }
    return parts;
  }

  public Optional<VpcLink> vpcLink(String id) {
    return vpcLinks.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  public Optional<software.amazon.awssdk.services.apigatewayv2.model.VpcLink> vpcLinkV2(String id) {
    return vpcLinksV2.stream().filter(l -> l.vpcLinkId().equals(id)).findFirst();
  }

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
