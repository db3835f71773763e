package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.IntegrationFields;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * Every field diff of a REST API's content and stage, one row each, against the seed stack in sync:
 * each drifted field is written back with the one call that owns it, and nothing else is touched.
 */
class ApiGatewayDriftTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private static final DesiredState SEED =
      Registry.loader().load(List.of(Path.of("desired-state")));
  private static final ObservedState IN_SYNC = SyntheticAccount.inSync(SEED, OWNERSHIP);

  private static Plan plan(ObservedState observed) {
    return Registry.planner().plan(new PlanContext(SEED, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private static ObservedState withApi(UnaryOperator<ApiGatewaySnapshot> change) {
    return ObservedState.of(
        ElbSnapshot.of(IN_SYNC),
        Network.of(IN_SYNC),
        EcsSnapshot.of(IN_SYNC),
        change.apply(ApiGatewaySnapshot.of(IN_SYNC)));
  }

  private static ObservedState withStage(UnaryOperator<Stage.Builder> change) {
    return withApi(
        api -> {
          Map<String, List<Stage>> stages = new HashMap<>();
          api.stages()
              .forEach(
                  (id, list) ->
                      stages.put(
                          id,
                          list.stream().map(s -> change.apply(s.toBuilder()).build()).toList()));
          return new ApiGatewaySnapshot(
              api.vpcLinks(),
              api.restApis(),
              api.resources(),
              stages,
              api.deploymentDescriptions());
        });
  }

  private static ObservedState withResources(UnaryOperator<List<Resource>> change) {
    return withApi(
        api -> {
          Map<String, List<Resource>> resources = new HashMap<>();
          api.resources().forEach((id, list) -> resources.put(id, change.apply(list)));
          return new ApiGatewaySnapshot(
              api.vpcLinks(),
              api.restApis(),
              resources,
              api.stages(),
              api.deploymentDescriptions());
        });
  }

  /** The GET method of /student/{student_id} changed. */
  private static ObservedState withGet(UnaryOperator<Method.Builder> change) {
    return withResources(
        list ->
            list.stream()
                .map(
                    r ->
                        r.path().equals("/student/{student_id}")
                            ? r.toBuilder()
                                .resourceMethods(
                                    Map.of(
                                        "GET",
                                        change
                                            .apply(r.resourceMethods().get("GET").toBuilder())
                                            .build()))
                                .build()
                            : r)
                .toList());
  }

  private static List<String> steps(Plan plan) {
    return plan.actions().stream()
        .map(
            a ->
                a.verb()
                    + " "
                    + a.kind()
                    + " "
                    + a.name()
                    + " "
                    + a.step().getClass().getSimpleName())
        .toList();
  }

  static Stream<Arguments> stageDrift() {
    MethodSetting limits =
        MethodSetting.builder().throttlingRateLimit(100.0).throttlingBurstLimit(200).build();
    return Stream.of(
        Arguments.of(
            "another description",
            (UnaryOperator<Stage.Builder>) s -> s.description("by hand"),
            List.of(PatchOp.replace("/description", "test stage"))),
        Arguments.of(
            "tracing switched on",
            (UnaryOperator<Stage.Builder>) s -> s.tracingEnabled(true),
            List.of(PatchOp.replace("/tracingEnabled", "false"))),
        Arguments.of(
            "tracing unset",
            (UnaryOperator<Stage.Builder>) s -> s.tracingEnabled((Boolean) null),
            List.of()),
        Arguments.of(
            "a lower rate limit",
            (UnaryOperator<Stage.Builder>)
                s ->
                    s.methodSettings(
                        Map.of("*/*", limits.toBuilder().throttlingRateLimit(50.0).build())),
            List.of(PatchOp.replace("/*/*/throttling/rateLimit", "100.0"))),
        Arguments.of(
            "a lower burst limit",
            (UnaryOperator<Stage.Builder>)
                s ->
                    s.methodSettings(
                        Map.of("*/*", limits.toBuilder().throttlingBurstLimit(20).build())),
            List.of(PatchOp.replace("/*/*/throttling/burstLimit", "200"))),
        Arguments.of(
            "no throttling at all",
            (UnaryOperator<Stage.Builder>) s -> s.methodSettings(Map.of()),
            List.of(
                PatchOp.replace("/*/*/throttling/rateLimit", "100.0"),
                PatchOp.replace("/*/*/throttling/burstLimit", "200"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stageDrift")
  void aDriftedStageSettingIsOneStageUpdateWithoutADeployment(
      String what, UnaryOperator<Stage.Builder> drift, List<PatchOp> operations) {
    Plan plan = plan(withStage(drift));
    if (operations.isEmpty()) {
      assertEquals(List.of(), plan.actions(), what);
      return;
    }
    assertEquals(List.of("UPDATE Stage student-api test UpdateStage"), steps(plan), what);
    ApiGatewayStep.UpdateStage update = (ApiGatewayStep.UpdateStage) plan.actions().get(0).step();
    assertEquals(operations, update.operations(), what);
    assertEquals(List.of(), update.deployment().stream().toList(), what);
  }

  @Test
  void aMissingStageIsCreatedAtANewDeploymentAndSaysWhy() {
    Plan plan =
        plan(
            withApi(
                api ->
                    new ApiGatewaySnapshot(
                        api.vpcLinks(), api.restApis(), api.resources(), Map.of(), Map.of())));
    assertEquals(
        List.of(
            "CREATE Deployment student-api CreateDeployment",
            "CREATE Stage student-api test CreateStage"),
        steps(plan));
    assertEquals("stage test does not exist", plan.actions().get(0).reason());
    assertEquals(
        List.of(
            Change.of(
                "content",
                "(none)",
                ((ApiGatewayStep.CreateDeployment) plan.actions().get(0).step()).description())),
        plan.actions().get(0).changes());
    ApiGatewayStep.CreateStage stage = (ApiGatewayStep.CreateStage) plan.actions().get(1).step();
    assertEquals(
        List.of(
            PatchOp.replace("/*/*/throttling/rateLimit", "100.0"),
            PatchOp.replace("/*/*/throttling/burstLimit", "200")),
        stage.settings());
  }

  @Test
  void aChangedApiIsRedeployedBecauseItChangedAndTheStageIsPointedAtIt() {
    Plan plan = plan(withGet(m -> m.authorizationType("AWS_IAM")));
    List<Action> deployment =
        plan.actions().stream().filter(a -> a.kind().equals(ApiGatewayStep.DEPLOYMENT)).toList();
    assertEquals("the API changed", deployment.get(0).reason());
    Action stage =
        plan.actions().stream()
            .filter(a -> a.kind().equals(ApiGatewayStep.STAGE))
            .findFirst()
            .orElseThrow();
    assertEquals("deployment", stage.changes().get(0).field());
  }

  @Test
  void aStageServingOtherContentSaysSo() {
    Plan plan =
        plan(
            withApi(
                api -> {
                  Map<String, String> old = new HashMap<>();
                  api.deploymentDescriptions().keySet().forEach(id -> old.put(id, "by hand"));
                  return new ApiGatewaySnapshot(
                      api.vpcLinks(), api.restApis(), api.resources(), api.stages(), old);
                }));
    assertEquals("the stage serves other content", plan.actions().get(0).reason());
    assertEquals("by hand", plan.actions().get(0).changes().get(0).actual());
  }

  @Test
  void aHandMadeDeploymentRecordedOnTheStageAtAdoptionIsNotDeployedAgain() {
    String hash =
        ApiGatewaySnapshot.of(IN_SYNC)
            .deploymentDescriptions()
            .values()
            .iterator()
            .next()
            .substring(RestApiPlanner.HASH_PREFIX.length());
    ObservedState byHand =
        withApi(
            api -> {
              Map<String, String> old = new HashMap<>();
              api.deploymentDescriptions().keySet().forEach(id -> old.put(id, "by hand"));
              return new ApiGatewaySnapshot(
                  api.vpcLinks(), api.restApis(), api.resources(), api.stages(), old);
            });
    ObservedState recorded =
        withStage(
            s -> s.tags(Map.of(RestApiPlanner.CONTENT_TAG, s.build().deploymentId() + " " + hash)));
    ObservedState both =
        ObservedState.of(
            ElbSnapshot.of(IN_SYNC),
            Network.of(IN_SYNC),
            EcsSnapshot.of(IN_SYNC),
            new ApiGatewaySnapshot(
                ApiGatewaySnapshot.of(recorded).vpcLinks(),
                ApiGatewaySnapshot.of(recorded).restApis(),
                ApiGatewaySnapshot.of(recorded).resources(),
                ApiGatewaySnapshot.of(recorded).stages(),
                ApiGatewaySnapshot.of(byHand).deploymentDescriptions()));
    assertEquals(List.of(), plan(both).actions(), "the tag names the stage's deployment");

    ObservedState otherDeployment =
        withStage(s -> s.tags(Map.of(RestApiPlanner.CONTENT_TAG, "another " + hash)));
    assertEquals(
        List.of(ApiGatewayStep.DEPLOYMENT, ApiGatewayStep.STAGE),
        plan(
                ObservedState.of(
                    ElbSnapshot.of(IN_SYNC),
                    Network.of(IN_SYNC),
                    EcsSnapshot.of(IN_SYNC),
                    new ApiGatewaySnapshot(
                        ApiGatewaySnapshot.of(otherDeployment).vpcLinks(),
                        ApiGatewaySnapshot.of(otherDeployment).restApis(),
                        ApiGatewaySnapshot.of(otherDeployment).resources(),
                        ApiGatewaySnapshot.of(otherDeployment).stages(),
                        ApiGatewaySnapshot.of(byHand).deploymentDescriptions())))
            .actions()
            .stream()
            .map(Action::kind)
            .toList(),
        "a tag naming another deployment records nothing for this one");
  }

  static Stream<Arguments> methodDrift() {
    return Stream.of(
        Arguments.of(
            "another authorization",
            (UnaryOperator<Method.Builder>) m -> m.authorizationType("AWS_IAM"),
            List.of(PatchOp.replace("/authorizationType", "NONE"))),
        Arguments.of(
            "an API key required",
            (UnaryOperator<Method.Builder>) m -> m.apiKeyRequired(true),
            List.of(PatchOp.replace("/apiKeyRequired", "false"))),
        Arguments.of(
            "an undeclared request parameter",
            (UnaryOperator<Method.Builder>)
                m ->
                    m.requestParameters(
                        Map.of(
                            "method.request.path.student_id", true,
                            "method.request.header.x", false)),
            List.of(PatchOp.remove("/requestParameters/method.request.header.x"))),
        Arguments.of(
            "no request parameters",
            (UnaryOperator<Method.Builder>) m -> m.requestParameters(null),
            List.of(PatchOp.add("/requestParameters/method.request.path.student_id", "true"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methodDrift")
  void aDriftedMethodFieldIsOneMethodUpdateAndARedeployment(
      String what, UnaryOperator<Method.Builder> drift, List<PatchOp> operations) {
    Plan plan = plan(withGet(drift));
    assertEquals(
        List.of(
            "UPDATE RestApi student-api GET /student/{student_id} UpdateMethod",
            "CREATE Deployment student-api CreateDeployment",
            "UPDATE Stage student-api test UpdateStage"),
        steps(plan),
        what);
    assertEquals(
        operations, ((ApiGatewayStep.UpdateMethod) plan.actions().get(0).step()).operations());
  }

  @Test
  void aMissingResourceIsCreatedUnderItsParentWithItsMethodAndAnUndeclaredMethodIsRemoved() {
    Plan plan =
        plan(
            withResources(
                list ->
                    list.stream()
                        .filter(r -> !r.path().equals("/student/{student_id}"))
                        .map(
                            r ->
                                r.path().equals("/student")
                                    ? r.toBuilder()
                                        .resourceMethods(
                                            Map.of(
                                                "POST", r.resourceMethods().get("POST"),
                                                "DELETE", r.resourceMethods().get("POST")))
                                        .build()
                                    : r)
                        .toList()));
    assertEquals(
        List.of(
            "CREATE RestApi student-api /student/{student_id} CreateResource",
            "CREATE RestApi student-api GET /student/{student_id} PutMethod",
            "UPDATE RestApi student-api DELETE /student DeleteMethod",
            "CREATE Deployment student-api CreateDeployment",
            "UPDATE Stage student-api test UpdateStage"),
        steps(plan));
    ApiGatewayStep.CreateResource create =
        assertInstanceOf(ApiGatewayStep.CreateResource.class, plan.actions().get(0).step());
    assertEquals(ApiGatewayStep.resource("student-api", "/student"), create.parent());
    assertEquals("{student_id}", create.pathPart());
    ApiGatewayStep.PutMethod put = (ApiGatewayStep.PutMethod) plan.actions().get(1).step();
    assertEquals(ApiGatewayStep.resource("student-api", "/student/{student_id}"), put.resource());
  }

  private static final IntegrationFields DESIRED =
      new IntegrationFields(
          "HTTP_PROXY", "VPC_LINK", "link-1", "http://alb/x", "GET", Map.of("a", "b"), 29000);

  private static Integration.Builder actual() {
    return Integration.builder()
        .type("HTTP_PROXY")
        .connectionType("VPC_LINK")
        .connectionId("link-1")
        .uri("http://alb/x")
        .httpMethod("GET")
        .requestParameters(Map.of("a", "b"))
        .timeoutInMillis(29000);
  }

  static Stream<Arguments> integrationDrift() {
    return Stream.of(
        Arguments.of((UnaryOperator<Integration.Builder>) i -> i, List.of()),
        Arguments.of((UnaryOperator<Integration.Builder>) i -> i.timeoutInMillis(null), List.of()),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.type("HTTP"),
            List.of("integration.type: HTTP -> HTTP_PROXY")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.connectionType("INTERNET"),
            List.of("integration.connectionType: INTERNET -> VPC_LINK")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.connectionId(null),
            List.of("integration.connectionId: (none) -> link-1")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.uri("http://old/x"),
            List.of("integration.uri: http://old/x -> http://alb/x")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.httpMethod("POST"),
            List.of("integration.httpMethod: POST -> GET")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.requestParameters(null),
            List.of("integration.requestParameters: {} -> {a=b}")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.timeoutInMillis(5000),
            List.of("integration.timeoutInMillis: 5000 -> 29000")),
        Arguments.of(
            (UnaryOperator<Integration.Builder>) i -> i.integrationTarget("arn:listener/old"),
            List.of("integration.integrationTarget: arn:listener/old -> null")));
  }

  @ParameterizedTest
  @MethodSource("integrationDrift")
  void eachIntegrationFieldIsComparedOnItsOwn(
      UnaryOperator<Integration.Builder> drift, List<String> changes) {
    assertEquals(
        changes,
        ContentPlanner.integrationDrift(DESIRED, drift.apply(actual()).build()).stream()
            .map(Change::toString)
            .toList());
  }

  @Test
  void aMissingIntegrationIsAllOfIt() {
    assertEquals(
        List.of("integration: (none) -> http://alb/x"),
        ContentPlanner.integrationDrift(DESIRED, null).stream().map(Change::toString).toList());
  }

  @ParameterizedTest
  @CsvSource({"/student,~1student", "/a/{b}/~c,~1a~1{b}~1~0c", "/,~1"})
  void aPathIsEscapedAsApiGatewayWritesItInSettingKeys(String path, String escaped) {
    assertEquals(escaped, StagePlanner.escape(path));
  }
}
