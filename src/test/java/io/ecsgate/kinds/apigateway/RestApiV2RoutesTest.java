package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Wait;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLinkStatus;

/**
 * examples/vpc-link-v2/ with its VPC link V2 AVAILABLE and its REST API still to create: each
 * integration targets the backend load balancer's listener on the backend's port, and the routes
 * wait, writing nothing, while that listener or the load balancer's DNS name is missing.
 */
class RestApiV2RoutesTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private static final String LINK = "ecs-fargate-link-v2";
  private static final String LB = "ecs-fargate-elb";
  private final DesiredState example =
      Registry.loader().load(List.of(Path.of("examples/vpc-link-v2")));
  private final ObservedState account = SyntheticAccount.inSync(example, OWNERSHIP);

  private Plan plan(UnaryOperator<ElbSnapshot> elb) {
    VpcLink link =
        VpcLink.builder()
            .vpcLinkId("v2link")
            .name(LINK)
            .vpcLinkStatus(VpcLinkStatus.AVAILABLE)
            .tags(OWNERSHIP.tags(VpcLinkV2Spec.KIND, LINK, Map.of()))
            .build();
    ApiGatewaySnapshot api =
        new ApiGatewaySnapshot(List.of(), List.of(link), List.of(), Map.of(), Map.of(), Map.of());
    ObservedState observed =
        ObservedState.of(
            elb.apply(ElbSnapshot.of(account)), Network.of(account), EcsSnapshot.of(account), api);
    return Registry.planner()
        .plan(new PlanContext(example, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private static List<ApiGatewayStep.PutMethod> puts(Plan plan) {
    return plan.actions().stream()
        .map(a -> a.step())
        .filter(ApiGatewayStep.PutMethod.class::isInstance)
        .map(ApiGatewayStep.PutMethod.class::cast)
        .toList();
  }

  private String listenerArn(ElbSnapshot elb, int port) {
    String lbArn = elb.loadBalancerNamed(LB).orElseThrow().loadBalancerArn();
    return elb.listenersOf(lbArn).stream()
        .filter(l -> l.port() == port)
        .findFirst()
        .orElseThrow()
        .listenerArn();
  }

  @Test
  void eachIntegrationTargetsTheListenerOnTheBackendsPortThroughTheLink() {
    ElbSnapshot elb = ElbSnapshot.of(account);
    Plan plan = plan(e -> e);

    List<ApiGatewayStep.PutMethod> puts = puts(plan);
    assertEquals(2, puts.size(), plan.actions().toString());
    String dns = elb.loadBalancerNamed(LB).orElseThrow().dnsName();
    for (ApiGatewayStep.PutMethod put : puts) {
      assertEquals(listenerArn(elb, 80), put.integration().integrationTarget());
      assertEquals("v2link", put.integration().connectionId());
      assertEquals(true, put.integration().uri().startsWith("http://" + dns + "/student"));
    }
    assertEquals(List.of(), plan.waits());
  }

  @Test
  void withoutAListenerOnTheBackendsPortTheRoutesWaitForTheLoadBalancer() {
    Plan plan =
        plan(
            e ->
                new ElbSnapshot(
                    e.loadBalancers(),
                    Map.of(),
                    e.rules(),
                    e.targetGroups(),
                    e.tags(),
                    e.targets(),
                    e.albIps()));

    assertEquals(List.of(), puts(plan));
    assertEquals(
        List.of(
            new Wait(
                Key.of(RestApiSpec.KIND, "student-api"),
                Key.of("LoadBalancer", LB),
                "routes of REST API student-api wait for the listener of load balancer "
                    + LB
                    + " on port 80")),
        plan.waits().stream().filter(w -> w.subject().kind().equals(RestApiSpec.KIND)).toList());
  }

  @Test
  void withoutTheLoadBalancersDnsNameTheRoutesWaitForIt() {
    Plan plan =
        plan(
            e ->
                new ElbSnapshot(
                    e.loadBalancers().stream()
                        .map(lb -> lb.toBuilder().dnsName(null).build())
                        .toList(),
                    e.listeners(),
                    e.rules(),
                    e.targetGroups(),
                    e.tags(),
                    e.targets(),
                    e.albIps()));

    assertEquals(List.of(), puts(plan));
    assertEquals(
        List.of(
            "routes of REST API student-api wait for load balancer " + LB + " and its DNS name"),
        plan.waits().stream()
            .filter(w -> w.subject().kind().equals(RestApiSpec.KIND))
            .map(Wait::why)
            .toList());
  }
}
