package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.Action;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Spec;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.Metadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * VPC links and REST APIs ecsgate did not create are never touched, with or without {@code adopt:
 * true}; a FAILED link is blocked.
 */
class VpcLinkPlannerTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private final DesiredState seed = Registry.loader().load(List.of(Path.of("desired-state")));
  private final ObservedState inSync = SyntheticAccount.inSync(seed, OWNERSHIP);

  private Plan plan(DesiredState desired, ObservedState observed) {
    return Registry.planner()
        .plan(new PlanContext(desired, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private ObservedState withApi(UnaryOperator<ApiGatewaySnapshot> change) {
    return ObservedState.of(
        ElbSnapshot.of(inSync),
        Network.of(inSync),
        EcsSnapshot.of(inSync),
        change.apply(ApiGatewaySnapshot.of(inSync)));
  }

  /** The same account, but nothing of API Gateway carries ecsgate's tags. */
  private ObservedState foreignApiGateway() {
    return withApi(
        api ->
            new ApiGatewaySnapshot(
                api.vpcLinks().stream().map(l -> l.toBuilder().tags(Map.of()).build()).toList(),
                api.restApis().stream().map(a -> a.toBuilder().tags(Map.of()).build()).toList(),
                Map.of(),
                Map.of(),
                Map.of()));
  }

  /** The seed with {@code adopt: true} on its VPC links and REST APIs. */
  private DesiredState adoptingApiGateway() {
    List<Spec> specs = seed.specs().stream().map(VpcLinkPlannerTest::adopting).toList();
    return new DesiredState(seed.revision(), specs);
  }

  private static Spec adopting(Spec spec) {
    if (spec instanceof VpcLinkSpec l)
      return new VpcLinkSpec(adopting(l.metadata()), l.loadBalancer(), l.description(), l.tags());
    if (spec instanceof RestApiSpec a)
      return new RestApiSpec(
          adopting(a.metadata()),
          a.endpointType(),
          a.description(),
          a.vpcLink(),
          a.backend(),
          a.routes(),
          a.stage(),
          a.tags());
    return spec;
  }

  private static Metadata adopting(Metadata m) {
    return new Metadata(m.kind(), m.name(), m.at(), true, m.suspend());
  }

  private static List<String> blocked(Plan plan) {
    return plan.blocked().stream().map(a -> a.kind() + ": " + a.reason()).toList();
  }

  @Test
  void aLinkAndAnApiOfTheDeclaredNamesThatEcsgateDidNotCreateAreBlockedAndNotTouched() {
    Plan plan = plan(seed, foreignApiGateway());

    assertEquals(
        List.of(
            "VpcLink: a VPC link named 'ecs-fargate-link' exists and is not managed by ecsgate",
            "RestApi: a REST API named 'student-api' exists and is not managed by ecsgate"),
        blocked(plan));
    assertTrue(
        plan.actions().stream().allMatch(Action::isBlocked),
        "nothing is created or changed beside them: " + plan.actions());
  }

  @Test
  void adoptTrueIsRefusedBecauseApiGatewayNamesAreNotUnique() {
    Plan plan = plan(adoptingApiGateway(), foreignApiGateway());

    assertEquals(
        List.of(
            "VpcLink: a VPC link named 'ecs-fargate-link' exists and is not managed by ecsgate;"
                + " adopting VPC links is not supported yet",
            "RestApi: a REST API named 'student-api' exists and is not managed by ecsgate;"
                + " adopting REST APIs is not supported yet"),
        blocked(plan));
  }

  @Test
  void aFailedLinkIsBlockedWithItsStatusMessage() {
    Plan plan =
        plan(
            seed,
            withApi(
                api ->
                    new ApiGatewaySnapshot(
                        api.vpcLinks().stream()
                            .map(
                                l ->
                                    l.toBuilder()
                                        .status("FAILED")
                                        .statusMessage("NLB not found")
                                        .build())
                            .toList(),
                        api.restApis(),
                        api.resources(),
                        api.stages(),
                        api.deploymentDescriptions())));

    String id = ApiGatewaySnapshot.of(inSync).vpcLinks().get(0).id();
    assertTrue(
        blocked(plan).contains("VpcLink: VPC link " + id + " FAILED: NLB not found"),
        String.valueOf(blocked(plan)));
  }
}
