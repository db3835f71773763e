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
import io.ecsgate.core.Verb;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.Metadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * VPC links and REST APIs ecsgate did not create are never touched without {@code adopt: true}, and
 * taken over with it (TagResource) when they are the only one of their name; tags added to the YAML
 * later are applied; a FAILED link is blocked.
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
            "VpcLink: a VPC link named 'ecs-fargate-link' exists and is not managed by ecsgate;"
                + " set metadata.adopt: true to take it over",
            "RestApi: a REST API named 'student-api' exists and is not managed by ecsgate;"
                + " set metadata.adopt: true to take it over"),
        blocked(plan));
    assertTrue(
        plan.actions().stream().allMatch(Action::isBlocked),
        "nothing is created or changed beside them: " + plan.actions());
  }

  @Test
  void adoptTrueTakesOverTheOnlyLinkAndApiOfTheDeclaredNamesWithTagResource() {
    Plan plan = plan(adoptingApiGateway(), foreignApiGateway());

    assertEquals(List.of(), blocked(plan));
    List<Action> adoptions = plan.actions().stream().filter(a -> a.verb() == Verb.ADOPT).toList();
    assertEquals(List.of("VpcLink", "RestApi"), adoptions.stream().map(Action::kind).toList());
    ApiGatewayStep.TagResource tagLink = (ApiGatewayStep.TagResource) adoptions.get(0).step();
    String linkId = ApiGatewaySnapshot.of(inSync).vpcLinks().get(0).id();
    assertEquals("/vpclinks/" + linkId, tagLink.resourcePath());
    assertEquals("VpcLink/ecs-fargate-link", tagLink.tags().get(Ownership.RESOURCE));
    assertEquals("ecsgate", tagLink.tags().get(Ownership.MANAGED_BY));
    ApiGatewayStep.TagResource tagApi = (ApiGatewayStep.TagResource) adoptions.get(1).step();
    String apiId = ApiGatewaySnapshot.of(inSync).restApis().get(0).id();
    assertEquals("/restapis/" + apiId, tagApi.resourcePath());
    assertTrue(
        plan.actions().stream()
            .filter(a -> a.verb() == Verb.CREATE)
            .noneMatch(
                a ->
                    a.key().equals(ApiGatewayStep.vpcLink("ecs-fargate-link"))
                        || a.key().equals(ApiGatewayStep.restApi("student-api"))),
        "neither is created again: " + plan.actions());
    assertTrue(
        plan.actions().stream().anyMatch(a -> a.name().equals("student-api POST /student")),
        "its routes are planned in the adopted API (whose content the snapshot lacks)");
  }

  @Test
  void twoApisOfTheDeclaredNameBlockAdoptionAndAreNotTouched() {
    ObservedState twice =
        withApi(
            api -> {
              ApiGatewaySnapshot foreign = ApiGatewaySnapshot.of(foreignApiGateway());
              RestApi other = foreign.restApis().get(0).toBuilder().id("other").build();
              List<RestApi> apis = new ArrayList<>(foreign.restApis());
              apis.add(other);
              return new ApiGatewaySnapshot(api.vpcLinks(), apis, Map.of(), Map.of(), Map.of());
            });

    Plan plan = plan(adoptingApiGateway(), twice);

    assertEquals(
        List.of(
            "RestApi: 2 REST APIs named 'student-api' exist and none is managed by ecsgate;"
                + " adopt: true takes over only the one REST API of a name: rename or delete the others"),
        blocked(plan));
    assertTrue(
        plan.actions().stream().filter(a -> a.kind().equals("RestApi")).allMatch(Action::isBlocked),
        plan.actions().toString());
  }

  @Test
  void aUserTagAddedToTheYamlIsOneTagResourceOnTheLink() {
    List<Spec> specs =
        seed.specs().stream()
            .map(
                spec ->
                    spec instanceof VpcLinkSpec l
                        ? new VpcLinkSpec(
                            l.metadata(),
                            l.loadBalancer(),
                            l.description(),
                            Map.of("cost-centre", "42"))
                        : spec)
            .toList();

    Plan plan = plan(new DesiredState(seed.revision(), specs), inSync);

    List<Action> changes = plan.actions().stream().filter(a -> a.kind().equals("VpcLink")).toList();
    assertEquals(1, changes.size(), plan.actions().toString());
    assertEquals(Verb.UPDATE, changes.get(0).verb());
    assertEquals(
        Map.of("cost-centre", "42"), ((ApiGatewayStep.TagResource) changes.get(0).step()).tags());
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
