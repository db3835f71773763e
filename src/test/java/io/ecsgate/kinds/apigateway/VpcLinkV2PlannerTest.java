package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLinkStatus;

/**
 * examples/vpc-link-v2/: a VPC link V2 is created in the resolved subnets with its group and tags,
 * the REST API's routes wait for it; an owned link in other subnets is blocked, not replaced; one
 * whose subnets do not resolve is blocked.
 */
class VpcLinkV2PlannerTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private static final String LINK = "ecs-fargate-link-v2";
  private final DesiredState example =
      Registry.loader().load(List.of(Path.of("examples/vpc-link-v2")));
  private final Network network =
      new Network(
          Map.of(
              "private-subnet-a", "subnet-0aaa00000000000a1",
              "private-subnet-b", "subnet-0bbb00000000000b2",
              "public-subnet-a", "subnet-0ccc00000000000c3",
              "public-subnet-b", "subnet-0ddd00000000000d4",
              "ecs-fargate-elb-grp", "sg-0eee00000000000e5",
              "ecs-fargate-vpc", "vpc-0fff00000000000f6"),
          Map.of());

  private Plan plan(Network network, List<VpcLink> links) {
    ApiGatewaySnapshot api =
        new ApiGatewaySnapshot(List.of(), links, List.of(), Map.of(), Map.of(), Map.of());
    ObservedState observed = ObservedState.of(ElbSnapshot.EMPTY, network, EcsSnapshot.EMPTY, api);
    return Registry.planner()
        .plan(new PlanContext(example, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private static List<Action> ofLink(Plan plan) {
    return plan.actions().stream().filter(a -> a.kind().equals(VpcLinkV2Spec.KIND)).toList();
  }

  @Test
  void fromEmptyTheLinkIsCreatedInTheResolvedSubnetsWithItsGroupAndOwnershipTags() {
    List<Action> link = ofLink(plan(network, List.of()));

    assertEquals(1, link.size(), link.toString());
    assertEquals(Verb.CREATE, link.get(0).verb());
    ApiGatewayStep.CreateVpcLinkV2 create =
        assertInstanceOf(ApiGatewayStep.CreateVpcLinkV2.class, link.get(0).step());
    assertEquals(
        List.of("subnet-0aaa00000000000a1", "subnet-0bbb00000000000b2"), create.subnetIds());
    assertEquals(List.of("sg-0eee00000000000e5"), create.securityGroupIds());
    assertEquals("VpcLinkV2/" + LINK, create.tags().get(Ownership.RESOURCE));
    assertEquals("ecsgate", create.tags().get(Ownership.MANAGED_BY));
  }

  @Test
  void anOwnedLinkInOtherSubnetsIsBlockedNotReplacedAndNothingOfItIsWritten() {
    VpcLink other =
        VpcLink.builder()
            .vpcLinkId("abc123")
            .name(LINK)
            .subnetIds("subnet-0ccc00000000000c3", "subnet-0ddd00000000000d4")
            .securityGroupIds("sg-0eee00000000000e5")
            .vpcLinkStatus(VpcLinkStatus.AVAILABLE)
            .tags(OWNERSHIP.tags(VpcLinkV2Spec.KIND, LINK, Map.of()))
            .build();

    List<Action> link = ofLink(plan(network, List.of(other)));

    assertEquals(1, link.size(), link.toString());
    assertTrue(link.get(0).isBlocked());
    assertTrue(link.get(0).reason().contains("abc123 differs in subnets;"), link.get(0).reason());
  }

  @Test
  void theSameLinkListedInAnotherOrderIsInSync() {
    VpcLink same =
        VpcLink.builder()
            .vpcLinkId("abc123")
            .name(LINK)
            .subnetIds("subnet-0bbb00000000000b2", "subnet-0aaa00000000000a1")
            .securityGroupIds("sg-0eee00000000000e5")
            .vpcLinkStatus(VpcLinkStatus.AVAILABLE)
            .tags(OWNERSHIP.tags(VpcLinkV2Spec.KIND, LINK, Map.of()))
            .build();

    assertEquals(List.of(), ofLink(plan(network, List.of(same))));
  }

  @Test
  void aSubnetThatDoesNotResolveBlocksTheLink() {
    Network missing =
        new Network(
            Map.of("private-subnet-a", "subnet-0aaa00000000000a1"),
            Map.of("private-subnet-b", "no subnet named 'private-subnet-b'"));

    List<Action> link = ofLink(plan(missing, List.of()));

    assertEquals(1, link.size(), link.toString());
    assertTrue(link.get(0).isBlocked());
    assertTrue(link.get(0).reason().contains("no subnet named 'private-subnet-b'"));
  }
}
