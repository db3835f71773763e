package io.ecsgate.kinds.apigateway;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * The API Gateway calls: VPC links, REST APIs, resources, methods, integrations, deployments and
 * stages; each step makes its own. IDs that may only exist at apply time (a link, an API, a
 * resource, a deployment the same plan creates) are {@link Key}s: {@code VpcLink/<name>}, {@code
 * RestApi/<name>}, {@code ApiResource/<api> <path>}, {@code Deployment/<api>}. Deployments are
 * never created with a stage name (that replaces the stage and its settings); the stage is pointed
 * at a new deployment with UpdateStage.
 */
public sealed interface ApiGatewayStep extends Step {
  String RESOURCE = "ApiResource";
  String DEPLOYMENT = "Deployment";
  String STAGE = "Stage";

  static Key vpcLink(String name) {
    return Key.of(VpcLinkSpec.KIND, name);
  }

  static Key restApi(String name) {
    return Key.of(RestApiSpec.KIND, name);
  }

  static Key resource(String api, String path) {
    return Key.of(RESOURCE, api + " " + path);
  }

  static Key deployment(String api) {
    return Key.of(DEPLOYMENT, api);
  }

  /** One JSON Patch operation of an API Gateway update call. */
  record PatchOp(String op, String path, String value) {
    public static PatchOp replace(String path, String value) {
      return new PatchOp("replace", path, value);
    }

    public static PatchOp add(String path, String value) {
      return new PatchOp("add", path, value);
    }

    public static PatchOp remove(String path) {
      return new PatchOp("remove", path, null);
    }

    /** The operations as the SDK sends them. */
    static List<PatchOperation> sdk(List<PatchOp> operations) {
      return operations.stream()
          .map(o -> PatchOperation.builder().op(o.op()).path(o.path()).value(o.value()).build())
          .toList();
    }
  }

  /** A method's own fields. */
  record MethodFields(
      String authorizationType, boolean apiKeyRequired, Map<String, Boolean> requestParameters) {}

  /**
   * An HTTP proxy integration through a VPC link: a V1 link to an NLB ({@code integrationTarget}
   * null), or a VPC link V2 to the ALB listener {@code integrationTarget} (an ARN).
   */
  record IntegrationFields(
      String type,
      String connectionType,
      String connectionId,
      String uri,
      String httpMethod,
      Map<String, String> requestParameters,
      int timeoutMillis,
      String integrationTarget) {

    /** Through a V1 link: no integration target. */
    IntegrationFields(
        String type,
        String connectionType,
        String connectionId,
        String uri,
        String httpMethod,
        Map<String, String> requestParameters,
        int timeoutMillis) {
      this(
          type,
          connectionType,
          connectionId,
          uri,
          httpMethod,
          requestParameters,
          timeoutMillis,
          null);
    }

    /** PutIntegration: replaces the method's integration with this one. */
    void put(ApiGatewayClient client, String apiId, String resourceId, String method) {
      client.putIntegration(
          r ->
              r.restApiId(apiId)
                  .resourceId(resourceId)
                  .httpMethod(method)
                  .type(IntegrationType.fromValue(type))
                  .connectionType(ConnectionType.fromValue(connectionType))
                  .connectionId(connectionId)
                  .uri(uri)
                  .integrationHttpMethod(httpMethod)
                  .requestParameters(requestParameters.isEmpty() ? null : requestParameters)
                  .timeoutInMillis(timeoutMillis)
                  .integrationTarget(integrationTarget));
    }
  }

  record CreateVpcLink(String name, Key loadBalancer, String description, Map<String, String> tags)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(loadBalancer);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String nlbArn = ids.get(loadBalancer);
      String id =
          aws.apiGateway()
              .createVpcLink(
                  r -> r.name(name).description(description).targetArns(nlbArn).tags(tags))
              .id();
      ids.put(vpcLink(name), id);
      return "created VPC link " + id;
    }
  }

  /**
   * TagResource on a REST API or VPC link ({@code resourcePath} {@code /restapis/<id>} or {@code
   * /vpclinks/<id>}): adds or overwrites {@code tags}, leaves the others alone.
   */
  record TagResource(String resourcePath, Map<String, String> tags) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      ApiGatewayClient client = aws.apiGateway();
      String arn = arn(client.serviceClientConfiguration().region(), resourcePath);
      client.tagResource(r -> r.resourceArn(arn).tags(tags));
      return "tagged " + arn;
    }
  }

  /**
   * The ARN of an API Gateway resource (REST API or V2), such as {@code
   * arn:aws:apigateway:eu-west-1::/vpclinks/x}.
   */
  static String arn(Region region, String resourcePath) {
    return "arn:"
        + PartitionMetadata.of(region).id()
        + ":apigateway:"
        + region.id()
        + "::"
        + resourcePath;
  }

  static Key vpcLinkV2(String name) {
    return Key.of(VpcLinkV2Spec.KIND, name);
  }

  /** CreateVpcLink (API Gateway V2), tagged on create. */
  record CreateVpcLinkV2(
      String name, List<String> subnetIds, List<String> securityGroupIds, Map<String, String> tags)
      implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      String id =
          aws.apiGatewayV2()
              .createVpcLink(
                  r ->
                      r.name(name)
                          .subnetIds(subnetIds)
                          .securityGroupIds(securityGroupIds.isEmpty() ? null : securityGroupIds)
                          .tags(tags))
              .vpcLinkId();
      ids.put(vpcLinkV2(name), id);
      return "created VPC link V2 " + id;
    }
  }

  /** TagResource (API Gateway V2) on a VPC link V2's ARN: adds or overwrites {@code tags}. */
  record TagVpcLinkV2(String id, Map<String, String> tags) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      String arn = arn(aws.apiGatewayV2().serviceClientConfiguration().region(), "/vpclinks/" + id);
      aws.apiGatewayV2().tagResource(r -> r.resourceArn(arn).tags(tags));
      return "tagged " + arn;
    }
  }

  record DeleteVpcLinkV2(String id) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGatewayV2().deleteVpcLink(r -> r.vpcLinkId(id));
      return "deleted VPC link V2 " + id;
    }
  }

  record DeleteVpcLink(String id) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGateway().deleteVpcLink(r -> r.vpcLinkId(id));
      return "deleted VPC link " + id;
    }
  }

  record CreateRestApi(
      String name, String description, String endpointType, Map<String, String> tags)
      implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      CreateRestApiResponse api =
          aws.apiGateway()
              .createRestApi(
                  r ->
                      r.name(name)
                          .description(description)
                          .endpointConfiguration(e -> e.types(EndpointType.fromValue(endpointType)))
                          .tags(tags));
      ids.put(restApi(name), api.id());
      ids.put(resource(name, "/"), api.rootResourceId());
      return "created REST API " + api.id();
    }
  }

  record UpdateRestApi(String apiId, List<PatchOp> operations) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGateway()
          .updateRestApi(r -> r.restApiId(apiId).patchOperations(PatchOp.sdk(operations)));
      return "updated REST API " + apiId;
    }
  }

  record DeleteRestApi(String apiId) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGateway().deleteRestApi(r -> r.restApiId(apiId));
      return "deleted REST API " + apiId;
    }
  }

  record CreateResource(Key api, Key parent, Key resource, String pathPart)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api, parent);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String id =
          aws.apiGateway()
              .createResource(
                  r -> r.restApiId(ids.get(api)).parentId(ids.get(parent)).pathPart(pathPart))
              .id();
      ids.put(resource, id);
      return "created resource " + id;
    }
  }

  record DeleteResource(Key api, String resourceId) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGateway().deleteResource(r -> r.restApiId(ids.get(api)).resourceId(resourceId));
      return "deleted resource " + resourceId;
    }
  }

  /** PutMethod then PutIntegration: a method that does not exist yet. */
  record PutMethod(
      Key api, Key resource, String httpMethod, MethodFields method, IntegrationFields integration)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api, resource);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String apiId = ids.get(api);
      String resourceId = ids.get(resource);
      aws.apiGateway()
          .putMethod(
              r ->
                  r.restApiId(apiId)
                      .resourceId(resourceId)
                      .httpMethod(httpMethod)
                      .authorizationType(method.authorizationType())
                      .apiKeyRequired(method.apiKeyRequired())
                      .requestParameters(
                          method.requestParameters().isEmpty()
                              ? null
                              : method.requestParameters()));
      integration.put(aws.apiGateway(), apiId, resourceId, httpMethod);
      return "put method and integration " + httpMethod;
    }
  }

  /** UpdateMethod with only the fields that differ. */
  record UpdateMethod(Key api, Key resource, String httpMethod, List<PatchOp> operations)
      implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGateway()
          .updateMethod(
              r ->
                  r.restApiId(ids.get(api))
                      .resourceId(ids.get(resource))
                      .httpMethod(httpMethod)
                      .patchOperations(PatchOp.sdk(operations)));
      return "updated method " + httpMethod;
    }
  }

  /** PutIntegration: an integration that is missing or differs. */
  record PutIntegration(Key api, Key resource, String httpMethod, IntegrationFields integration)
      implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      integration.put(aws.apiGateway(), ids.get(api), ids.get(resource), httpMethod);
      return "put integration " + httpMethod;
    }
  }

  record DeleteMethod(Key api, Key resource, String httpMethod) implements ApiGatewayStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.apiGateway()
          .deleteMethod(
              r -> r.restApiId(ids.get(api)).resourceId(ids.get(resource)).httpMethod(httpMethod));
      return "deleted method " + httpMethod;
    }
  }

  /** A deployment of the API's current content; its description records the content hash. */
  record CreateDeployment(Key api, String apiName, String description) implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String id =
          aws.apiGateway()
              .createDeployment(r -> r.restApiId(ids.get(api)).description(description))
              .id();
      ids.put(deployment(apiName), id);
      return "created deployment " + id;
    }
  }

  /**
   * CreateStage pointing at {@code deployment}, then one UpdateStage for settings CreateStage
   * cannot set.
   */
  record CreateStage(
      Key api,
      Key deployment,
      String name,
      String description,
      Map<String, String> variables,
      boolean tracing,
      List<PatchOp> settings)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api, deployment);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String apiId = ids.get(api);
      aws.apiGateway()
          .createStage(
              r ->
                  r.restApiId(apiId)
                      .stageName(name)
                      .deploymentId(ids.get(deployment))
                      .description(description)
                      .variables(variables)
                      .tracingEnabled(tracing));
      if (!settings.isEmpty()) updateStage(aws.apiGateway(), apiId, name, settings);
      return "created stage " + name;
    }
  }

  /**
   * One UpdateStage: settings that differ, and the new deployment when there is one. Never wipes
   * other settings.
   */
  record UpdateStage(Key api, String name, Optional<Key> deployment, List<PatchOp> operations)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return deployment.map(d -> List.of(api, d)).orElse(List.of(api));
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      List<PatchOp> all = new ArrayList<>();
      deployment.ifPresent(d -> all.add(PatchOp.replace("/deploymentId", ids.get(d))));
      all.addAll(operations);
      updateStage(aws.apiGateway(), ids.get(api), name, all);
      return "updated stage " + name;
    }
  }

  /** One UpdateStage call with {@code operations}. */
  private static void updateStage(
      ApiGatewayClient client, String apiId, String stage, List<PatchOp> operations) {
    client.updateStage(
        r -> r.restApiId(apiId).stageName(stage).patchOperations(PatchOp.sdk(operations)));
  }
}
