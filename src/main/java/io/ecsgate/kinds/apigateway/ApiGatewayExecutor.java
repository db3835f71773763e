package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.IntegrationFields;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import java.util.List;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * VPC links, REST APIs, resources, methods, integrations, deployments and stages. Deployments are
 * never created with a stage name (that replaces the stage and its settings); the stage is pointed
 * at a new deployment with UpdateStage.
 */
public final class ApiGatewayExecutor implements Executor {
  private final ApiGatewayClient client;

  public ApiGatewayExecutor(ApiGatewayClient client) {
    this.client = client;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof ApiGatewayStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    ApiGatewayStep step = (ApiGatewayStep) action.step();
    if (step instanceof ApiGatewayStep.CreateVpcLink create) {
      String nlbArn = ids.get(create.loadBalancer());
      String id =
          client
              .createVpcLink(
                  r ->
                      r.name(create.name())
                          .description(create.description())
                          .targetArns(nlbArn)
                          .tags(create.tags()))
              .id();
      ids.put(ApiGatewayStep.vpcLink(create.name()), id);
      return "created VPC link " + id;
    }
    if (step instanceof ApiGatewayStep.DeleteVpcLink delete) {
      client.deleteVpcLink(r -> r.vpcLinkId(delete.id()));
      return "deleted VPC link " + delete.id();
    }
    if (step instanceof ApiGatewayStep.CreateRestApi create) {
      CreateRestApiResponse api =
          client.createRestApi(
              r ->
                  r.name(create.name())
                      .description(create.description())
                      .endpointConfiguration(
                          e -> e.types(EndpointType.fromValue(create.endpointType())))
                      .tags(create.tags()));
      ids.put(ApiGatewayStep.restApi(create.name()), api.id());
      ids.put(ApiGatewayStep.resource(create.name(), "/"), api.rootResourceId());
      return "created REST API " + api.id();
    }
    if (step instanceof ApiGatewayStep.UpdateRestApi update) {
      client.updateRestApi(
          r -> r.restApiId(update.apiId()).patchOperations(operations(update.operations())));
      return "updated REST API " + update.apiId();
    }
    if (step instanceof ApiGatewayStep.DeleteRestApi delete) {
      client.deleteRestApi(r -> r.restApiId(delete.apiId()));
      return "deleted REST API " + delete.apiId();
    }
    if (step instanceof ApiGatewayStep.CreateResource create) {
      String id =
          client
              .createResource(
                  r ->
                      r.restApiId(ids.get(create.api()))
                          .parentId(ids.get(create.parent()))
                          .pathPart(create.pathPart()))
              .id();
      ids.put(create.resource(), id);
      return "created resource " + id;
    }
    if (step instanceof ApiGatewayStep.DeleteResource delete) {
      client.deleteResource(
          r -> r.restApiId(ids.get(delete.api())).resourceId(delete.resourceId()));
      return "deleted resource " + delete.resourceId();
    }
    if (step instanceof ApiGatewayStep.PutMethod put) {
      String apiId = ids.get(put.api());
      String resourceId = ids.get(put.resource());
      client.putMethod(
          r ->
              r.restApiId(apiId)
                  .resourceId(resourceId)
                  .httpMethod(put.httpMethod())
                  .authorizationType(put.method().authorizationType())
                  .apiKeyRequired(put.method().apiKeyRequired())
                  .requestParameters(
                      put.method().requestParameters().isEmpty()
                          ? null
                          : put.method().requestParameters()));
      putIntegration(apiId, resourceId, put.httpMethod(), put.integration());
      return "put method and integration " + put.httpMethod();
    }
    if (step instanceof ApiGatewayStep.UpdateMethod update) {
      client.updateMethod(
          r ->
              r.restApiId(ids.get(update.api()))
                  .resourceId(ids.get(update.resource()))
                  .httpMethod(update.httpMethod())
                  .patchOperations(operations(update.operations())));
      return "updated method " + update.httpMethod();
    }
    if (step instanceof ApiGatewayStep.PutIntegration put) {
      putIntegration(
          ids.get(put.api()), ids.get(put.resource()), put.httpMethod(), put.integration());
      return "put integration " + put.httpMethod();
    }
    if (step instanceof ApiGatewayStep.DeleteMethod delete) {
      client.deleteMethod(
          r ->
              r.restApiId(ids.get(delete.api()))
                  .resourceId(ids.get(delete.resource()))
                  .httpMethod(delete.httpMethod()));
      return "deleted method " + delete.httpMethod();
    }
    if (step instanceof ApiGatewayStep.CreateDeployment create) {
      String id =
          client
              .createDeployment(
                  r -> r.restApiId(ids.get(create.api())).description(create.description()))
              .id();
      ids.put(ApiGatewayStep.deployment(create.apiName()), id);
      return "created deployment " + id;
    }
    if (step instanceof ApiGatewayStep.CreateStage create) {
      String apiId = ids.get(create.api());
      client.createStage(
          r ->
              r.restApiId(apiId)
                  .stageName(create.name())
                  .deploymentId(ids.get(create.deployment()))
                  .description(create.description())
                  .variables(create.variables())
                  .tracingEnabled(create.tracing()));
      if (!create.settings().isEmpty()) {
        client.updateStage(
            r ->
                r.restApiId(apiId)
                    .stageName(create.name())
                    .patchOperations(operations(create.settings())));
      }
      return "created stage " + create.name();
    }
    ApiGatewayStep.UpdateStage update = (ApiGatewayStep.UpdateStage) step;
    List<PatchOperation> operations = new java.util.ArrayList<>();
    update
        .deployment()
        .ifPresent(
            d ->
                operations.add(
                    PatchOperation.builder()
                        .op(Op.REPLACE)
                        .path("/deploymentId")
                        .value(ids.get(d))
                        .build()));
    operations.addAll(operations(update.operations()));
    client.updateStage(
        r ->
            r.restApiId(ids.get(update.api()))
                .stageName(update.name())
                .patchOperations(operations));
    return "updated stage " + update.name();
  }

  private void putIntegration(
      String apiId, String resourceId, String httpMethod, IntegrationFields integration) {
    client.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(resourceId)
                .httpMethod(httpMethod)
                .type(IntegrationType.fromValue(integration.type()))
                .connectionType(ConnectionType.fromValue(integration.connectionType()))
                .connectionId(integration.connectionId())
                .uri(integration.uri())
                .integrationHttpMethod(integration.httpMethod())
                .requestParameters(
                    integration.requestParameters().isEmpty()
                        ? null
                        : integration.requestParameters())
                .timeoutInMillis(integration.timeoutMillis()));
  }

  private static List<PatchOperation> operations(List<PatchOp> operations) {
    return operations.stream()
        .map(o -> PatchOperation.builder().op(o.op()).path(o.path()).value(o.value()).build())
        .toList();
  }
}
