package io.ecsgate.kinds.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.core.Ownership;
import io.ecsgate.core.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * What the ECS snapshot gives the engine: the services {@code --prune} deletes (live, ours,
 * undeclared), every tagged cluster and service by ARN, the parts that count for the mass-deletion
 * guard, and what survives a copy.
 */
class EcsSnapshotTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");

  private static List<Tag> tags(String kind, String name) {
    return OWNERSHIP.tags(kind, name, Map.of()).entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static Service service(String name, String status, boolean ours) {
    return Service.builder()
        .serviceName(name)
        .serviceArn("arn:service/main/" + name)
        .status(status)
        .taskDefinition("arn:task-definition/" + name + ":1")
        .tags(ours ? tags(ServiceSpec.KIND, name) : List.of())
        .build();
  }

  private static final Map<String, List<Service>> SERVICES =
      Map.of(
          "main",
          List.of(
              service("web", "ACTIVE", true),
              service("gone", "ACTIVE", true),
              service("draining", "DRAINING", true),
              service("theirs", "ACTIVE", false)));

  @Test
  void onlyLiveOwnedServicesTheDesiredStateDoesNotNameArePruned() {
    List<EcsSnapshot.UndeclaredService> undeclared =
        EcsSnapshot.undeclaredOwnedServices(SERVICES, OWNERSHIP, Set.of("web"));

    assertEquals(List.of("gone"), undeclared.stream().map(u -> u.service().serviceName()).toList());
    assertEquals("service/main/gone", undeclared.get(0).scalingResourceId());
    assertEquals("gone", undeclared.get(0).family());
    assertEquals(
        List.of(), EcsSnapshot.undeclaredOwnedServices(SERVICES, OWNERSHIP, Set.of("web", "gone")));
  }

  @Test
  void everyClusterAndServiceIsTaggedByItsArn() {
    Cluster cluster =
        Cluster.builder()
            .clusterName("main")
            .clusterArn("arn:cluster/main")
            .tags(tags("Cluster", "main"))
            .build();
    EcsSnapshot ecs =
        new EcsSnapshot(Map.of("main", cluster), SERVICES, Map.of(), List.of(), List.of());

    List<Snapshot.Tagged> tagged = ecs.tagged();
    assertEquals(
        List.of(
            "arn:cluster/main",
            "arn:service/main/web",
            "arn:service/main/gone",
            "arn:service/main/draining",
            "arn:service/main/theirs"),
        tagged.stream().map(Snapshot.Tagged::id).toList());
    assertEquals(OWNERSHIP.tags("Cluster", "main", Map.of()), tagged.get(0).tags());
    assertEquals(Optional.of(cluster), ecs.cluster("main"));
    assertEquals(Optional.empty(), ecs.cluster("other"));
  }

  @Test
  void scalingTargetsPoliciesAndOwnedRevisionsArePartsOfWhatIsOwnedAlarmsAreTagged() {
    Map<String, String> ours = OWNERSHIP.tags("TaskDefinition", "web", Map.of());
    EcsSnapshot ecs =
        new EcsSnapshot(
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(ScalableTarget.builder().resourceId("service/main/web").build()),
                List.of(
                    ScalingPolicy.builder().resourceId("service/main/web").policyName("a").build(),
                    ScalingPolicy.builder().resourceId("service/main/web").policyName("b").build()),
                Map.of(
                    "web",
                    List.of(
                        new EcsSnapshot.Revision("arn:web:2", 2, ours),
                        new EcsSnapshot.Revision("arn:web:1", 1, Map.of()))))
            .withAlarms(
                List.of(
                    new EcsSnapshot.ObservedAlarm(
                        MetricAlarm.builder().alarmName("up").build(),
                        OWNERSHIP.tags("Service", "web", Map.of())),
                    new EcsSnapshot.ObservedAlarm(
                        MetricAlarm.builder().alarmName("theirs").build(), Map.of())));

    // a target, two policies, one of two revisions; the alarms are tagged resources of their own
    // (inventoried by name), not parts
    assertEquals(4, ecs.ownedParts(OWNERSHIP));
    assertEquals(3, ecs.ownedParts(new Ownership("other")));
    assertEquals(List.of("up", "theirs"), ecs.tagged().stream().map(Snapshot.Tagged::id).toList());
    EcsSnapshot copy = ecs.withReferences(TaskReferences.EMPTY);
    assertEquals(4, copy.ownedParts(OWNERSHIP), "a copy keeps what was read");
    assertEquals("up", copy.alarm("up").orElseThrow().alarm().alarmName());
    assertEquals(Optional.empty(), copy.alarm("down"));
  }

  @Test
  void theFamilyOfATaskDefinitionArnIsItsNameWithoutTheRevision() {
    assertEquals("web", EcsSnapshot.familyOf("arn:aws:ecs:r:1:task-definition/web:3"));
    assertEquals("web", EcsSnapshot.familyOf("arn:aws:ecs:r:1:task-definition/web"));
    assertEquals("a:b", EcsSnapshot.familyOf("task-definition/a:b:12"));
    assertEquals("web", EcsSnapshot.familyOf("web:1"));
    assertEquals("", EcsSnapshot.familyOf("task-definition/:1"), "a colon first: no name");
  }
}
