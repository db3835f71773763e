package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ECS and its auto scaling as one snapshot a cycle. Keeps the owned task definition revisions it
 * has read (revisions never change), so that a steady cycle reads none.
 */
final class EcsObservation implements Family.Observation {
  private final AwsClients clients;
  private final Ownership ownership;

  /** Owned task definition revisions read in earlier cycles, by ARN (revisions never change). */
  private final Map<String, EcsSnapshot.FamilyRevision> revisions =
      new java.util.concurrent.ConcurrentHashMap<>();

  EcsObservation(AwsClients clients, Ownership ownership) {
    this.clients = clients;
    this.ownership = ownership;
  }

  /**
   * The owned revision a declared service runs, when this observer has read it before and it is
   * what the YAML declares: task definition revisions are immutable, so it need not be read again.
   * Otherwise (first cycle, a difference, a foreign revision) the family's latest ACTIVE revision
   * is read.
   */
  private java.util.Optional<EcsSnapshot.FamilyRevision> runningRevision(
      ServiceSpec service,
      Map<String, List<software.amazon.awssdk.services.ecs.model.Service>> services) {
    return services.getOrDefault(service.cluster().name(), List.of()).stream()
        .filter(s -> s.serviceName().equals(service.name()) && "ACTIVE".equals(s.status()))
        .map(s -> revisions.get(s.taskDefinition()))
        .filter(java.util.Objects::nonNull)
        .filter(
            revision -> service.taskDefinition().family().equals(revision.definition().family()))
        .filter(revision -> TaskDefinitions.same(service.taskDefinition(), revision.definition()))
        .findFirst();
  }

  /**
   * Declared clusters in one DescribeClusters (100 a call); per found cluster, ListServices (100 a
   * page) and DescribeServices (10 a call) with tags; the latest ACTIVE revision of each declared
   * family with its tags, unless the service runs an owned revision already read (see {@link
   * #runningRevision}); when the latest revision differs from the declared one, the family's ACTIVE
   * revisions with their tags (ListTaskDefinitions, ListTagsForResource); scalable targets of the
   * declared services (50 IDs a call) and the policies (50 names a call, 10 a page) of those that
   * declare auto scaling. Nothing when the YAML declares no ECS.
   */
  @Override
  public EcsSnapshot observe(DesiredState desired) {
    if (desired.all(ClusterSpec.class).isEmpty() && desired.all(ServiceSpec.class).isEmpty())
      return EcsSnapshot.EMPTY;
    EcsReads reads = new EcsReads(clients.ecs(), clients.autoScaling());
    Set<String> clusterNames = new java.util.TreeSet<>();
    desired.all(ClusterSpec.class).forEach(c -> clusterNames.add(c.name()));
    desired.all(ServiceSpec.class).forEach(s -> clusterNames.add(s.cluster().name()));
    Map<String, software.amazon.awssdk.services.ecs.model.Cluster> clusters = new TreeMap<>();
    reads.describeClusters(clusterNames).forEach(c -> clusters.put(c.clusterName(), c));
    Map<String, List<software.amazon.awssdk.services.ecs.model.Service>> services = new TreeMap<>();
    for (String cluster : clusters.keySet()) {
      List<String> arns = reads.listServiceArns(cluster);
      services.put(cluster, arns.isEmpty() ? List.of() : reads.describeServices(cluster, arns));
    }
    Map<String, EcsSnapshot.FamilyRevision> families = new TreeMap<>();
    Map<String, List<EcsSnapshot.Revision>> changing = new TreeMap<>();
    Set<String> used = new java.util.HashSet<>();
    for (ServiceSpec service : desired.all(ServiceSpec.class)) {
      String family = service.taskDefinition().family();
      java.util.Optional<EcsSnapshot.FamilyRevision> running = runningRevision(service, services);
      if (running.isPresent()) {
        families.put(family, running.get());
        used.add(running.get().definition().taskDefinitionArn());
        continue;
      }
      java.util.Optional<EcsSnapshot.FamilyRevision> latest =
          reads.describeLatestTaskDefinition(family);
      latest.ifPresent(
          revision -> {
            families.put(family, revision);
            String arn = revision.definition().taskDefinitionArn();
            if (ownership.isResource(revision.tags(), TaskDefinitionPlanner.KIND, family)) {
              revisions.put(arn, revision);
              used.add(arn);
            }
          });
      // a new revision will be registered: the plan shows which old ones it deregisters
      if (latest.isPresent()
          && !TaskDefinitions.same(service.taskDefinition(), latest.get().definition()))
        changing.put(family, reads.activeRevisions(family, latest));
    }
    revisions.keySet().retainAll(used);
    List<String> resourceIds = new ArrayList<>();
    List<String> policyNames = new ArrayList<>();
    for (ServiceSpec service : desired.all(ServiceSpec.class)) {
      if (!clusters.containsKey(service.cluster().name())) continue;
      // every declared service's target is read: one left behind by a removed autoScaling would
      // fight ecsgate over desiredCount
      resourceIds.add(service.scalingResourceId());
      if (service.autoScaling().isEmpty()) continue;
      policyNames.add(service.cpuPolicyName());
      if (service.autoScaling().get().memoryTarget().isPresent())
        policyNames.add(service.memoryPolicyName());
    }
    var targets =
        resourceIds.isEmpty()
            ? List.<software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget>of()
            : reads.describeScalableTargets(resourceIds);
    var policies =
        policyNames.isEmpty()
            ? List.<software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy>of()
            : reads.describeScalingPolicies(policyNames);
    return new EcsSnapshot(clusters, services, families, targets, policies, changing);
  }
}
