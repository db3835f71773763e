package io.ecsgate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Family;
import io.ecsgate.core.ObservationFailure;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.apigateway.ApiGatewaySnapshot;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The seed stack planned by the real registry with one family not read: which kinds are skipped
 * (the family's and those that need them) and which are planned.
 */
class UnobservedFamiliesTest {
  private static final DesiredState SEED =
      Registry.loader().load(List.of(Path.of("desired-state")));

  private static Plan planWithout(String failed) {
    List<Object> snapshots = new ArrayList<>();
    for (Family family : Registry.FAMILIES) {
      Object snapshot =
          switch (family.name()) {
            case "network" -> Network.EMPTY;
            case "elb" -> ElbSnapshot.EMPTY;
            case "ecs" -> EcsSnapshot.EMPTY;
            default -> ApiGatewaySnapshot.EMPTY;
          };
      snapshots.add(
          family.name().equals(failed)
              ? ObservationFailure.of(
                  family,
                  software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
                      .statusCode(400)
                      .awsErrorDetails(
                          software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                              .errorCode("Throttling")
                              .build())
                      .build())
              : snapshot);
    }
    return Registry.planner()
        .plan(
            new PlanContext(
                SEED,
                new ObservedState(snapshots),
                new Ownership("ecsgate"),
                PlanOptions.DEFAULT.withPrune(true)));
  }

  private static Set<String> kinds(List<Action> actions) {
    Set<String> kinds = new TreeSet<>();
    actions.forEach(a -> kinds.add(a.kind()));
    return kinds;
  }

  @Test
  void withoutElbTheServicesTheVpcLinkAndTheApiAreSkippedClustersAndTaskDefinitionsPlanned() {
    Plan plan = planWithout("elb");
    assertEquals(
        Set.of(
            "ListenerRule",
            "LoadBalancer",
            "Observation",
            "RestApi",
            "SecurityGroupIngress",
            "Service",
            "TargetGroup",
            "VpcLink"),
        kinds(plan.blocked()));
    assertTrue(
        Set.of("Cluster", "LogGroup", "TaskDefinition").containsAll(kinds(plan.executable())),
        kinds(plan.executable()).toString());
    assertTrue(kinds(plan.executable()).contains("Cluster"), "ECS's clusters are planned");
    Action family =
        plan.blocked().stream().filter(a -> a.kind().equals("Observation")).findFirst().get();
    assertEquals("elb", family.name());
    assertTrue(
        family
            .reason()
            .contains(
                "; not planned: TargetGroup, LoadBalancer, ListenerRule, NlbTargets,"
                    + " SecurityGroupIngress, Service, ScalingPolicy, ScalingAlarm, VpcLink, RestApi"),
        family.reason());
    String service =
        plan.blocked().stream()
            .filter(a -> a.key().toString().equals("Service/ecs-fargate-demo1-service"))
            .findFirst()
            .get()
            .reason();
    assertTrue(
        service.startsWith(
            "not planned: it needs TargetGroup, which is not planned (reading elb failed (throttled): "),
        service);
  }

  @Test
  void withoutApiGatewayOnlyTheVpcLinkAndTheApiAreSkipped() {
    Plan plan = planWithout("apigateway");
    Set<String> blockedKeys = new TreeSet<>();
    plan.blocked().stream()
        .filter(a -> a.reason().contains("reading apigateway failed"))
        .forEach(a -> blockedKeys.add(a.key().toString()));
    assertEquals(
        Set.of("Observation/apigateway", "RestApi/student-api", "VpcLink/ecs-fargate-link"),
        blockedKeys);
    // the other kinds are planned (against an empty network, their names do not resolve)
    assertTrue(
        kinds(plan.actions())
            .containsAll(Set.of("Cluster", "TargetGroup", "ListenerRule", "Service")),
        "the other kinds are planned: " + plan.actions());
    assertTrue(
        plan.actions().stream()
            .noneMatch(
                a ->
                    Set.of("VpcLink", "RestApi", "Deployment", "Stage").contains(a.kind())
                        && !a.isBlocked()),
        plan.actions().toString());
  }

  @Test
  void withoutTheNetworkNamesWhatResolvesThemIsSkipped() {
    Plan plan = planWithout("network");
    Set<String> skipped = new TreeSet<>();
    plan.blocked().stream()
        .filter(a -> a.reason().contains("reading network failed"))
        .forEach(a -> skipped.add(a.kind()));
    assertEquals(
        Set.of(
            "ListenerRule",
            "LoadBalancer",
            "Observation",
            "RestApi",
            "SecurityGroupIngress",
            "Service",
            "TargetGroup",
            "VpcLink"),
        skipped);
    assertTrue(kinds(plan.executable()).contains("Cluster"), kinds(plan.executable()).toString());
  }
}
