package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/** The REST API planner over the seed stack, starting from an account that matches it exactly. */
class RestApiPlannerTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private final DesiredState seed = Registry.loader().load(List.of(Path.of("desired-state")));
  private final ObservedState inSync = SyntheticAccount.inSync(seed, OWNERSHIP);

  private Plan plan(ObservedState observed) {
    return Registry.planner().plan(new PlanContext(seed, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private ObservedState withApi(UnaryOperator<ApiGatewaySnapshot> change) {
    return ObservedState.of(
        ElbSnapshot.of(inSync),
        Network.of(inSync),
        EcsSnapshot.of(inSync),
        change.apply(ApiGatewaySnapshot.of(inSync)));
  }

  private static List<String> kinds(Plan plan) {
    return plan.actions().stream()
        .map(a -> a.kind() + " " + a.name() + " " + a.step().getClass().getSimpleName())
        .toList();
  }

  @Test
  void anApiThatMatchesTheYamlNeedsNoChangeAndNoDeployment() {
    Plan plan = plan(inSync);

    assertFalse(plan.hasChanges(), String.valueOf(plan.actions()));
    assertEquals(List.of(), plan.notes());
  }

  @Test
  void aPendingVpcLinkDefersTheRoutesWithANoteAndBlocksNothingElse() {
    Plan plan =
        plan(
            withApi(
                api ->
                    new ApiGatewaySnapshot(
                        api.vpcLinks().stream()
                            .map(l -> l.toBuilder().status("PENDING").build())
                            .toList(),
                        api.restApis(),
                        Map.of(),
                        Map.of(),
                        Map.of())));

    assertFalse(
        plan.hasChanges(),
        "no route, deployment or stage is planned while the link is pending: " + plan.actions());
    assertEquals(1, plan.waits().size(), plan.waits().toString());
    assertEquals(Key.of("VpcLink", "ecs-fargate-link"), plan.waits().get(0).on());
    assertTrue(
        plan.waits().get(0).why().contains("wait for VPC link ecs-fargate-link to be AVAILABLE"),
        plan.waits().toString());
    assertTrue(plan.hasDifferences(), "a pending route is a difference, not 'no changes'");
  }

  @Test
  void aStageVariableChangedByHandIsOneStageUpdateWithoutADeployment() {
    Plan plan =
        plan(
            withApi(
                api -> {
                  Map<String, List<Stage>> stages = new HashMap<>();
                  api.stages()
                      .forEach(
                          (id, list) ->
                              stages.put(
                                  id,
                                  list.stream()
                                      .map(
                                          s ->
                                              s.toBuilder()
                                                  .variables(Map.of("env", "prod", "debug", "1"))
                                                  .build())
                                      .toList()));
                  return new ApiGatewaySnapshot(
                      api.vpcLinks(),
                      api.restApis(),
                      api.resources(),
                      stages,
                      api.deploymentDescriptions());
                }));

    assertEquals(1, plan.actions().size(), String.valueOf(plan.actions()));
    ApiGatewayStep.UpdateStage update =
        assertInstanceOf(ApiGatewayStep.UpdateStage.class, plan.actions().get(0).step());
    assertTrue(update.deployment().isEmpty());
    assertEquals(
        List.of(
            ApiGatewayStep.PatchOp.replace("/variables/env", "test"),
            ApiGatewayStep.PatchOp.remove("/variables/debug")),
        update.operations());
  }

  @Test
  void aStageServingOtherContentIsRedeployedOnceAndPointedAtTheNewDeployment() {
    Plan plan =
        plan(
            withApi(
                api -> {
                  Map<String, String> old = new HashMap<>();
                  api.deploymentDescriptions()
                      .keySet()
                      .forEach(id -> old.put(id, "deployed by hand"));
                  return new ApiGatewaySnapshot(
                      api.vpcLinks(), api.restApis(), api.resources(), api.stages(), old);
                }));

    assertEquals(
        List.of("Deployment student-api CreateDeployment", "Stage student-api test UpdateStage"),
        kinds(plan));
    ApiGatewayStep.UpdateStage update = (ApiGatewayStep.UpdateStage) plan.actions().get(1).step();
    assertEquals(ApiGatewayStep.deployment("student-api"), update.deployment().orElseThrow());
    assertEquals(List.of(), update.operations(), "no stage setting is touched");
  }

  @Test
  void undeclaredNestedResourcesAreDeletedChildrenFirstBeforeTheRedeployment() {
    Plan plan =
        plan(
            withApi(
                api -> {
                  Map<String, List<Resource>> resources = new HashMap<>();
                  api.resources()
                      .forEach(
                          (id, list) -> {
                            List<Resource> more = new ArrayList<>(list);
                            more.add(Resource.builder().id("r-old").path("/old").build());
                            more.add(
                                Resource.builder().id("r-old-child").path("/old/child").build());
                            resources.put(id, more);
                          });
                  return new ApiGatewaySnapshot(
                      api.vpcLinks(),
                      api.restApis(),
                      resources,
                      api.stages(),
                      api.deploymentDescriptions());
                }));

    assertEquals(
        List.of(
            "RestApi student-api /old/child DeleteResource",
            "RestApi student-api /old DeleteResource",
            "Deployment student-api CreateDeployment",
            "Stage student-api test UpdateStage"),
        kinds(plan));
  }

  @Test
  void aLinkToAnotherLoadBalancerIsBlockedBecauseItsTargetCannotChange() {
    Plan plan =
        plan(
            withApi(
                api ->
                    new ApiGatewaySnapshot(
                        api.vpcLinks().stream()
                            .map(
                                l ->
                                    l.toBuilder()
                                        .targetArns(
                                            "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/net/other/1")
                                        .build())
                            .toList(),
                        api.restApis(),
                        api.resources(),
                        api.stages(),
                        api.deploymentDescriptions())));

    assertTrue(plan.isBlocked());
    assertTrue(
        plan.blocked().get(0).reason().contains("a link's target cannot change"),
        plan.blocked().get(0).reason());
  }

  @Test
  void theContentHashChangesWithTheVpcLinkIdSoThatANewLinkIsDeployed() {
    var routes = RestApiPlanner.routes(seed.all(RestApiSpec.class).get(0), "link-a", "http://alb");
    var other = RestApiPlanner.routes(seed.all(RestApiSpec.class).get(0), "link-b", "http://alb");

    assertFalse(routes.hash().equals(other.hash()));
    assertEquals(
        routes.hash(),
        RestApiPlanner.routes(seed.all(RestApiSpec.class).get(0), "link-a", "http://alb").hash());
    assertEquals(
        List.of("/", "/student", "/student/{student_id}"), List.copyOf(routes.byPath().keySet()));
  }

  @Test
  void aMissingIntegrationIsPutWithTheVpcLinkAndThePathParameterMapping() {
    VpcLink link = ApiGatewaySnapshot.of(inSync).vpcLinks().get(0);
    Plan plan =
        plan(
            withApi(
                api -> {
                  Map<String, List<Resource>> resources = new HashMap<>();
                  api.resources()
                      .forEach(
                          (id, list) ->
                              resources.put(
                                  id,
                                  list.stream()
                                      .map(
                                          r ->
                                              r.path().equals("/student/{student_id}")
                                                  ? r.toBuilder()
                                                      .resourceMethods(
                                                          Map.of(
                                                              "GET",
                                                              r
                                                                  .resourceMethods()
                                                                  .get("GET")
                                                                  .toBuilder()
                                                                  .methodIntegration(
                                                                      (software.amazon.awssdk
                                                                              .services.apigateway
                                                                              .model.Integration)
                                                                          null)
                                                                  .build()))
                                                      .build()
                                                  : r)
                                      .toList()));
                  return new ApiGatewaySnapshot(
                      api.vpcLinks(),
                      api.restApis(),
                      resources,
                      api.stages(),
                      api.deploymentDescriptions());
                }));

    ApiGatewayStep.PutIntegration put =
        assertInstanceOf(ApiGatewayStep.PutIntegration.class, plan.actions().get(0).step());
    assertEquals(link.id(), put.integration().connectionId());
    assertEquals(
        "http://ecs-fargate-elb.elb.example/student/{student_id}", put.integration().uri());
    assertEquals(
        Map.of("integration.request.path.student_id", "method.request.path.student_id"),
        put.integration().requestParameters());
    assertEquals(
        3,
        plan.actions().size(),
        "the integration, one deployment, one stage update: " + plan.actions());
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> apiDrift() {
    return java.util.stream.Stream.of(
        // the API as changed by hand -> the one UpdateRestApi's operations (none: in sync)
        org.junit.jupiter.params.provider.Arguments.of(
            (UnaryOperator<software.amazon.awssdk.services.apigateway.model.RestApi.Builder>)
                a -> a,
            List.of()),
        org.junit.jupiter.params.provider.Arguments.of(
            (UnaryOperator<software.amazon.awssdk.services.apigateway.model.RestApi.Builder>)
                a -> a.endpointConfiguration(c -> c.typesWithStrings("EDGE")),
            List.of("replace /endpointConfiguration/types/EDGE REGIONAL")),
        org.junit.jupiter.params.provider.Arguments.of(
            (UnaryOperator<software.amazon.awssdk.services.apigateway.model.RestApi.Builder>)
                a ->
                    a.endpointConfiguration(
                        (software.amazon.awssdk.services.apigateway.model.EndpointConfiguration)
                            null),
            List.of("replace /endpointConfiguration/types/EDGE REGIONAL")),
        org.junit.jupiter.params.provider.Arguments.of(
            (UnaryOperator<software.amazon.awssdk.services.apigateway.model.RestApi.Builder>)
                a -> a.endpointConfiguration(c -> c.typesWithStrings("PRIVATE")),
            List.of("replace /endpointConfiguration/types/PRIVATE REGIONAL")));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("apiDrift")
  void theApisEndpointTypeIsReplacedWhereItDiffersAndNothingElse(
      UnaryOperator<software.amazon.awssdk.services.apigateway.model.RestApi.Builder> drift,
      List<String> operations) {
    Plan plan =
        plan(
            withApi(
                api ->
                    new ApiGatewaySnapshot(
                        api.vpcLinks(),
                        api.restApis().stream()
                            .map(a -> drift.apply(a.toBuilder()).build())
                            .toList(),
                        api.resources(),
                        api.stages(),
                        api.deploymentDescriptions())));

    List<String> updates =
        plan.actions().stream()
            .map(a -> a.step())
            .filter(ApiGatewayStep.UpdateRestApi.class::isInstance)
            .flatMap(u -> ((ApiGatewayStep.UpdateRestApi) u).operations().stream())
            .map(o -> o.op() + " " + o.path() + " " + o.value())
            .toList();
    assertEquals(operations, updates);
  }

  @Test
  void aDescriptionChangedByHandIsPutBack() {
    Plan plan =
        plan(
            withApi(
                api ->
                    new ApiGatewaySnapshot(
                        api.vpcLinks(),
                        api.restApis().stream()
                            .map(a -> a.toBuilder().description("changed by hand").build())
                            .toList(),
                        api.resources(),
                        api.stages(),
                        api.deploymentDescriptions())));

    List<String> fields =
        plan.actions().stream()
            .filter(a -> a.step() instanceof ApiGatewayStep.UpdateRestApi)
            .flatMap(a -> a.changes().stream())
            .map(c -> c.field())
            .toList();
    assertEquals(List.of("description"), fields);
  }

  @Test
  void aPathHasEachOfItsPrefixesAsAResource() {
    assertEquals(List.of("/a", "/a/{b}", "/a/{b}/c"), RestApiPlanner.prefixes("/a/{b}/c"));
    assertEquals(List.of("/a"), RestApiPlanner.prefixes("/a"));
    assertEquals(List.of(), RestApiPlanner.prefixes("/"));
  }
}
