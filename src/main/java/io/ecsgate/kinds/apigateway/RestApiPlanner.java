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
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * REST APIs: the API itself (description, endpoint type, tags) on {@link Owned}, adopted with
 * {@code adopt: true} when it is the only API of the declared name; then, once its VPC link (V1, or
 * V2 with the backend's listener as the integrations' target) is AVAILABLE and its backend known,
 * its resources, methods and integrations ({@link ContentPlanner}) and its deployment and stage
 * ({@link StagePlanner}); only what differs is written. A new deployment is made only when the
 * API's content hash differs from the one recorded on the stage's current deployment, or when this
 * plan changes the API.
 */
public final class RestApiPlanner implements Kind.Planner {
  private static final String KIND = RestApiSpec.KIND;
  public static final String HASH_PREFIX = "ecsgate sha256:";

  /**
   * The stage tag that records, for a deployment ecsgate did not make (adopted with its API), the
   * content hash it was taken as serving: {@code <deployment id> <hash>}.
   */
  public static final String CONTENT_TAG = "ecsgate:content";

  static final int DEFAULT_TIMEOUT_MILLIS = 29000;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    ApiGatewaySnapshot api = ApiGatewaySnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    List<RestApiSpec> planned =
        new Owned<>(
                KIND,
                "REST API",
                new Owned.Identity<>(RestApi::id, RestApi::tags, RestApi::name),
                new Rules(ownership))
            .plan(context, context.desired().all(RestApiSpec.class), api.restApis(), out);
    for (RestApiSpec desired : planned) {
      // ours, or adopted by this plan; none when this plan creates it
      Optional<String> apiId = out.idOf(ApiGatewayStep.restApi(desired.name()));
      resolveRoutes(context, desired, out)
          .ifPresent(
              routes -> {
                boolean changed = ContentPlanner.plan(desired, apiId, routes, api, out);
                StagePlanner.plan(
                    desired, apiId, routes, changed, adopting(apiId, api, ownership), api, out);
              });
    }
  }

  /** Is the API of {@code apiId} not ecsgate's yet (this plan adopts it)? */
  private static boolean adopting(
      Optional<String> apiId, ApiGatewaySnapshot api, Ownership ownership) {
    return apiId
        .flatMap(id -> api.restApis().stream().filter(a -> a.id().equals(id)).findFirst())
        .map(a -> !ownership.owns(a.tags() == null ? Map.of() : a.tags(), a.id()))
        .orElse(false);
  }

  /**
   * The API itself: created with its endpoint type, its description and endpoint type updated,
   * tagged (adopted, or user tags it lacks), deleted when no longer declared. Its routes,
   * deployment and stage are planned after it.
   */
  private record Rules(Ownership ownership) implements ApiGatewayRules<RestApiSpec, RestApi> {
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
    public Step remove(RestApi actual) {
      return new ApiGatewayStep.DeleteRestApi(actual.id());
    }

    @Override
    public String arnPath(RestApi actual) {
      return "/restapis/" + actual.id();
    }
  }

  /** Its description and endpoint type, where they differ. */
  private static void planApi(RestApiSpec desired, RestApi actual, PlanBuilder out) {
    Patch patch = new Patch();
    patch.description(desired.description(), actual.description());
    List<String> types =
        actual.endpointConfiguration() == null
            ? List.of()
            : actual.endpointConfiguration().typesAsStrings();
    if (!types.equals(List.of(desired.endpointType()))) {
      String current = types.isEmpty() ? "EDGE" : types.get(0);
      patch.replace(
          "endpointType",
          "/endpointConfiguration/types/" + current,
          String.join(",", types),
          desired.endpointType());
    }
    if (patch.isEmpty()) return;
    out.add(
        Action.update(
            KIND,
            desired.name(),
            new ApiGatewayStep.UpdateRestApi(actual.id(), patch.operations()),
            patch.changes()));
  }

  /**
   * The routes with everything resolved (VPC link id, backend URIs), or empty when something they
   * need is not ready.
   */
  public record Routes(Map<String, Map<String, Wanted>> byPath, String hash) {
    /** Is {@code path} one of the API's resources (the root always is)? */
    boolean declares(String path) {
      return byPath.containsKey(path);
    }
  }

  /** One method as it should be on AWS. */
  public record Wanted(MethodFields method, IntegrationFields integration) {}

  private static Optional<Routes> resolveRoutes(
      PlanContext context, RestApiSpec desired, PlanBuilder out) {
    Optional<String> linkId = availableLink(context, desired, out);
    if (linkId.isEmpty()) return Optional.empty();
    Optional<String> base = backend(context, desired, out);
    if (base.isEmpty() || !desired.throughV2())
      return base.map(b -> routes(desired, linkId.get(), b));
    return listener(context, desired, out)
        .map(listenerArn -> routes(desired, linkId.get(), base.get(), listenerArn));
  }

  /**
   * The ARN of the backend's listener on its port, which the integrations through a VPC link V2
   * target; until the listener exists the routes wait for the load balancer.
   */
  private static Optional<String> listener(
      PlanContext context, RestApiSpec desired, PlanBuilder out) {
    String lbName = desired.backend().loadBalancer().get().name();
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Optional<String> arn =
        elb.loadBalancerNamed(lbName).stream()
            .flatMap(lb -> elb.listenersOf(lb.loadBalancerArn()).stream())
            .filter(l -> l.port() != null && l.port() == desired.backendPort())
            .map(l -> l.listenerArn())
            .findFirst();
    if (arn.isEmpty())
      routesWait(
          desired,
          out,
          Key.of(LoadBalancerSpec.KIND, lbName),
          "the listener of load balancer " + lbName + " on port " + desired.backendPort());
    return arn;
  }

  /** The id of the API's VPC link once it is AVAILABLE; until then the routes wait for it. */
  private static Optional<String> availableLink(
      PlanContext context, RestApiSpec desired, PlanBuilder out) {
    String linkName = desired.vpcLink().name();
    Key link = Key.of(desired.vpcLinkKind(), linkName);
    ApiGatewaySnapshot snapshot = ApiGatewaySnapshot.of(context.observed());
    // ours or adopted by this plan (planned before the APIs); none when this plan creates it
    Optional<String> linkId =
        desired.throughV2()
            ? out.idOf(link)
                .flatMap(snapshot::vpcLinkV2)
                .filter(VpcLinkV2Planner::isAvailable)
                .map(l -> l.vpcLinkId())
            : out.idOf(link)
                .flatMap(snapshot::vpcLink)
                .filter(VpcLinkPlanner::isAvailable)
                .map(VpcLink::id);
    if (linkId.isEmpty())
      routesWait(
          desired,
          out,
          link,
          (desired.throughV2() ? "VPC link V2 " : "VPC link ") + linkName + " to be AVAILABLE");
    return linkId;
  }

  /**
   * The base URL of the backend: {@code url} as written, or {@code http://<DNS name of the load
   * balancer>[:port]} once the load balancer has one; until then the routes wait for it.
   */
  private static Optional<String> backend(
      PlanContext context, RestApiSpec desired, PlanBuilder out) {
    RestApiSpec.Backend backend = desired.backend();
    if (backend.url().isPresent()) return backend.url();
    String lbName = backend.loadBalancer().get().name();
    Optional<String> dns =
        ElbSnapshot.of(context.observed())
            .loadBalancerNamed(lbName)
            .map(lb -> lb.dnsName())
            .filter(Objects::nonNull);
    if (dns.isEmpty())
      routesWait(
          desired,
          out,
          Key.of(LoadBalancerSpec.KIND, lbName),
          "load balancer " + lbName + " and its DNS name");
    return dns.map(name -> "http://" + name + backend.port().map(p -> ":" + p).orElse(""));
  }

  /** The routes of {@code desired} wait for {@code on}, until {@code what} is ready. */
  private static void routesWait(RestApiSpec desired, PlanBuilder out, Key on, String what) {
    out.waitFor(
        Key.of(KIND, desired.name()),
        on,
        "routes of REST API " + desired.name() + " wait for " + what);
  }

  /**
   * Every resource path of the API (the root and each prefix of a route path) with the methods it
   * should have, through VPC link {@code linkId} to {@code base} (such as http://dns-name), and the
   * content hash of all of it.
   */
  public static Routes routes(RestApiSpec desired, String linkId, String base) {
    return routes(desired, linkId, base, null);
  }

  /**
   * The same through a VPC link V2: each integration targets {@code integrationTarget} (the
   * listener's ARN); null through a V1 link.
   */
  public static Routes routes(
      RestApiSpec desired, String linkId, String base, String integrationTarget) {
    Map<String, Map<String, Wanted>> byPath = new TreeMap<>();
    byPath.put("/", new TreeMap<>());
    for (RestApiSpec.Route route : desired.routes()) {
      for (String prefix : prefixes(route.path()))
        byPath.computeIfAbsent(prefix, k -> new TreeMap<>());
      byPath.get(route.path()).put(route.method(), wanted(route, linkId, base, integrationTarget));
    }
    return new Routes(byPath, contentHash(byPath));
  }

  /** A route's method, and its integration: the path parameters passed on to the backend. */
  private static Wanted wanted(
      RestApiSpec.Route route, String linkId, String base, String integrationTarget) {
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
            route.timeoutMillis().orElse(DEFAULT_TIMEOUT_MILLIS),
            integrationTarget);
    return new Wanted(method, integration);
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
}
