package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Tagging;
import io.ecsgate.yaml.SpecType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;

/**
 * ECS clusters: create when missing, adopt with {@code adopt: true}, Container Insights changed
 * with UpdateCluster.
 */
public final class ClusterPlanner implements Kind {
  private static final String KIND = ClusterSpec.KIND;

  @Override
  public String name() {
    return ClusterSpec.KIND;
  }

  @Override
  public Optional<SpecType<?>> spec() {
    return Optional.of(ClusterSpec.TYPE);
  }

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = EcsSnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    for (ClusterSpec desired : context.desired().all(ClusterSpec.class)) {
      Key key = Key.of(KIND, desired.name());
      Optional<Cluster> actual = ecs.cluster(desired.name());
      if (desired.metadata().suspend()) {
        actual.ifPresent(c -> out.known(key, c.clusterArn()));
        continue;
      }
      if (actual.isEmpty()) {
        out.add(
            Action.create(
                KIND,
                desired.name(),
                new ClusterStep.Create(
                    desired.name(),
                    desired.containerInsights(),
                    ownership.tags(KIND, desired.name(), desired.tags())),
                List.of(Change.of("containerInsights", "(none)", desired.containerInsights()))));
        out.pending(key);
        continue;
      }
      Cluster cluster = actual.get();
      Map<String, String> tags = EcsSnapshot.tags(cluster.tags());
      boolean adopting = false;
      if (!ownership.isResource(tags, KIND, desired.name())) {
        if (!desired.metadata().adopt()) {
          out.add(
              Action.blocked(
                  KIND,
                  desired.name(),
                  "a cluster named '"
                      + desired.name()
                      + "' exists and is not managed by ecsgate; set metadata.adopt: true to take it over"));
          continue;
        }
        out.add(
            Action.adopt(
                KIND,
                desired.name(),
                new EcsTagsStep(
                    cluster.clusterArn(), ownership.tags(KIND, desired.name(), desired.tags()))));
        adopting = true;
      }
      out.known(key, cluster.clusterArn());
      String actualInsights = containerInsights(cluster);
      if (!actualInsights.equals(desired.containerInsights())) {
        out.add(
            Action.update(
                KIND,
                desired.name(),
                new ClusterStep.UpdateSettings(desired.name(), desired.containerInsights()),
                List.of(
                    Change.of("containerInsights", actualInsights, desired.containerInsights()))));
      }
      Map<String, String> add = Tagging.missingTags(desired.tags(), tags);
      if (!adopting && !add.isEmpty()) {
        out.add(
            Action.update(
                KIND,
                desired.name(),
                new EcsTagsStep(cluster.clusterArn(), add),
                Tagging.tagChanges(add, tags)));
      }
    }
  }

  /**
   * The cluster's Container Insights setting; AWS's default when the cluster has none is disabled.
   */
  static String containerInsights(Cluster cluster) {
    List<ClusterSetting> settings =
        cluster.settings() == null ? new ArrayList<>() : cluster.settings();
    return settings.stream()
        .filter(s -> "containerInsights".equals(s.nameAsString()))
        .map(ClusterSetting::value)
        .findFirst()
        .orElse("disabled");
  }
}
