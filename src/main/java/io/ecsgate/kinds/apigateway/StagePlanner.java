package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import io.ecsgate.kinds.apigateway.RestApiPlanner.Routes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.model.AccessLogSettings;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * A REST API's deployment and its one stage. A new deployment is made only when this plan changes
 * the API's content, when the stage does not exist, or when the deployment the stage serves records
 * another content hash; the stage is then pointed at it with UpdateStage, together with any stage
 * settings that differ (never wiped): description, variables, tracing, throttling, and, when
 * declared, access logging, execution logging and detailed metrics. Deployments are never made with
 * a stage name.
 *
 * <p>A deployment ecsgate did not make records no hash. When this plan adopts the API, its live
 * content is the declared one and its stage exists, the stage's deployment is taken as serving that
 * content: not deployed again, but recorded on the stage (tag {@link RestApiPlanner#CONTENT_TAG},
 * {@code <deployment id> <hash>}), an adoption write like the API's own tags. A stage pointed at
 * another deployment later no longer matches the record and is deployed again.
 */
final class StagePlanner {
  private final RestApiSpec desired;
  private final RestApiSpec.Stage stage;
  private final Key apiKey;
  private final Key deploymentKey;
  private final PlanBuilder out;

  private StagePlanner(RestApiSpec desired, PlanBuilder out) {
    this.desired = desired;
    this.stage = desired.stage();
    this.apiKey = ApiGatewayStep.restApi(desired.name());
    this.deploymentKey = ApiGatewayStep.deployment(desired.name());
    this.out = out;
  }

  /**
   * {@code actualApi}: the API as observed (none when this plan creates it); {@code
   * contentChanged}: this plan changes its resources, methods or integrations.
   */
  static void plan(
      RestApiSpec desired,
      Optional<String> actualApi,
      Routes routes,
      boolean contentChanged,
      boolean adopting,
      ApiGatewaySnapshot api,
      PlanBuilder out) {
    Optional<Stage> actual = actualApi.flatMap(id -> api.stage(id, desired.stage().name()));
    String deployed = actual.map(s -> deployedContent(s, api)).orElse("");
    StagePlanner planner = new StagePlanner(desired, out);
    if (adopting
        && !contentChanged
        && actual.isPresent()
        && !deployed.startsWith(RestApiPlanner.HASH_PREFIX))
      planner.recordAdoptedDeployment(actualApi.get(), actual.get(), routes);
    else planner.plan(actual, deployed, routes, contentChanged);
  }

  /**
   * The content hash the stage's deployment serves, as ecsgate recorded it: in the deployment's
   * description when ecsgate made it, else in the stage's {@link RestApiPlanner#CONTENT_TAG} when
   * it names this deployment; else the deployment's description as it is (a hand-made one's).
   */
  private static String deployedContent(Stage stage, ApiGatewaySnapshot api) {
    String description = api.deploymentDescription(stage.deploymentId()).orElse("");
    if (description.startsWith(RestApiPlanner.HASH_PREFIX)) return description;
    String recorded = stage.tags() == null ? null : stage.tags().get(RestApiPlanner.CONTENT_TAG);
    String start = stage.deploymentId() + " ";
    if (recorded != null && recorded.startsWith(start))
      return RestApiPlanner.HASH_PREFIX + recorded.substring(start.length());
    return description;
  }

  /**
   * Adopting: the hand-made deployment serves the declared content; tag the stage with its hash
   * (one TagResource), then its settings as for any stage.
   */
  private void recordAdoptedDeployment(String apiId, Stage current, Routes routes) {
    out.add(
        Action.adopt(
                ApiGatewayStep.STAGE,
                desired.name() + " " + stage.name(),
                new ApiGatewayStep.TagResource(
                    "/restapis/" + apiId + "/stages/" + stage.name(),
                    Map.of(
                        RestApiPlanner.CONTENT_TAG, current.deploymentId() + " " + routes.hash())))
            .because(
                "takes over deployment "
                    + current.deploymentId()
                    + " as serving the declared routes (records their hash in tag "
                    + RestApiPlanner.CONTENT_TAG
                    + "; not deployed again)"));
    Map<String, MethodSetting> methodSettings =
        current.methodSettings() == null ? Map.of() : current.methodSettings();
    Patch settings = throttling(methodSettings);
    monitoring(
        Optional.ofNullable(current.accessLogSettings()), methodSettings.get("*/*"), settings);
    updateStage(current, false, settings);
  }

  private void plan(Optional<Stage> actual, String deployed, Routes routes, boolean changed) {
    boolean servesRoutes = deployed.equals(RestApiPlanner.HASH_PREFIX + routes.hash());
    boolean deploy = needsDeployment(changed, actual.isPresent(), servesRoutes);
    if (deploy) createDeployment(deployed, routes, whyDeploy(changed, actual.isPresent()));
    Map<String, MethodSetting> methodSettings = actual.map(Stage::methodSettings).orElse(Map.of());
    Patch settings = throttling(methodSettings);
    monitoring(actual.map(Stage::accessLogSettings), methodSettings.get("*/*"), settings);
    if (actual.isEmpty()) createStage(settings);
    else updateStage(actual.get(), deploy, settings);
  }

  /**
   * Does the stage need a new deployment: the API changes, there is no stage yet, or the stage
   * serves other content?
   */
  private static boolean needsDeployment(
      boolean contentChanged, boolean stageExists, boolean servesRoutes) {
    return contentChanged || !stageExists || !servesRoutes;
  }

  private String whyDeploy(boolean contentChanged, boolean stageExists) {
    if (contentChanged) return "the API changed";
    if (!stageExists) return "stage " + stage.name() + " does not exist";
    return "the stage serves other content";
  }

  /**
   * A deployment that records the routes' hash; {@code deployed} is the hash the stage serves now.
   */
  private void createDeployment(String deployed, Routes routes, String why) {
    String hash = RestApiPlanner.HASH_PREFIX + routes.hash();
    Change content =
        deployed.equals(hash)
            ? Change.of(
                "content",
                "live API differs from its deployed content " + routes.hash().substring(0, 12),
                "redeployed once repaired")
            : Change.of("content", deployed.isEmpty() ? "(none)" : deployed, hash);
    out.add(
        Action.create(
                ApiGatewayStep.DEPLOYMENT,
                desired.name(),
                new ApiGatewayStep.CreateDeployment(apiKey, desired.name(), hash),
                List.of(content))
            .because(why));
    out.pending(deploymentKey);
  }

  /** The stage-wide throttling (of all methods) and each route's, where declared and different. */
  private Patch throttling(Map<String, MethodSetting> actual) {
    Patch settings = new Patch();
    stage.throttling().ifPresent(t -> throttling("*/*", t, actual.get("*/*"), settings));
    for (RestApiSpec.Route route : desired.routes()) {
      String key = escape(route.path()) + "/" + route.method();
      route.throttling().ifPresent(t -> throttling(key, t, actual.get(key), settings));
    }
    return settings;
  }

  private static void throttling(
      String key, RestApiSpec.Throttling desired, MethodSetting actual, Patch settings) {
    Double rate = actual == null ? null : actual.throttlingRateLimit();
    Integer burst = actual == null ? null : actual.throttlingBurstLimit();
    limit(key, "rateLimit", rate, desired.rateLimit(), settings);
    limit(key, "burstLimit", burst, desired.burstLimit(), settings);
  }

  private static void limit(String key, String limit, Number actual, Number desired, Patch to) {
    to.field(key + " throttling." + limit, "/" + key + "/throttling/" + limit, actual, desired);
  }

  /**
   * Access logging, execution logging and detailed metrics, each only when declared: the access log
   * destination and format, and the logging level and metrics flag of all methods ({@code *}/{@code
   * *}), which AWS reports as OFF and false when never set.
   */
  private void monitoring(
      Optional<AccessLogSettings> actualLogs, MethodSetting allMethods, Patch settings) {
    stage
        .accessLogs()
        .ifPresent(
            logs -> {
              settings.field(
                  "accessLogs.destinationArn",
                  "/accessLogSettings/destinationArn",
                  actualLogs.map(AccessLogSettings::destinationArn).orElse(null),
                  logs.destinationArn());
              settings.field(
                  "accessLogs.format",
                  "/accessLogSettings/format",
                  actualLogs.map(AccessLogSettings::format).orElse(null),
                  logs.format());
            });
    String level = allMethods == null ? null : allMethods.loggingLevel();
    stage
        .executionLogging()
        .ifPresent(
            desired ->
                settings.field(
                    "executionLogging",
                    "/*/*/logging/loglevel",
                    level == null ? "OFF" : level,
                    desired));
    stage
        .detailedMetrics()
        .ifPresent(
            desired ->
                settings.flag(
                    "detailedMetrics",
                    "/*/*/metrics/enabled",
                    allMethods == null ? null : allMethods.metricsEnabled(),
                    desired));
  }

  /** CreateStage at the new deployment, with the settings CreateStage cannot set. */
  private void createStage(Patch settings) {
    out.add(
        Action.create(
            ApiGatewayStep.STAGE,
            desired.name() + " " + stage.name(),
            new ApiGatewayStep.CreateStage(
                apiKey,
                deploymentKey,
                stage.name(),
                stage.description().orElse(null),
                stage.variables(),
                stage.tracing(),
                settings.operations()),
            List.of(Change.of("stage", "(none)", stage.name()))));
  }

  /** One UpdateStage: the settings that differ, and the new deployment if there is one. */
  private void updateStage(Stage current, boolean deploy, Patch settings) {
    settings.description(stage.description(), current.description());
    Map<String, String> variables = current.variables() == null ? Map.of() : current.variables();
    settings.entries("variables", stage.variables(), variables, PatchOp::replace);
    settings.flag("tracing", "/tracingEnabled", current.tracingEnabled(), stage.tracing());
    if (!deploy && settings.isEmpty()) return;
    if (deploy)
      settings.showFirst(Change.of("deployment", current.deploymentId(), "(the new deployment)"));
    out.add(
        Action.update(
            ApiGatewayStep.STAGE,
            desired.name() + " " + stage.name(),
            new ApiGatewayStep.UpdateStage(
                apiKey,
                stage.name(),
                deploy ? Optional.of(deploymentKey) : Optional.empty(),
                settings.operations()),
            settings.changes()));
  }

  /**
   * A resource path as API Gateway writes it in method-setting keys and patch paths: '~' as ~0, '/'
   * as ~1.
   */
  static String escape(String path) {
    return path.replace("~", "~0").replace("/", "~1");
  }
}
