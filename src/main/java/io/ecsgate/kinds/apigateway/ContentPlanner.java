package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.IntegrationFields;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.MethodFields;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import io.ecsgate.kinds.apigateway.RestApiPlanner.Routes;
import io.ecsgate.kinds.apigateway.RestApiPlanner.Wanted;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * The content of one REST API: resources by path (parents first on create, children first on
 * delete), methods by verb, integrations by their fields; only what differs is written. Each is an
 * action of the API's kind named {@code <api> <path>} or {@code <api> <verb> <path>}; removals are
 * parts of the declared API ({@link PlanBuilder#removePart}).
 */
final class ContentPlanner {
  private static final String KIND = RestApiSpec.KIND;
  private final String api;
  private final Key apiKey;
  private final PlanBuilder out;
  private int changes;

  private ContentPlanner(String api, PlanBuilder out) {
    this.api = api;
    this.apiKey = ApiGatewayStep.restApi(api);
    this.out = out;
  }

  /**
   * Plans the content of API {@code apiId} (none when this plan creates it) to be {@code routes};
   * true when anything of it changes (the stage is then deployed again).
   */
  static boolean plan(
      RestApiSpec desired,
      Optional<String> apiId,
      Routes routes,
      ApiGatewaySnapshot api,
      PlanBuilder out) {
    Map<String, Resource> actual = new HashMap<>();
    apiId.ifPresent(id -> api.resourcesOf(id).forEach(r -> actual.put(r.path(), r)));
    ContentPlanner content = new ContentPlanner(desired.name(), out);
    content.removeUndeclared(actual.values(), routes);
    for (String path : parentsFirst(routes.byPath().keySet()))
      content.planResource(path, routes.byPath().get(path), Optional.ofNullable(actual.get(path)));
    return content.changes > 0;
  }

  /**
   * Resources that should not be there, children first, so that no delete takes a declared child
   * with it.
   */
  private void removeUndeclared(Collection<Resource> actual, Routes routes) {
    actual.stream()
        .filter(resource -> !routes.declares(resource.path()))
        .sorted(
            Comparator.comparingInt((Resource r) -> depth(r.path()))
                .reversed()
                .thenComparing(Resource::path))
        .forEach(
            resource ->
                remove(
                    "resource",
                    resource.path(),
                    new ApiGatewayStep.DeleteResource(apiKey, resource.id())));
  }

  private static List<String> parentsFirst(Collection<String> paths) {
    return paths.stream()
        .sorted(Comparator.comparingInt(ContentPlanner::depth).thenComparing(p -> p))
        .toList();
  }

  /** One resource (created unless it is there) and its methods. */
  private void planResource(String path, Map<String, Wanted> methods, Optional<Resource> actual) {
    Key resourceKey = ApiGatewayStep.resource(api, path);
    if (actual.isPresent()) out.known(resourceKey, actual.get().id());
    else if (!isRoot(path)) createResource(path, resourceKey);
    Map<String, Method> actualMethods = actual.map(Resource::resourceMethods).orElse(Map.of());
    methods.forEach(
        (verb, wanted) -> planMethod(resourceKey, path, verb, wanted, actualMethods.get(verb)));
    for (String verb : new TreeSet<>(actualMethods.keySet())) {
      if (methods.containsKey(verb)) continue;
      remove(
          "method", verb + " " + path, new ApiGatewayStep.DeleteMethod(apiKey, resourceKey, verb));
    }
  }

  private void createResource(String path, Key resourceKey) {
    int last = path.lastIndexOf('/');
    String parent = last == 0 ? "/" : path.substring(0, last);
    create(
        path,
        new ApiGatewayStep.CreateResource(
            apiKey, ApiGatewayStep.resource(api, parent), resourceKey, path.substring(last + 1)),
        Change.of("resource " + path, "(none)", "present"));
    out.pending(resourceKey);
  }

  /**
   * A method that is missing is put with its integration; one that is there gets the fields that
   * differ (UpdateMethod) and its integration again if any of its fields differs (PutIntegration).
   */
  private void planMethod(Key resourceKey, String path, String verb, Wanted wanted, Method actual) {
    String part = verb + " " + path;
    if (actual == null) {
      create(
          part,
          new ApiGatewayStep.PutMethod(
              apiKey, resourceKey, verb, wanted.method(), wanted.integration()),
          Change.of("integration uri", "(none)", wanted.integration().uri()));
      return;
    }
    Patch method = methodPatch(wanted.method(), actual);
    if (!method.isEmpty())
      update(
          part,
          new ApiGatewayStep.UpdateMethod(apiKey, resourceKey, verb, method.operations()),
          method.changes());
    List<Change> integration = integrationDrift(wanted.integration(), actual.methodIntegration());
    if (!integration.isEmpty())
      update(
          part,
          new ApiGatewayStep.PutIntegration(apiKey, resourceKey, verb, wanted.integration()),
          integration);
  }

  private static Patch methodPatch(MethodFields desired, Method actual) {
    Patch patch = new Patch();
    patch.field(
        "authorization",
        "/authorizationType",
        actual.authorizationType(),
        desired.authorizationType());
    patch.flag(
        "apiKeyRequired", "/apiKeyRequired", actual.apiKeyRequired(), desired.apiKeyRequired());
    Map<String, Boolean> parameters =
        actual.requestParameters() == null ? Map.of() : actual.requestParameters();
    patch.entries("requestParameters", desired.requestParameters(), parameters, PatchOp::add);
    return patch;
  }

  /**
   * The fields of the integration that differ from {@code desired}; all of it when it is missing.
   */
  static List<Change> integrationDrift(IntegrationFields desired, Integration actual) {
    List<Change> changes = new ArrayList<>();
    if (actual == null) {
      changes.add(Change.of("integration", "(none)", desired.uri()));
      return changes;
    }
    differs(changes, "integration.type", actual.typeAsString(), desired.type());
    differs(
        changes,
        "integration.connectionType",
        actual.connectionTypeAsString(),
        desired.connectionType());
    differs(changes, "integration.connectionId", actual.connectionId(), desired.connectionId());
    differs(changes, "integration.uri", actual.uri(), desired.uri());
    differs(
        changes,
        "integration.integrationTarget",
        actual.integrationTarget(),
        desired.integrationTarget());
    differs(changes, "integration.httpMethod", actual.httpMethod(), desired.httpMethod());
    differs(
        changes,
        "integration.requestParameters",
        actual.requestParameters() == null ? Map.of() : new TreeMap<>(actual.requestParameters()),
        desired.requestParameters());
    differs(
        changes,
        "integration.timeoutInMillis",
        actual.timeoutInMillis() == null
            ? RestApiPlanner.DEFAULT_TIMEOUT_MILLIS
            : actual.timeoutInMillis(),
        desired.timeoutMillis());
    return changes;
  }

  private static void differs(List<Change> changes, String field, Object actual, Object desired) {
    if (!Objects.equals(actual, desired))
      changes.add(Change.of(field, actual == null ? "(none)" : actual, desired));
  }

  private void create(String part, Step step, Change change) {
    out.add(Action.create(KIND, api + " " + part, step, List.of(change)));
    changes++;
  }

  private void update(String part, Step step, List<Change> fields) {
    out.add(Action.update(KIND, api + " " + part, step, fields));
    changes++;
  }

  /** Removes {@code what} ("resource", "method") {@code part} of the declared API. */
  private void remove(String what, String part, Step step) {
    out.removePart(
        KIND, api + " " + part, step, List.of(Change.of(what + " " + part, "present", "(none)")));
    changes++;
  }

  private static boolean isRoot(String path) {
    return path.equals("/");
  }

  private static int depth(String path) {
    return isRoot(path) ? 0 : (int) path.chars().filter(c -> c == '/').count();
  }
}
