package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * The content of one REST API against what API Gateway holds: which resources are created (never
 * the root), which are removed and in which order (children first, so that no delete takes a
 * declared child with it), and that a created resource is pending for what needs its id.
 */
class ContentPlannerTest {
  private static final String API =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: nlb}
      spec:
        type: network
        subnets: [subnet-a]
      ---
      apiVersion: ecsgate/v1
      kind: VpcLink
      metadata: {name: link}
      spec: {loadBalancer: nlb}
      ---
      apiVersion: ecsgate/v1
      kind: RestApi
      metadata: {name: api}
      spec:
        vpcLink: link
        backend: {loadBalancer: nlb}
        routes:
          - {path: /items, methods: [GET], target: /items}
        stage: {name: test}
      """;

  private static final RestApiSpec DESIRED = Fixtures.desired(API).all(RestApiSpec.class).get(0);
  private static final RestApiPlanner.Routes ROUTES =
      RestApiPlanner.routes(DESIRED, "link-1", "http://nlb");

  private record Planned(boolean changed, Plan plan) {}

  private static Planned plan(Optional<String> apiId, List<Resource> actual) {
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, Registry.order());
    ApiGatewaySnapshot snapshot =
        new ApiGatewaySnapshot(List.of(), List.of(), Map.of("api-1", actual), Map.of(), Map.of());
    boolean changed = ContentPlanner.plan(DESIRED, apiId, ROUTES, snapshot, out);
    return new Planned(changed, out.build(100, false));
  }

  private static List<String> names(Plan plan) {
    return plan.actions().stream().map(a -> a.verb() + " " + a.name()).toList();
  }

  private static Resource resource(String id, String path) {
    return Resource.builder().id(id).path(path).build();
  }

  @Test
  void aNewApiGetsItsResourcesButNeverARootOfItsOwnAndTheyArePending() {
    Planned planned = plan(Optional.empty(), List.of());

    assertTrue(planned.changed());
    assertEquals(List.of("CREATE api /items", "CREATE api GET /items"), names(planned.plan()));
    assertEquals(
        java.util.Set.of(ApiGatewayStep.resource("api", "/items")), planned.plan().creating());
  }

  @Test
  void undeclaredResourcesAreRemovedDeepestFirstWhateverTheLengthOfTheirPaths() {
    Planned planned =
        plan(
            Optional.of("api-1"),
            List.of(
                resource("r0", "/"),
                resource("r1", "/items"),
                resource("r2", "/abcdefgh"),
                resource("r3", "/x/y"),
                resource("r4", "/x")));

    assertTrue(planned.changed());
    assertEquals(
        List.of(
            "CREATE api GET /items", "UPDATE api /x/y", "UPDATE api /abcdefgh", "UPDATE api /x"),
        names(planned.plan()),
        "the method is put first; the removals, parts of the API, run after all else");
    assertTrue(
        planned.plan().actions().stream()
            .filter(a -> !a.name().contains("GET"))
            .allMatch(a -> a.step() instanceof ApiGatewayStep.DeleteResource));
    assertEquals(
        Map.of(
            ApiGatewayStep.resource("api", "/"),
            "r0",
            ApiGatewayStep.resource("api", "/items"),
            "r1"),
        planned.plan().knownIds());
  }

  @Test
  void anExistingRootIsKeptAndOnlyTheMissingResourceIsCreated() {
    Planned planned = plan(Optional.of("api-1"), List.of(resource("r0", "/")));
    assertTrue(planned.changed(), "the /items resource is created");
    assertFalse(
        planned.plan().actions().stream().map(Action::name).anyMatch(n -> n.equals("api /")),
        "the root exists on every API and is never created or removed");
  }

  @Test
  void aNewStageGetsEachRoutesThrottlingAndWaitsForItsPendingDeployment() {
    RestApiSpec throttled =
        Fixtures.desired(
                API.replace(
                    "- {path: /items, methods: [GET], target: /items}",
                    "- {path: /items, methods: [GET], target: /items,"
                        + " throttling: {rateLimit: 10, burstLimit: 5}}"))
            .all(RestApiSpec.class)
            .get(0);
    PlanBuilder out = new PlanBuilder(PlanOptions.DEFAULT, Pass.FIRST, Registry.order());

    StagePlanner.plan(
        throttled,
        Optional.empty(),
        RestApiPlanner.routes(throttled, "link-1", "http://nlb"),
        true,
        false,
        ApiGatewaySnapshot.EMPTY,
        out);
    Plan plan = out.build(100, false);

    ApiGatewayStep.CreateStage create =
        plan.actions().stream()
            .map(Action::step)
            .filter(ApiGatewayStep.CreateStage.class::isInstance)
            .map(ApiGatewayStep.CreateStage.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of("/~1items/GET/throttling/rateLimit", "/~1items/GET/throttling/burstLimit"),
        create.settings().stream().map(ApiGatewayStep.PatchOp::path).toList());
    assertEquals(
        java.util.Set.of(ApiGatewayStep.deployment("api")), plan.creating(), "the stage needs it");
  }
}
