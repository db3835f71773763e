package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.References;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API Gateway REST API whose routes are HTTP proxy integrations through a VPC link to a backend
 * (a load balancer's DNS name, or a fixed base URL), and the one stage it is deployed to. Path
 * parameters such as {@code {student_id}} are passed to the backend automatically. The link is a
 * {@code vpcLink} (V1, to an NLB) or a {@code vpcLinkV2}, whose integrations target the listener of
 * the backend's application load balancer on the backend's port (80 unless given); {@code
 * vpcLinkKind} says which of the two kinds {@code vpcLink} names.
 */
public record RestApiSpec(
    Metadata metadata,
    String endpointType,
    Optional<String> description,
    Ref vpcLink,
    String vpcLinkKind,
    Backend backend,
    List<Route> routes,
    Stage stage,
    Map<String, String> tags)
    implements Spec {

  public static final String KIND = "RestApi";

  /** How its documents are read and checked. */
  public static final SpecType<RestApiSpec> TYPE =
      SpecType.of(KIND, RestApiSpec.class, RestApiSpec::read, RestApiSpec::check);

  public static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY");
  static final Set<String> ENDPOINT_TYPES = Set.of("REGIONAL", "PRIVATE");
  static final Set<String> AUTHORIZATION = Set.of("NONE", "AWS_IAM");

  /** A literal path segment: the characters API Gateway accepts in a resource's pathPart. */
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~:@!$&'()*,;=-]+");

  /** A path parameter: {name} or, as the last segment only, the greedy {name+}. */
  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)(\\+?)}");

  private static final Pattern TARGET_PARAMETER = Pattern.compile("\\{([^}]*)}");
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]{0,512}");

  /**
   * Where requests go: {@code http://<DNS name of loadBalancer>[:port]}, or {@code url} as written.
   */
  public record Backend(
      Optional<Ref> loadBalancer, Optional<String> url, Optional<Integer> port, Mark at) {}

  /**
   * One path and method: {@code target} is the path on the backend; {@code parameters} are the
   * path's parameter names in order.
   */
  public record Route(
      String path,
      String method,
      String target,
      String authorization,
      boolean apiKeyRequired,
      Optional<Integer> timeoutMillis,
      Optional<Throttling> throttling,
      List<String> parameters,
      Mark at) {}

  public record Throttling(double rateLimit, int burstLimit) {}

  /**
   * The stage's settings: its description, variables, default throttling and tracing; and, each
   * enforced only when declared, its access log (destination and format), the execution logging
   * level and detailed CloudWatch metrics of all its methods.
   */
  public record Stage(
      String name,
      Optional<String> description,
      Map<String, String> variables,
      Optional<Throttling> throttling,
      boolean tracing,
      Optional<AccessLogs> accessLogs,
      Optional<String> executionLogging,
      Optional<Boolean> detailedMetrics) {}

  /**
   * Access logging: one line per request in {@code format} to {@code destinationArn} (a CloudWatch
   * Logs group, or a Kinesis Data Firehose stream named amazon-apigateway-...).
   */
  public record AccessLogs(String destinationArn, String format) {}

  /** The execution logging levels of a stage's methods. */
  static final Set<String> LOGGING_LEVELS = Set.of("OFF", "ERROR", "INFO");

  /** A log group ARN without the trailing ':*', or a Firehose delivery stream's. */
  private static final Pattern LOG_DESTINATION =
      Pattern.compile(
          "arn:aws[a-z-]*:(logs:[a-z0-9-]+:\\d{12}:log-group:[A-Za-z0-9_./#-]{1,512}"
              + "|firehose:[a-z0-9-]+:\\d{12}:deliverystream/amazon-apigateway-[A-Za-z0-9_.-]{1,47})");

  /** API Gateway refuses an access log format without the request id. */
  private static final Pattern REQUEST_ID =
      Pattern.compile("\\$context\\.(requestId|extendedRequestId)");

  public static RestApiSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkResourceName(metadata.name(), metadata.at(), problems);
    String endpointType = spec.oneOf("endpointType", ENDPOINT_TYPES).orElse("REGIONAL");
    Optional<String> description = spec.string("description");
    Optional<Ref> v1 = spec.ref("vpcLink");
    Optional<Ref> v2 = spec.ref("vpcLinkV2");
    if (v1.isPresent() == v2.isPresent())
      problems.add(spec.at(), Problem.Rule.REQUIRED, "spec takes one of vpcLink or vpcLinkV2");
    Ref vpcLink = v1.or(() -> v2).orElse(new Ref("", spec.at()));
    String vpcLinkKind = v2.isPresent() && v1.isEmpty() ? VpcLinkV2Spec.KIND : VpcLinkSpec.KIND;
    Backend backend = readBackend(spec.requiredMapping("backend"));
    if (vpcLinkKind.equals(VpcLinkV2Spec.KIND) && backend.url().isPresent())
      problems.add(
          spec.at("vpcLinkV2"),
          Problem.Rule.CONDITIONAL,
          "vpcLinkV2 reaches a load balancer's listener: its backend names loadBalancer, not url");
    List<Route> routes = new ArrayList<>();
    for (List<Route> group : spec.mappings("routes", RestApiSpec::readRoutes)) routes.addAll(group);
    if (!spec.has("routes"))
      problems.add(spec.at(), Problem.Rule.REQUIRED, "spec is missing required key 'routes'");
    Map<String, Route> seen = new HashMap<>();
    for (Route route : routes) {
      if (route.path().isEmpty() || route.method().isEmpty()) continue;
      Route first = seen.putIfAbsent(route.method() + " " + route.path(), route);
      if (first != null) {
        problems.add(
            route.at(),
            Problem.Rule.UNIQUE,
            "route "
                + route.method()
                + " "
                + route.path()
                + " is declared twice (first at "
                + first.at()
                + ")");
      }
    }
    Stage stage = readStage(spec.requiredMapping("stage"));
    Map<String, String> tags = Tags.read(spec, problems);
    return new RestApiSpec(
        metadata,
        endpointType,
        description,
        vpcLink,
        vpcLinkKind,
        backend,
        List.copyOf(routes),
        stage,
        tags);
  }

  private static Backend readBackend(Fields backend) {
    Optional<Ref> loadBalancer = backend.ref("loadBalancer");
    Optional<String> url = backend.string("url");
    Optional<Integer> port = backend.integer("port", 1, 65535);
    backend.end();
    if (loadBalancer.isPresent() == url.isPresent()) {
      backend
          .problems()
          .add(backend.at(), Problem.Rule.REQUIRED, "backend takes one of loadBalancer or url");
    }
    url.filter(u -> !u.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?"))
        .ifPresent(
            u ->
                backend
                    .problems()
                    .add(
                        backend.at("url"),
                        Problem.Rule.PATTERN,
                        "backend.url must be http(s)://host[:port] without a path, got '"
                            + u
                            + "'"));
    if (url.isPresent() && port.isPresent())
      backend
          .problems()
          .add(
              backend.at("port"),
              Problem.Rule.CONDITIONAL,
              "backend.port goes with loadBalancer; write the port in url");
    return new Backend(loadBalancer, url, port, backend.at());
  }

  private static List<Route> readRoutes(Fields route) {
    Problems problems = route.problems();
    String path = route.requiredString("path");
    List<String> parameters =
        path.isEmpty() ? List.of() : checkPath(path, route.at("path"), problems);
    List<String> methods = new ArrayList<>();
    for (String method : route.strings("methods")) {
      if (!METHODS.contains(method)) {
        problems.add(
            route.at("methods"),
            Problem.Rule.ENUM,
            "unknown HTTP method '"
                + method
                + "' (known: ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT)");
      } else if (methods.contains(method)) {
        problems.add(
            route.at("methods"), Problem.Rule.UNIQUE, "method " + method + " is listed twice");
      } else {
        methods.add(method);
      }
    }
    if (!route.has("methods"))
      problems.add(route.at(), Problem.Rule.REQUIRED, "route is missing required key 'methods'");
    String target = route.string("target").orElse(path);
    if (route.has("target")) {
      if (!target.startsWith("/"))
        problems.add(
            route.at("target"),
            Problem.Rule.PATTERN,
            "target must start with '/', got '" + target + "'");
      Matcher used = TARGET_PARAMETER.matcher(target);
      while (used.find()) {
        String name =
            used.group(1).endsWith("+")
                ? used.group(1).substring(0, used.group(1).length() - 1)
                : used.group(1);
        if (!parameters.contains(name)) {
          problems.add(
              route.at("target"),
              Problem.Rule.CONSTRAINT,
              "target uses {"
                  + used.group(1)
                  + "}, which path "
                  + path
                  + " does not have"
                  + (parameters.isEmpty()
                      ? ""
                      : " (it has " + String.join(", ", parameters) + ")"));
        }
      }
    }
    String authorization = route.oneOf("authorization", AUTHORIZATION).orElse("NONE");
    boolean apiKeyRequired = route.bool("apiKeyRequired", false);
    Optional<Integer> timeout = route.integer("timeoutMillis", 50, 29000);
    Optional<Throttling> throttling =
        route.mapping("throttling").flatMap(RestApiSpec::readThrottling);
    List<Route> routes = new ArrayList<>();
    for (String method : methods) {
      routes.add(
          new Route(
              path,
              method,
              target,
              authorization,
              apiKeyRequired,
              timeout,
              throttling,
              parameters,
              route.at("methods")));
    }
    return routes;
  }

  /** Checks a resource path and returns its parameter names. */
  static List<String> checkPath(String path, Mark at, Problems problems) {
    List<String> parameters = new ArrayList<>();
    if (!path.startsWith("/")) {
      problems.add(at, Problem.Rule.PATTERN, "path must start with '/', got '" + path + "'");
      return parameters;
    }
    if (path.equals("/")) return parameters;
    if (path.endsWith("/")) {
      problems.add(at, Problem.Rule.PATTERN, "path must not end with '/', got '" + path + "'");
      return parameters;
    }
    String[] segments = path.substring(1).split("/", -1);
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.isEmpty()) {
        problems.add(at, Problem.Rule.PATTERN, "path '" + path + "' has an empty segment");
        continue;
      }
      Matcher parameter = PARAMETER.matcher(segment);
      if (parameter.matches()) {
        if (!parameter.group(2).isEmpty() && i != segments.length - 1) {
          problems.add(
              at,
              Problem.Rule.PATTERN,
              "greedy parameter " + segment + " must be the last segment of '" + path + "'");
        }
        if (!names.add(parameter.group(1)))
          problems.add(
              at,
              Problem.Rule.UNIQUE,
              "path parameter {" + parameter.group(1) + "} appears twice in '" + path + "'");
      } else if (segment.contains("{") || segment.contains("}")) {
        problems.add(
            at,
            Problem.Rule.PATTERN,
            "path segment '"
                + segment
                + "' is not a parameter: write {name} with letters, digits and '_' as the whole segment");
      } else if (!LITERAL.matcher(segment).matches()) {
        problems.add(
            at,
            Problem.Rule.PATTERN,
            "path segment '" + segment + "' has characters API Gateway does not accept");
      }
    }
    parameters.addAll(names);
    return parameters;
  }

  private static Optional<Throttling> readThrottling(Fields throttling) {
    int rate = throttling.requiredInteger("rateLimit", 0, 10000);
    int burst = throttling.requiredInteger("burstLimit", 0, 5000);
    throttling.end();
    return Optional.of(new Throttling(rate, burst));
  }

  private static Stage readStage(Fields stage) {
    Problems problems = stage.problems();
    String name = stage.requiredString("name");
    if (stage.has("name") && !STAGE_NAME.matcher(name).matches()) {
      problems.add(
          stage.at("name"),
          Problem.Rule.PATTERN,
          "stage name '" + name + "' is invalid: API Gateway allows 1-128 letters, digits and '_'");
    }
    Optional<String> description = stage.string("description");
    Map<String, String> variables = new TreeMap<>(stage.stringMap("variables"));
    variables.forEach(
        (key, value) -> {
          if (!VARIABLE_NAME.matcher(key).matches()) {
            problems.add(
                stage.at("variables"),
                Problem.Rule.PATTERN,
                "stage variable name '" + key + "' is invalid: 1-64 letters, digits and '_'");
          }
          if (!VARIABLE_VALUE.matcher(value).matches()) {
            problems.add(
                stage.at("variables"),
                Problem.Rule.PATTERN,
                "stage variable '"
                    + key
                    + "' has a value API Gateway rejects (up to 512 of A-Z a-z 0-9 - . _ ~ : / ? # & = ,)");
          }
        });
    Optional<Throttling> throttling =
        stage.mapping("throttling").flatMap(RestApiSpec::readThrottling);
    boolean tracing = stage.bool("tracing", false);
    Optional<AccessLogs> accessLogs = stage.mapping("accessLogs").map(RestApiSpec::readAccessLogs);
    Optional<String> executionLogging = stage.oneOf("executionLogging", LOGGING_LEVELS);
    Optional<Boolean> detailedMetrics =
        stage.has("detailedMetrics")
            ? Optional.of(stage.bool("detailedMetrics", false))
            : Optional.empty();
    stage.end();
    return new Stage(
        name,
        description,
        Map.copyOf(variables),
        throttling,
        tracing,
        accessLogs,
        executionLogging,
        detailedMetrics);
  }

  private static AccessLogs readAccessLogs(Fields logs) {
    Problems problems = logs.problems();
    String destination = logs.requiredString("destinationArn");
    if (!destination.isEmpty() && !LOG_DESTINATION.matcher(destination).matches())
      problems.add(
          logs.at("destinationArn"),
          Problem.Rule.PATTERN,
          "accessLogs.destinationArn must be a log group's ARN"
              + " (arn:aws:logs:REGION:ACCOUNT:log-group:NAME, without ':*') or an"
              + " amazon-apigateway-... Firehose stream's, got '"
              + destination
              + "'");
    String format = logs.requiredString("format");
    if (!format.isEmpty() && !REQUEST_ID.matcher(format).find())
      problems.add(
          logs.at("format"),
          Problem.Rule.PATTERN,
          "accessLogs.format must contain $context.requestId or $context.extendedRequestId"
              + " (API Gateway refuses a format without it)");
    logs.end();
    return new AccessLogs(destination, format);
  }

  /** Through a V1 link. */
  public RestApiSpec(
      Metadata metadata,
      String endpointType,
      Optional<String> description,
      Ref vpcLink,
      Backend backend,
      List<Route> routes,
      Stage stage,
      Map<String, String> tags) {
    this(
        metadata,
        endpointType,
        description,
        vpcLink,
        VpcLinkSpec.KIND,
        backend,
        routes,
        stage,
        tags);
  }

  /** Through a VPC link V2 (to an ALB's listener) rather than a V1 link (to an NLB)? */
  public boolean throughV2() {
    return vpcLinkKind.equals(VpcLinkV2Spec.KIND);
  }

  /** The port of the backend's listener: the backend's port, 80 unless given. */
  public int backendPort() {
    return backend.port().orElse(80);
  }

  /**
   * A REST API names a declared VPC link and, for its backend, a declared load balancer; through a
   * VPC link V2, an application load balancer with a listener on the backend's port.
   */
  static void check(
      List<RestApiSpec> specs, DesiredState desired, SpecType.Limits limits, Problems problems) {
    for (RestApiSpec api : specs) {
      if (api.throughV2())
        References.resolve(
            api.vpcLink(), desired, VpcLinkV2Spec.class, VpcLinkV2Spec.KIND, problems);
      else
        References.resolve(api.vpcLink(), desired, VpcLinkSpec.class, VpcLinkSpec.KIND, problems);
      api.backend()
          .loadBalancer()
          .flatMap(
              ref ->
                  References.resolve(
                      ref, desired, LoadBalancerSpec.class, LoadBalancerSpec.KIND, problems))
          .filter(lb -> api.throughV2())
          .ifPresent(lb -> checkListener(api, lb, problems));
    }
  }

  private static void checkListener(RestApiSpec api, LoadBalancerSpec lb, Problems problems) {
    Mark at = api.backend().loadBalancer().get().at();
    if (!lb.isApplication())
      problems.add(
          at,
          Problem.Rule.REFERENCE,
          "a REST API through vpcLinkV2 reaches an application load balancer; '"
              + lb.name()
              + "' is "
              + lb.type());
    else if (lb.listener(api.backendPort()).isEmpty())
      problems.add(
          at,
          Problem.Rule.REFERENCE,
          "load balancer '"
              + lb.name()
              + "' declares no listener on port "
              + api.backendPort()
              + " (backend.port, 80 unless given), which vpcLinkV2's integrations target");
  }
}
