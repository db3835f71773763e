package io.ecsgate.kinds.apigateway;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinksResponse;

/**
 * The API Gateway part of the snapshot, with the fewest reads its limits allow: GetVpcLinks (V1
 * and, of API Gateway V2, VPC links V2) and GetRestApis at 500 a page (tags included); for each
 * declared API ecsgate owns (or adopts in this cycle), GetResources at 500 a page with {@code
 * embed=methods} (methods and integrations in the same response), one GetStages, and one
 * GetDeployment per stage that ecsgate declares (the content hash of what the stage serves). Owned
 * APIs and links no longer declared are only listed, so that every plan shows them (deleted with
 * --prune): the three list calls are made even when the desired state declares no API Gateway kind.
 */
public final class ApiGatewayReads implements Family.Observation {
  public static final int PAGE = 500;
  private final ApiGatewayClient client;
  private final ApiGatewayV2Client clientV2;
  private final Ownership ownership;

  public ApiGatewayReads(AwsClients clients, Ownership ownership) {
    this.client = clients.apiGateway();
    this.clientV2 = clients.apiGatewayV2();
    this.ownership = ownership;
  }

  @Override
  public ApiGatewaySnapshot observe(DesiredState desired) {
    List<VpcLink> vpcLinks = new ArrayList<>();
    client.getVpcLinksPaginator(r -> r.limit(PAGE)).forEach(page -> vpcLinks.addAll(page.items()));
    List<software.amazon.awssdk.services.apigatewayv2.model.VpcLink> vpcLinksV2 = new ArrayList<>();
    String next = null;
    do { // API Gateway V2 has no paginator: its pages are strings of MaxResults
      String token = next;
      GetVpcLinksResponse page =
          clientV2.getVpcLinks(r -> r.maxResults(String.valueOf(PAGE)).nextToken(token));
      vpcLinksV2.addAll(page.items());
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
    List<RestApi> restApis = new ArrayList<>();
    client.getRestApisPaginator(r -> r.limit(PAGE)).forEach(page -> restApis.addAll(page.items()));
    Map<String, List<Resource>> resources = new HashMap<>();
    Map<String, List<Stage>> stages = new HashMap<>();
    Map<String, String> deployments = new HashMap<>();
    for (RestApi api : restApis) {
      Optional<RestApiSpec> declared = declaredAs(api, restApis, desired);
      if (declared.isEmpty()) continue; // not ours, or only to prune
      List<Resource> apiResources = new ArrayList<>();
      client
          .getResourcesPaginator(r -> r.restApiId(api.id()).embed("methods").limit(PAGE))
          .forEach(page -> apiResources.addAll(page.items()));
      resources.put(api.id(), apiResources);
      List<Stage> apiStages = client.getStages(r -> r.restApiId(api.id())).item();
      stages.put(api.id(), apiStages);
      for (Stage stage : apiStages) {
        if (!stage.stageName().equals(declared.get().stage().name())
            || stage.deploymentId() == null) continue;
        try {
          String description =
              client
                  .getDeployment(r -> r.restApiId(api.id()).deploymentId(stage.deploymentId()))
                  .description();
          deployments.put(stage.deploymentId(), description == null ? "" : description);
        } catch (NotFoundException gone) {
          // the stage points at a deleted deployment: the planner deploys again
        }
      }
    }
    return new ApiGatewaySnapshot(vpcLinks, vpcLinksV2, restApis, resources, stages, deployments);
  }

  /**
   * The declared API whose content {@code api} holds: the one its ownership tags name, or one with
   * {@code adopt: true} that no API of ours is yet, when {@code api} is the only API of its name
   * (the one {@link io.ecsgate.core.Owned} adopts).
   */
  private Optional<RestApiSpec> declaredAs(
      RestApi api, List<RestApi> restApis, DesiredState desired) {
    List<RestApiSpec> specs = desired.all(RestApiSpec.class);
    Optional<String> name = ownership.nameOf(api.tags(), RestApiSpec.KIND, api.id());
    if (name.isPresent())
      return specs.stream().filter(s -> s.name().equals(name.get())).findFirst();
    return specs.stream()
        .filter(s -> s.metadata().adopt() && s.name().equals(api.name()))
        .filter(
            s ->
                restApis.stream()
                    .noneMatch(
                        a -> ownership.isResource(a.tags(), RestApiSpec.KIND, s.name(), a.id())))
        .filter(s -> restApis.stream().filter(a -> s.name().equals(a.name())).count() == 1)
        .findFirst();
  }
}
