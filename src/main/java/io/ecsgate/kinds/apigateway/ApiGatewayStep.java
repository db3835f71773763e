package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls the API Gateway executor makes. IDs that may only exist at apply time (a link, an API,
 * a resource, a deployment the same plan creates) are {@link Key}s: {@code VpcLink/<name>}, {@code
 * RestApi/<name>}, {@code ApiResource/<api> <path>}, {@code Deployment/<api>}.
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
  }

  /** A method's own fields. */
  record MethodFields(
      String authorizationType, boolean apiKeyRequired, Map<String, Boolean> requestParameters) {}

  /** An HTTP proxy integration through a VPC link. */
  record IntegrationFields(
      String type,
      String connectionType,
      String connectionId,
      String uri,
      String httpMethod,
      Map<String, String> requestParameters,
      int timeoutMillis) {}

  record CreateVpcLink(String name, Key loadBalancer, String description, Map<String, String> tags)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(loadBalancer);
    }
  }

  record DeleteVpcLink(String id) implements ApiGatewayStep {}

  record CreateRestApi(
      String name, String description, String endpointType, Map<String, String> tags)
      implements ApiGatewayStep {}

  record UpdateRestApi(String apiId, List<PatchOp> operations) implements ApiGatewayStep {}

  record DeleteRestApi(String apiId) implements ApiGatewayStep {}

  record CreateResource(Key api, Key parent, Key resource, String pathPart)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api, parent);
    }
  }

  record DeleteResource(Key api, String resourceId) implements ApiGatewayStep {}

  /** PutMethod then PutIntegration: a method that does not exist yet. */
  record PutMethod(
      Key api, Key resource, String httpMethod, MethodFields method, IntegrationFields integration)
      implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api, resource);
    }
  }

  /** UpdateMethod with only the fields that differ. */
  record UpdateMethod(Key api, Key resource, String httpMethod, List<PatchOp> operations)
      implements ApiGatewayStep {}

  /** PutIntegration: an integration that is missing or differs. */
  record PutIntegration(Key api, Key resource, String httpMethod, IntegrationFields integration)
      implements ApiGatewayStep {}

  record DeleteMethod(Key api, Key resource, String httpMethod) implements ApiGatewayStep {}

  /** A deployment of the API's current content; its description records the content hash. */
  record CreateDeployment(Key api, String apiName, String description) implements ApiGatewayStep {
    @Override
    public List<Key> needs() {
      return List.of(api);
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
  }
}
