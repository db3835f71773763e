package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.IntegrationFields;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.MethodFields;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * REST APIs: the API itself (description, endpoint type), resources by path (parents first on
 * create, children first on delete), methods by verb, integrations by their fields; only what
 * differs is written. A new deployment is made only when the API's content hash differs from the
 * one recorded on the stage's current deployment, or when this plan changes the API; the stage is
 * then pointed at it with UpdateStage, together with any stage settings that differ (never wiped).
 */
public final class RestApiPlanner implements Kind.Planner {
  private static final String KIND = RestApiSpec.KIND;
  public static final String HASH_PREFIX = "ecsgate sha256:";
  static final int DEFAULT_TIMEOUT_MILLIS = 29000;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    ApiGatewaySnapshot api = ApiGatewaySnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    List<RestApiSpec> planned =
        new Unadoptable<>(KIND, "REST API", new Rules(ownership))
            .plan(context, context.desired().all(RestApiSpec.class), api.restApis(), out);
    for (RestApiSpec desired : planned) {
      resolveRoutes(context, desired, out)
          .ifPresent(
              routes ->
                  planContent(desired, ours(api, ownership, desired.name()), routes, api, out));
    }
  }

  static Optional<RestApi> ours(ApiGatewaySnapshot api, Ownership ownership, String name) {
    return api.restApis().stream()
        .filter(a -> ownership.isResource(a.tags(), KIND, name))
        .findFirst();
  }

  /**
   * The API itself: created with its endpoint type, its description and endpoint type updated,
   * deleted when no longer declared; never tagged afterwards or adopted. Its routes, deployment and
   * stage are planned after it.
   */
  private record Rules(Ownership ownership) implements Owned.Rules<RestApiSpec, RestApi> {
    @Override
    public String id(RestApi actual) {
      return actual.id();
    }

    @Override
    public Map<String, String> tags(RestApi actual) {
      return actual.tags();
    }

    @Override
    public String awsName(RestApi actual) {
      return actual.name();
    }

    @Override
    public void create(RestApiSpec desired, PlanBuilder out) {
      out.add(
          Action.create(
              KIND,
              desired.name(),
              new ApiGatewayStep.CreateRestApi(
                  desired.name(),
                  desired.description().orElse(null),
                  desired.endpointType(),
                  ownership.tags(KIND, desired.name(), desired.tags())),
              List.of(Change.of("endpointType", "(none)", desired.endpointType()))));
    }

    @Override
    public void update(RestApiSpec desired, RestApi actual, PlanBuilder out) {
      out.known(ApiGatewayStep.resource(desired.name(), "/"), actual.rootResourceId());
      planApi(desired, actual, out);
    }

    @Override
    public Optional<Step> tag(RestApi actual, Map<String, String> add) {
      return Optional.empty();
    }

    @Override
    public Optional<Step> delete(RestApi actual) {
      return Optional.of(new ApiGatewayStep.DeleteRestApi(actual.id()));
    }
  }

  private static void planApi(RestApiSpec desired, RestApi actual, PlanBuilder out) {
    List<PatchOp> operations = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    if (desired.description().isPresent()
        && !desired.description().get().equals(Objects.toString(actual.description(), ""))) {
      operations.add(PatchOp.replace("/description", desired.description().get()));
      changes.add(Change.of("description", actual.description(), desired.description().get()));
    }
    List<String> types =
        actual.endpointConfiguration() == null
            ? List.of()
            : actual.endpointConfiguration().typesAsStrings();
    if (!types.equals(List.of(desired.endpointType()))) {
      String current = types.isEmpty() ? "EDGE" : types.get(0);
      operations.add(
          PatchOp.replace("/endpointConfiguration/types/" + current, desired.endpointType()));
      changes.add(Change.of("endpointType", String.join(",", types), desired.endpointType()));
    }
    if (!operations.isEmpty())
      out.add(
          Action.update(
              KIND,
              desired.name(),
              new ApiGatewayStep.UpdateRestApi(actual.id(), operations),
              changes));
  }

  /**
   * The routes with everything resolved (VPC link id, backend URIs), or empty when something they
   * need is not ready.
   */
  public record Routes(Map<String, Map<String, Wanted>> byPath, String hash) {}

  /** One method as it should be on AWS. */
  public record Wanted(MethodFields method, IntegrationFields integration) {}

  private Optional<Routes> resolveRoutes(
      PlanContext context, RestApiSpec desired, PlanBuilder out) {
    String linkName = desired.vpcLink().name();
    Optional<String> linkId =
        VpcLinkPlanner.ours(
                ApiGatewaySnapshot.of(context.observed()), context.ownership(), linkName)
            .filter(VpcLinkPlanner::isAvailable)
            .map(link -> link.id());
    if (linkId.isEmpty()) {
      out.waitFor(
          Key.of(KIND, desired.name()),
          ApiGatewayStep.vpcLink(linkName),
          "routes of REST API "
              + desired.name()
              + " wait for VPC link "
              + linkName
              + " to be AVAILABLE");
      return Optional.empty();
    }
    String base;
    if (desired.backend().url().isPresent()) {
      base = desired.backend().url().get();
    } else {
      String lbName = desired.backend().loadBalancer().get().name();
      Optional<String> dns =
          ElbSnapshot.of(context.observed())
              .loadBalancerNamed(lbName)
              .map(lb -> lb.dnsName())
              .filter(Objects::nonNull);
      if (dns.isEmpty()) {
        out.waitFor(
            Key.of(KIND, desired.name()),
            Key.of(LoadBalancerSpec.KIND, lbName),
            "routes of REST API "
                + desired.name()
                + " wait for load balancer "
                + lbName
                + " and its DNS name");
        return Optional.empty();
      }
      base = "http://" + dns.get() + desired.backend().port().map(p -> ":" + p).orElse("");
    }
    return Optional.of(routes(desired, linkId.get(), base));
  }

  /**
   * Every resource path of the API (the root and each prefix of a route path) with the methods it
   * should have, through VPC link {@code linkId} to {@code base} (such as http://dns-name), and the
   * content hash of all of it.
   */
  public static Routes routes(RestApiSpec desired, String linkId, String base) {
    Map<String, Map<String, Wanted>> byPath = new TreeMap<>();
    byPath.put("/", new TreeMap<>());
    for (RestApiSpec.Route route : desired.routes()) {
      Map<String, Boolean> methodParameters = new TreeMap<>();
      Map<String, String> integrationParameters = new TreeMap<>();
      for (String parameter : route.parameters()) {
        methodParameters.put("method.request.path." + parameter, true);
        integrationParameters.put(
            "integration.request.path." + parameter, "method.request.path." + parameter);
      }
      MethodFields method =
          new MethodFields(route.authorization(), route.apiKeyRequired(), methodParameters);
      IntegrationFields integration =
          new IntegrationFields(
              "HTTP_PROXY",
              "VPC_LINK",
              linkId,
              base + route.target().replace("+}", "}"),
              route.method(),
              integrationParameters,
              route.timeoutMillis().orElse(DEFAULT_TIMEOUT_MILLIS));
      for (String prefix : prefixes(route.path()))
        byPath.computeIfAbsent(prefix, k -> new TreeMap<>());
      byPath.get(route.path()).put(route.method(), new Wanted(method, integration));
    }
    return new Routes(byPath, contentHash(byPath));
  }

  /** "/a/{b}/c" has the resources "/a", "/a/{b}" and "/a/{b}/c" (the root always exists). */
  static List<String> prefixes(String path) {
    List<String> prefixes = new ArrayList<>();
    if (path.equals("/")) return prefixes;
    int at = 0;
    while ((at = path.indexOf('/', at + 1)) > 0) prefixes.add(path.substring(0, at));
    prefixes.add(path);
    return prefixes;
  }

  /**
   * A hash of everything a deployment freezes: resources, methods and integrations with resolved
   * ids and URIs.
   */
  static String contentHash(Map<String, Map<String, Wanted>> byPath) {
    StringBuilder text = new StringBuilder();
    byPath.forEach(
        (path, methods) -> {
          text.append("resource ").append(path).append('\n');
          methods.forEach(
              (verb, wanted) ->
                  text.append("method ").append(verb).append(' ').append(wanted).append('\n'));
        });
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void planContent(
      RestApiSpec desired,
      Optional<RestApi> actualApi,
      Routes routes,
      ApiGatewaySnapshot api,
      PlanBuilder out) {
    String name = desired.name();
    Key apiKey = ApiGatewayStep.restApi(name);
    Map<String, Resource> actualByPath = new HashMap<>();
    actualApi.ifPresent(a -> api.resourcesOf(a.id()).forEach(r -> actualByPath.put(r.path(), r)));
    int contentChanges = 0;

    // resources that should not be there: children first, so that no delete takes a declared child
    // with it
    List<Resource> extra =
        actualByPath.values().stream()
            .filter(r -> !r.path().equals("/") && !routes.byPath().containsKey(r.path()))
            .sorted(
                Comparator.comparingInt((Resource r) -> depth(r.path()))
                    .reversed()
                    .thenComparing(Resource::path))
            .toList();
    for (Resource resource : extra) {
      out.removePart(
          KIND,
          name + " " + resource.path(),
          new ApiGatewayStep.DeleteResource(apiKey, resource.id()),
          List.of(Change.of("resource " + resource.path(), "present", "(none)")));
      contentChanges++;
    }
    // resources to create: parents first
    List<String> paths =
        routes.byPath().keySet().stream()
            .sorted(Comparator.comparingInt(RestApiPlanner::depth).thenComparing(p -> p))
            .toList();
    for (String path : paths) {
      Key resourceKey = ApiGatewayStep.resource(name, path);
      Resource actual = actualByPath.get(path);
      if (actual != null) {
        out.known(resourceKey, actual.id());
      } else if (!path.equals("/")) {
        String parent = path.lastIndexOf('/') == 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
        out.add(
            Action.create(
                KIND,
                name + " " + path,
                new ApiGatewayStep.CreateResource(
                    apiKey,
                    ApiGatewayStep.resource(name, parent),
                    resourceKey,
                    path.substring(path.lastIndexOf('/') + 1)),
                List.of(Change.of("resource " + path, "(none)", "present"))));
        out.pending(resourceKey);
        contentChanges++;
      }
      Map<String, Method> actualMethods =
          actual == null || actual.resourceMethods() == null ? Map.of() : actual.resourceMethods();
      for (Map.Entry<String, Wanted> entry : routes.byPath().get(path).entrySet()) {
        contentChanges +=
            planMethod(
                name,
                apiKey,
                resourceKey,
                path,
                entry.getKey(),
                entry.getValue(),
                actualMethods.get(entry.getKey()),
                out);
      }
      for (String verb : new TreeSet<>(actualMethods.keySet())) {
        if (routes.byPath().get(path).containsKey(verb)) continue;
        out.removePart(
            KIND,
            name + " " + verb + " " + path,
            new ApiGatewayStep.DeleteMethod(apiKey, resourceKey, verb),
            List.of(Change.of("method " + verb + " " + path, "present", "(none)")));
        contentChanges++;
      }
    }
    planStage(desired, actualApi, routes, contentChanges > 0, api, out);
  }

  private int planMethod(
      String name,
      Key apiKey,
      Key resourceKey,
      String path,
      String verb,
      Wanted wanted,
      Method actual,
      PlanBuilder out) {
    String label = name + " " + verb + " " + path;
    if (actual == null) {
      out.add(
          Action.create(
              KIND,
              label,
              new ApiGatewayStep.PutMethod(
                  apiKey, resourceKey, verb, wanted.method(), wanted.integration()),
              List.of(Change.of("integration uri", "(none)", wanted.integration().uri()))));
      return 1;
    }
    int changed = 0;
    List<PatchOp> operations = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    MethodFields method = wanted.method();
    if (!method.authorizationType().equals(actual.authorizationType())) {
      operations.add(PatchOp.replace("/authorizationType", method.authorizationType()));
      changes.add(
          Change.of("authorization", actual.authorizationType(), method.authorizationType()));
    }
    if (method.apiKeyRequired() != Boolean.TRUE.equals(actual.apiKeyRequired())) {
      operations.add(PatchOp.replace("/apiKeyRequired", String.valueOf(method.apiKeyRequired())));
      changes.add(Change.of("apiKeyRequired", actual.apiKeyRequired(), method.apiKeyRequired()));
    }
    Map<String, Boolean> actualParameters =
        actual.requestParameters() == null ? Map.of() : actual.requestParameters();
    method
        .requestParameters()
        .forEach(
            (key, value) -> {
              if (!value.equals(actualParameters.get(key))) {
                operations.add(
                    actualParameters.containsKey(key)
                        ? PatchOp.replace("/requestParameters/" + key, value.toString())
                        : PatchOp.add("/requestParameters/" + key, value.toString()));
                changes.add(
                    Change.of("requestParameters." + key, actualParameters.get(key), value));
              }
            });
    new TreeSet<>(actualParameters.keySet())
        .stream()
            .filter(k -> !method.requestParameters().containsKey(k))
            .forEach(
                key -> {
                  operations.add(PatchOp.remove("/requestParameters/" + key));
                  changes.add(
                      Change.of("requestParameters." + key, actualParameters.get(key), "(none)"));
                });
    if (!operations.isEmpty()) {
      out.add(
          Action.update(
              KIND,
              label,
              new ApiGatewayStep.UpdateMethod(apiKey, resourceKey, verb, operations),
              changes));
      changed++;
    }
    List<Change> integrationChanges =
        integrationDrift(wanted.integration(), actual.methodIntegration());
    if (!integrationChanges.isEmpty()) {
      out.add(
          Action.update(
              KIND,
              label,
              new ApiGatewayStep.PutIntegration(apiKey, resourceKey, verb, wanted.integration()),
              integrationChanges));
      changed++;
    }
    return changed;
  }

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
    differs(changes, "integration.httpMethod", actual.httpMethod(), desired.httpMethod());
    differs(
        changes,
        "integration.requestParameters",
        actual.requestParameters() == null ? Map.of() : new TreeMap<>(actual.requestParameters()),
        desired.requestParameters());
    differs(
        changes,
        "integration.timeoutInMillis",
        actual.timeoutInMillis() == null ? DEFAULT_TIMEOUT_MILLIS : actual.timeoutInMillis(),
        desired.timeoutMillis());
    return changes;
  }

  private static void differs(List<Change> changes, String field, Object actual, Object desired) {
    if (!Objects.equals(actual, desired))
      changes.add(Change.of(field, actual == null ? "(none)" : actual, desired));
  }

  private void planStage(
      RestApiSpec desired,
      Optional<RestApi> actualApi,
      Routes routes,
      boolean contentChanged,
      ApiGatewaySnapshot api,
      PlanBuilder out) {
    String name = desired.name();
    Key apiKey = ApiGatewayStep.restApi(name);
    RestApiSpec.Stage stage = desired.stage();
    Optional<Stage> actual = actualApi.flatMap(a -> api.stage(a.id(), stage.name()));
    String recorded = actual.flatMap(s -> api.deploymentDescription(s.deploymentId())).orElse("");
    boolean deploy =
        contentChanged || actual.isEmpty() || !recorded.equals(HASH_PREFIX + routes.hash());
    Key deploymentKey = ApiGatewayStep.deployment(name);
    if (deploy) {
      String why =
          contentChanged
              ? "the API changed"
              : actual.isEmpty()
                  ? "stage " + stage.name() + " does not exist"
                  : "the stage serves other content";
      out.add(
          Action.create(
                  ApiGatewayStep.DEPLOYMENT,
                  name,
                  new ApiGatewayStep.CreateDeployment(apiKey, name, HASH_PREFIX + routes.hash()),
                  List.of(
                      recorded.equals(HASH_PREFIX + routes.hash())
                          ? Change.of(
                              "content",
                              "live API differs from its deployed content "
                                  + routes.hash().substring(0, 12),
                              "redeployed once repaired")
                          : Change.of(
                              "content",
                              recorded.isEmpty() ? "(none)" : recorded,
                              HASH_PREFIX + routes.hash())))
              .because(why));
      out.pending(deploymentKey);
    }
    List<PatchOp> settings = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    Map<String, MethodSetting> actualSettings = actual.map(Stage::methodSettings).orElse(Map.of());
    stage
        .throttling()
        .ifPresent(t -> throttling("*/*", t, actualSettings.get("*/*"), settings, changes));
    for (RestApiSpec.Route route : desired.routes()) {
      String key = escape(route.path()) + "/" + route.method();
      route
          .throttling()
          .ifPresent(t -> throttling(key, t, actualSettings.get(key), settings, changes));
    }
    if (actual.isEmpty()) {
      out.add(
          Action.create(
              ApiGatewayStep.STAGE,
              name + " " + stage.name(),
              new ApiGatewayStep.CreateStage(
                  apiKey,
                  deploymentKey,
                  stage.name(),
                  stage.description().orElse(null),
                  stage.variables(),
                  stage.tracing(),
                  settings),
              List.of(Change.of("stage", "(none)", stage.name()))));
      return;
    }
    Stage current = actual.get();
    if (stage.description().isPresent()
        && !stage.description().get().equals(Objects.toString(current.description(), ""))) {
      settings.add(PatchOp.replace("/description", stage.description().get()));
      changes.add(Change.of("description", current.description(), stage.description().get()));
    }
    Map<String, String> actualVariables =
        current.variables() == null ? Map.of() : current.variables();
    stage
        .variables()
        .forEach(
            (key, value) -> {
              if (!value.equals(actualVariables.get(key))) {
                settings.add(PatchOp.replace("/variables/" + key, value));
                changes.add(
                    Change.of(
                        "variables." + key,
                        actualVariables.containsKey(key) ? actualVariables.get(key) : "(none)",
                        value));
              }
            });
    new TreeSet<>(actualVariables.keySet())
        .stream()
            .filter(k -> !stage.variables().containsKey(k))
            .forEach(
                key -> {
                  settings.add(PatchOp.remove("/variables/" + key));
                  changes.add(Change.of("variables." + key, actualVariables.get(key), "(none)"));
                });
    if (stage.tracing() != Boolean.TRUE.equals(current.tracingEnabled())) {
      settings.add(PatchOp.replace("/tracingEnabled", String.valueOf(stage.tracing())));
      changes.add(Change.of("tracing", current.tracingEnabled(), stage.tracing()));
    }
    if (deploy)
      changes.add(0, Change.of("deployment", current.deploymentId(), "(the new deployment)"));
    if (deploy || !settings.isEmpty()) {
      out.add(
          Action.update(
              ApiGatewayStep.STAGE,
              name + " " + stage.name(),
              new ApiGatewayStep.UpdateStage(
                  apiKey,
                  stage.name(),
                  deploy ? Optional.of(deploymentKey) : Optional.empty(),
                  settings),
              changes));
    }
  }

  private static void throttling(
      String key,
      RestApiSpec.Throttling desired,
      MethodSetting actual,
      List<PatchOp> settings,
      List<Change> changes) {
    Double rate = actual == null ? null : actual.throttlingRateLimit();
    Integer burst = actual == null ? null : actual.throttlingBurstLimit();
    if (rate == null || rate != desired.rateLimit()) {
      settings.add(
          PatchOp.replace(
              "/" + key + "/throttling/rateLimit", String.valueOf(desired.rateLimit())));
      changes.add(
          Change.of(
              key + " throttling.rateLimit", rate == null ? "(none)" : rate, desired.rateLimit()));
    }
    if (burst == null || burst != desired.burstLimit()) {
      settings.add(
          PatchOp.replace(
              "/" + key + "/throttling/burstLimit", String.valueOf(desired.burstLimit())));
      changes.add(
          Change.of(
              key + " throttling.burstLimit",
              burst == null ? "(none)" : burst,
              desired.burstLimit()));
    }
  }

  /**
   * A resource path as API Gateway writes it in method-setting keys and patch paths: '~' as ~0, '/'
   * as ~1.
   */
  static String escape(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }

  private static int depth(String path) {
    return path.equals("/") ? 0 : (int) path.chars().filter(c -> c == '/').count();
  }

  static Map<String, String> ordered(Map<String, String> map) {
    return new LinkedHashMap<>(new TreeMap<>(map));
  }
}
