package io.ecsgate.kinds.ecs;

import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * ECS and its auto scaling as observed in one cycle: the declared clusters (by name), every live
 * service of those clusters with its tags (by cluster name), the latest ACTIVE revision of each
 * declared task family with its tags, and the scalable targets and policies of declared services.
 * Look-ups by name are indexed once, so planning thousands of services stays linear.
 */
public final class EcsSnapshot implements Snapshot {
  public static final EcsSnapshot EMPTY =
      new EcsSnapshot(Map.of(), Map.of(), Map.of(), List.of(), List.of());

  /** One ACTIVE revision of a family, by ARN, with its tags. */
  public record Revision(String arn, int number, Map<String, String> tags) {}

  private final Map<String, Cluster> clusters;
  private final Map<String, List<Service>> services;
  private final Map<String, FamilyRevision> taskDefinitions;
  private final List<ScalableTarget> scalableTargets;
  private final List<ScalingPolicy> scalingPolicies;
  private final Map<String, List<Revision>> activeRevisions;
  private final Map<String, Service> serviceByClusterAndName = new HashMap<>();
  private final Map<String, ScalableTarget> targetByResource = new HashMap<>();
  private final Map<String, ScalingPolicy> policyByResourceAndName = new HashMap<>();

  public EcsSnapshot(
      Map<String, Cluster> clusters,
      Map<String, List<Service>> services,
      Map<String, FamilyRevision> taskDefinitions,
      List<ScalableTarget> scalableTargets,
      List<ScalingPolicy> scalingPolicies) {
    this(clusters, services, taskDefinitions, scalableTargets, scalingPolicies, Map.of());
  }

  /**
   * {@code activeRevisions}: every ACTIVE revision, newest first, of each family whose latest
   * revision differs from the declared one (a new revision is registered and old ones may be
   * deregistered); other families are absent.
   */
  public EcsSnapshot(
      Map<String, Cluster> clusters,
      Map<String, List<Service>> services,
      Map<String, FamilyRevision> taskDefinitions,
      List<ScalableTarget> scalableTargets,
      List<ScalingPolicy> scalingPolicies,
      Map<String, List<Revision>> activeRevisions) {
    this.activeRevisions = Map.copyOf(activeRevisions);
    this.clusters = clusters;
    this.services = services;
    this.taskDefinitions = taskDefinitions;
    this.scalableTargets = scalableTargets;
    this.scalingPolicies = scalingPolicies;
    // the first of several with one name wins, as a linear search would find it
    services.forEach(
        (cluster, list) ->
            list.forEach(
                s -> serviceByClusterAndName.putIfAbsent(cluster + "/" + s.serviceName(), s)));
    scalableTargets.forEach(t -> targetByResource.putIfAbsent(t.resourceId(), t));
    scalingPolicies.forEach(
        p -> policyByResourceAndName.putIfAbsent(p.resourceId() + "/" + p.policyName(), p));
  }

  private TaskReferences references = TaskReferences.EMPTY;
  private List<ObservedAlarm> alarms = List.of();
  private final Map<String, ObservedAlarm> alarmByName = new HashMap<>();

  /** A CloudWatch metric alarm of step scaling, with its tags. */
  public record ObservedAlarm(MetricAlarm alarm, Map<String, String> tags) {}

  private EcsSnapshot copy() {
    EcsSnapshot copy =
        new EcsSnapshot(
            clusters, services, taskDefinitions, scalableTargets, scalingPolicies, activeRevisions);
    copy.references = references;
    copy.alarms = alarms;
    copy.alarmByName.putAll(alarmByName);
    return copy;
  }

  /**
   * A copy of this snapshot with what the task definitions about to be registered reference (ECR
   * images, roles, log groups).
   */
  public EcsSnapshot withReferences(TaskReferences references) {
    EcsSnapshot copy = copy();
    copy.references = references;
    return copy;
  }

  /**
   * A copy of this snapshot with the step scaling alarms read: those the services declare and those
   * the observed step policies name as theirs.
   */
  public EcsSnapshot withAlarms(List<ObservedAlarm> alarms) {
    EcsSnapshot copy = copy();
    copy.alarms = List.copyOf(alarms);
    copy.alarmByName.clear();
    alarms.forEach(a -> copy.alarmByName.putIfAbsent(a.alarm().alarmName(), a));
    return copy;
  }

  public List<ObservedAlarm> alarms() {
    return alarms;
  }

  public Optional<ObservedAlarm> alarm(String name) {
    return Optional.ofNullable(alarmByName.get(name));
  }

  public TaskReferences references() {
    return references;
  }

  /** The latest ACTIVE revision of a family, and its tags. */
  public record FamilyRevision(TaskDefinition definition, Map<String, String> tags) {}

  public Map<String, Cluster> clusters() {
    return clusters;
  }

  public Map<String, List<Service>> services() {
    return services;
  }

  public Map<String, FamilyRevision> taskDefinitions() {
    return taskDefinitions;
  }

  public List<ScalableTarget> scalableTargets() {
    return scalableTargets;
  }

  public List<ScalingPolicy> scalingPolicies() {
    return scalingPolicies;
  }

  /** The ECS part of an observation. */
  public static EcsSnapshot of(ObservedState observed) {
    return observed.find(EcsSnapshot.class).orElse(EMPTY);
  }

  /** Clusters and services, by ARN; the alarms of step scaling, by name. */
  @Override
  public List<Tagged> tagged() {
    List<Tagged> tagged = new ArrayList<>();
    clusters.values().forEach(c -> tagged.add(new Tagged(c.clusterArn(), tags(c.tags()))));
    services
        .values()
        .forEach(list -> list.forEach(s -> tagged.add(new Tagged(s.serviceArn(), tags(s.tags())))));
    alarms.forEach(a -> tagged.add(new Tagged(a.alarm().alarmName(), a.tags())));
    return tagged;
  }

  /** Owned task definition revisions observed, and the scaling targets and policies. */
  @Override
  public int ownedParts(Ownership ownership) {
    int parts = scalableTargets.size() + scalingPolicies.size();
    for (List<Revision> family : activeRevisions.values())
      for (Revision revision : family)
        if (ownership.taggedResource(revision.tags()).isPresent()) parts++;
    return parts;
  }

  /** The family's ACTIVE revisions, newest first, when observed (see the constructor). */
  public List<Revision> activeRevisions(String family) {
    return activeRevisions.getOrDefault(family, List.of());
  }

  public Map<String, List<Revision>> activeRevisions() {
    return activeRevisions;
  }

  /** An owned live service the desired state does not declare, in its cluster. */
  public record UndeclaredService(String cluster, Service service) {
    /** Its scaling resource ID ({@code service/<cluster>/<name>}). */
    public String scalingResourceId() {
      return "service/" + cluster + "/" + service.serviceName();
    }

    public String family() {
      return familyOf(service.taskDefinition());
    }
  }

  /**
   * The live services of the observed clusters that carry this controller's tags but that {@code
   * declared} (service names) does not name: what {@code --prune} deletes, with their parts.
   */
  public List<UndeclaredService> undeclaredOwnedServices(
      Ownership ownership, Set<String> declared) {
    return undeclaredOwnedServices(services, ownership, declared);
  }

  static List<UndeclaredService> undeclaredOwnedServices(
      Map<String, List<Service>> services, Ownership ownership, Set<String> declared) {
    List<UndeclaredService> undeclared = new ArrayList<>();
    services.forEach(
        (cluster, list) ->
            list.stream()
                .filter(s -> "ACTIVE".equals(s.status()))
                .filter(
                    s ->
                        ownership
                            .nameOf(tags(s.tags()), ServiceSpec.KIND, s.serviceArn())
                            .filter(name -> !declared.contains(name))
                            .isPresent())
                .forEach(s -> undeclared.add(new UndeclaredService(cluster, s))));
    return undeclared;
  }

  /** The family of a task definition ARN ({@code .../task-definition/family:3}). */
  public static String familyOf(String taskDefinitionArn) {
    String tail = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    int colon = tail.lastIndexOf(':');
    return colon < 0 ? tail : tail.substring(0, colon);
  }

  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public List<Service> servicesOf(String cluster) {
    return services.getOrDefault(cluster, List.of());
  }

  /** The live service of that name in that cluster (any status). */
  public Optional<Service> service(String cluster, String name) {
    return Optional.ofNullable(serviceByClusterAndName.get(cluster + "/" + name));
  }

  public Optional<FamilyRevision> latest(String family) {
    return Optional.ofNullable(taskDefinitions.get(family));
  }

  public Optional<ScalableTarget> scalableTarget(String resourceId) {
    return Optional.ofNullable(targetByResource.get(resourceId));
  }

  public Optional<ScalingPolicy> scalingPolicy(String resourceId, String policyName) {
    return Optional.ofNullable(policyByResourceAndName.get(resourceId + "/" + policyName));
  }

  public static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new HashMap<>();
    if (tags != null) tags.forEach(t -> map.put(t.key(), t.value()));
    return Map.copyOf(map);
  }
}
