package io.ecsgate.kinds.apigateway;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.export.Document;
import io.ecsgate.export.ExportSource;
import io.ecsgate.export.LeftOut;
import io.ecsgate.export.Reach;
import io.ecsgate.export.Walk;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * REST APIs (their routes, integrations and stage) and the VPC links (V1) they go through, as
 * {@code export} writes them, with the observer's reads: every VPC link and REST API once (500 a
 * page), then for each API reached its resources with their methods embedded (500 a page) and its
 * stages. The backend's load balancer is found by the DNS name the integrations' URIs hold.
 */
public final class ApiGatewayExport implements ExportSource {
  private final ApiGatewayClient client;
  private final Function<String, Optional<String>> loadBalancerByDnsName;
  private List<VpcLink> vpcLinks;
  private List<RestApi> restApis;

  public ApiGatewayExport(
      AwsClients clients, Function<String, Optional<String>> loadBalancerByDnsName) {
    this.client = clients.apiGateway();
    this.loadBalancerByDnsName = loadBalancerByDnsName;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(RestApiSpec.KIND, VpcLinkSpec.KIND);
  }

  @Override
  public void export(Reach reach, Walk walk) {
    readAll();
    if (reach.kind().equals(VpcLinkSpec.KIND)) exportLink(reach, walk);
    else exportApi(reach, walk);
  }

  private void readAll() {
    if (restApis != null) return;
    vpcLinks = new ArrayList<>();
    client
        .getVpcLinksPaginator(r -> r.limit(ApiGatewayReads.PAGE))
        .forEach(page -> vpcLinks.addAll(page.items()));
    restApis = new ArrayList<>();
    client
        .getRestApisPaginator(r -> r.limit(ApiGatewayReads.PAGE))
        .forEach(page -> restApis.addAll(page.items()));
  }

  private void exportLink(Reach reach, Walk walk) {
    Optional<VpcLink> link = vpcLinks.stream().filter(l -> l.name().equals(reach.id())).findFirst();
    if (link.isEmpty()) {
      walk.notFound(reach);
      return;
    }
    vpcLink(link.get(), walk).ifPresent(walk::add);
  }

  private void exportApi(Reach reach, Walk walk) {
    List<RestApi> named = restApis.stream().filter(a -> a.name().equals(reach.id())).toList();
    if (named.isEmpty()) {
      walk.notFound(reach);
      return;
    }
    if (named.size() > 1) {
      walk.leaveOut(
          new LeftOut(
              RestApiSpec.KIND,
              reach.id(),
              named.size() + " REST APIs have this name (adoption takes over only the one)"));
      return;
    }
    RestApi api = named.get(0);
    List<Resource> resources = new ArrayList<>();
    client
        .getResourcesPaginator(
            r -> r.restApiId(api.id()).embed("methods").limit(ApiGatewayReads.PAGE))
        .forEach(page -> resources.addAll(page.items()));
    List<Stage> stages = client.getStages(r -> r.restApiId(api.id())).item();
    restApi(api, resources, stages, vpcLinks, loadBalancerByDnsName, walk).ifPresent(walk::add);
  }

  /** A VPC link (V1) to one network load balancer, by the load balancer's name. */
  static Optional<Document> vpcLink(VpcLink link, Walk walk) {
    if (link.targetArns().size() != 1) {
      walk.leaveOut(
          new LeftOut(
              VpcLinkSpec.KIND, link.name(), link.targetArns().size() + " targets (ecsgate: one)"));
      return Optional.empty();
    }
    String lb = loadBalancerName(link.targetArns().get(0));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("loadBalancer", lb);
    if (link.description() != null && !link.description().isEmpty())
      spec.put("description", link.description());
    Document.putUserTags(spec, link.tags());
    walk.reach(new Reach(LoadBalancerSpec.KIND, lb));
    return Optional.of(new Document(VpcLinkSpec.KIND, link.name(), spec));
  }

  /** {@code arn:...:loadbalancer/<type>/<name>/<id>}'s name. */
  static String loadBalancerName(String arn) {
    String[] parts = arn.substring(arn.indexOf(":loadbalancer/") + 1).split("/");
    return parts[2];
  }

  /** One route's integration, read back: its backend base URL and its target path. */
  private record Backend(String base, String linkId) {}

  /**
   * A REST API's document: its routes (every method of every resource, each an HTTP proxy through
   * one VPC link to one backend), its one stage; stage variables as placeholders unless {@link
   * Walk#includeValues()}.
   */
  static Optional<Document> restApi(
      RestApi api,
      List<Resource> resources,
      List<Stage> stages,
      List<VpcLink> links,
      Function<String, Optional<String>> loadBalancerByDnsName,
      Walk walk) {
    List<String> problems = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    Map<String, Object> spec = new LinkedHashMap<>();
    List<String> types =
        api.endpointConfiguration() == null
            ? List.of()
            : api.endpointConfiguration().typesAsStrings();
    String type = types.isEmpty() ? "REGIONAL" : types.get(0);
    if (!RestApiSpec.ENDPOINT_TYPES.contains(type)) problems.add("endpoint type " + type);
    spec.put("endpointType", type);
    if (api.description() != null && !api.description().isEmpty())
      spec.put("description", api.description());
    Stage stage = null;
    if (stages.size() != 1) problems.add(stages.size() + " stages (ecsgate declares one)");
    else stage = stages.get(0);
    Map<String, MethodSetting> settings =
        stage == null || stage.methodSettings() == null ? Map.of() : stage.methodSettings();
    Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
    Backend backend = null;
    for (Resource resource :
        resources.stream().sorted((x, y) -> x.path().compareTo(y.path())).toList()) {
      if (resource.resourceMethods() == null) continue;
      for (Map.Entry<String, Method> entry : new TreeMap<>(resource.resourceMethods()).entrySet()) {
        String at = entry.getKey() + " " + resource.path();
        Method method = entry.getValue();
        Integration integration = method.methodIntegration();
        if (integration == null
            || !"HTTP_PROXY".equals(integration.typeAsString())
            || !"VPC_LINK".equals(integration.connectionTypeAsString())) {
          problems.add(
              at
                  + ": an integration of type "
                  + (integration == null ? "(none)" : integration.typeAsString())
                  + (integration == null ? "" : " over " + integration.connectionTypeAsString())
                  + " (ecsgate declares HTTP proxies through a VPC link)");
          continue;
        }
        URI uri = URI.create(integration.uri().replace("{", "%7B").replace("}", "%7D"));
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String target = integration.uri().substring(base.length());
        Backend this_ = new Backend(base, integration.connectionId());
        if (backend == null) backend = this_;
        else if (!backend.equals(this_)) {
          problems.add(at + ": another backend or VPC link than the other routes'");
          continue;
        }
        List<String> parameters = parameters(resource.path());
        Map<String, Boolean> methodParameters = new TreeMap<>();
        Map<String, String> integrationParameters = new TreeMap<>();
        for (String p : parameters) {
          methodParameters.put("method.request.path." + p, true);
          integrationParameters.put("integration.request.path." + p, "method.request.path." + p);
        }
        Map<String, Boolean> actualMethodParameters =
            method.requestParameters() == null
                ? Map.of()
                : new TreeMap<>(method.requestParameters());
        Map<String, String> actualIntegrationParameters =
            integration.requestParameters() == null
                ? Map.of()
                : new TreeMap<>(integration.requestParameters());
        if (!actualMethodParameters.equals(methodParameters)
            || !actualIntegrationParameters.equals(integrationParameters))
          problems.add(at + ": request parameters other than the path's passed through");
        String authorization =
            method.authorizationType() == null ? "NONE" : method.authorizationType();
        if (!RestApiSpec.AUTHORIZATION.contains(authorization))
          problems.add(at + ": authorization " + authorization);
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("path", resource.path());
        route.put("methods", new ArrayList<>(List.of(entry.getKey())));
        if (!target.equals(resource.path().replace("+}", "}"))) route.put("target", target);
        if (!authorization.equals("NONE")) route.put("authorization", authorization);
        if (Boolean.TRUE.equals(method.apiKeyRequired())) route.put("apiKeyRequired", true);
        if (integration.timeoutInMillis() != null
            && integration.timeoutInMillis() != RestApiPlanner.DEFAULT_TIMEOUT_MILLIS)
          route.put("timeoutMillis", integration.timeoutInMillis());
        throttling(settings.get(StagePlanner.escape(resource.path()) + "/" + entry.getKey()))
            .ifPresent(t -> route.put("throttling", t));
        Map<String, Object> sameButMethod = new LinkedHashMap<>(route);
        sameButMethod.remove("methods");
        String key = sameButMethod.toString();
        if (routes.containsKey(key))
          ((List<Object>) routes.get(key).get("methods")).add(entry.getKey());
        else routes.put(key, route);
      }
    }
    if (backend == null) problems.add("no route");
    else {
      String linkId = backend.linkId();
      Optional<VpcLink> link = links.stream().filter(l -> l.id().equals(linkId)).findFirst();
      if (link.isEmpty()) problems.add("its VPC link " + linkId + " is not a VPC link V1");
      else {
        spec.put("vpcLink", link.get().name());
        walk.reach(new Reach(VpcLinkSpec.KIND, link.get().name()));
      }
      URI base = URI.create(backend.base());
      Optional<String> lb =
          "http".equals(base.getScheme())
              ? loadBalancerByDnsName.apply(base.getHost())
              : Optional.empty();
      Map<String, Object> backendSpec = new LinkedHashMap<>();
      if (lb.isPresent()) {
        backendSpec.put("loadBalancer", lb.get());
        if (base.getPort() > 0) backendSpec.put("port", base.getPort());
        walk.reach(new Reach(LoadBalancerSpec.KIND, lb.get()));
      } else backendSpec.put("url", backend.base());
      spec.put("backend", backendSpec);
    }
    spec.put("routes", new ArrayList<>(routes.values()));
    if (stage != null) spec.put("stage", stage(stage, walk.includeValues(), comments));
    Document.putUserTags(spec, api.tags() == null ? Map.of() : api.tags());
    if (!problems.isEmpty()) {
      walk.leaveOut(new LeftOut(RestApiSpec.KIND, api.name(), String.join("; ", problems)));
      return Optional.empty();
    }
    return Optional.of(new Document(RestApiSpec.KIND, api.name(), spec, comments));
  }

  /** The names of a path's parameters, in order: {@code /a/{b}/{c+}} has b and c. */
  static List<String> parameters(String path) {
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}+]+)\\+?}").matcher(path);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  private static Optional<Map<String, Object>> throttling(MethodSetting setting) {
    if (setting == null
        || setting.throttlingRateLimit() == null
        || setting.throttlingBurstLimit() == null) return Optional.empty();
    Map<String, Object> out = new LinkedHashMap<>();
    double rate = setting.throttlingRateLimit();
    out.put("rateLimit", rate == Math.rint(rate) ? (Object) (long) rate : (Object) rate);
    out.put("burstLimit", setting.throttlingBurstLimit());
    return Optional.of(out);
  }

  private static Map<String, Object> stage(
      Stage stage, boolean includeValues, List<String> comments) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", stage.stageName());
    if (stage.description() != null && !stage.description().isEmpty())
      out.put("description", stage.description());
    if (stage.variables() != null && !stage.variables().isEmpty()) {
      Map<String, Object> variables = new TreeMap<>();
      stage
          .variables()
          .forEach(
              (k, v) ->
                  variables.put(k, includeValues ? v : Walk.placeholder("stage variable " + k)));
      out.put("variables", variables);
      if (!includeValues)
        comments.add(
            "stage variables are placeholders: write the values (or export with --include-values)");
    }
    MethodSetting all = stage.methodSettings() == null ? null : stage.methodSettings().get("*/*");
    throttling(all).ifPresent(t -> out.put("throttling", t));
    if (Boolean.TRUE.equals(stage.tracingEnabled())) out.put("tracing", true);
    if (stage.accessLogSettings() != null && stage.accessLogSettings().destinationArn() != null) {
      Map<String, Object> logs = new LinkedHashMap<>();
      logs.put("destinationArn", stage.accessLogSettings().destinationArn());
      logs.put("format", stage.accessLogSettings().format());
      out.put("accessLogs", logs);
    }
    if (all != null && all.loggingLevel() != null && !"OFF".equals(all.loggingLevel()))
      out.put("executionLogging", all.loggingLevel());
    if (all != null && Boolean.TRUE.equals(all.metricsEnabled())) out.put("detailedMetrics", true);
    return out;
  }
}
