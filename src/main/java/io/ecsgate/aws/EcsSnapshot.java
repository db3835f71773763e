package io.ecsgate.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * ECS and its auto scaling as observed in one cycle: the declared clusters (by name), every live
 * service of those clusters with its tags (by cluster name), the latest ACTIVE revision of each
 * declared task family with its tags, and the scalable targets and policies of declared services.
 */
public record EcsSnapshot(
    Map<String, Cluster> clusters,
    Map<String, List<Service>> services,
    Map<String, FamilyRevision> taskDefinitions,
    List<ScalableTarget> scalableTargets,
    List<ScalingPolicy> scalingPolicies) {

  public static final EcsSnapshot EMPTY =
      new EcsSnapshot(Map.of(), Map.of(), Map.of(), List.of(), List.of());

  /** The latest ACTIVE revision of a family, and its tags. */
  public record FamilyRevision(TaskDefinition definition, Map<String, String> tags) {}

  public Optional<Cluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  public List<Service> servicesOf(String cluster) {
    return services.getOrDefault(cluster, List.of());
  }

  public Optional<FamilyRevision> latest(String family) {
    return Optional.ofNullable(taskDefinitions.get(family));
  }

  public Optional<ScalableTarget> scalableTarget(String resourceId) {
    return scalableTargets.stream().filter(t -> t.resourceId().equals(resourceId)).findFirst();
  }

  public Optional<ScalingPolicy> scalingPolicy(String resourceId, String policyName) {
    return scalingPolicies.stream()
        .filter(p -> p.resourceId().equals(resourceId) && p.policyName().equals(policyName))
        .findFirst();
  }

  public static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> map = new HashMap<>();
    if (tags != null) tags.forEach(t -> map.put(t.key(), t.value()));
    return Map.copyOf(map);
  }
}
