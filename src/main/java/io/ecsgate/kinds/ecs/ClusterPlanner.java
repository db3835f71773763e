package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
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
public final class ClusterPlanner implements Kind.Planner {
  private static final String KIND = ClusterSpec.KIND;

  private static final Owned.Identity<Cluster> IDENTITY =
      new Owned.Identity<>(
          Cluster::clusterArn, c -> EcsSnapshot.tags(c.tags()), Cluster::clusterName);

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    List<Cluster> actual = List.copyOf(EcsSnapshot.of(context.observed()).clusters().values());
    new Owned<>(KIND, "cluster", IDENTITY, new Rules(context.ownership()))
        .plan(context, context.desired().all(ClusterSpec.class), actual, out);
  }

  /**
   * A cluster is found by name; ecsgate creates, adopts and updates clusters, never deletes one.
   */
  private record Rules(Ownership ownership) implements Owned.Rules<ClusterSpec, Cluster> {
    @Override
    public void create(ClusterSpec desired, PlanBuilder out) {
      out.add(
          Action.create(
              KIND,
              desired.name(),
              new ClusterStep.Create(
                  desired.name(),
                  desired.containerInsights(),
                  ownership.tags(KIND, desired.name(), desired.tags())),
              List.of(Change.of("containerInsights", "(none)", desired.containerInsights()))));
    }

    @Override
    public void update(ClusterSpec desired, Cluster actual, PlanBuilder out) {
      String actualInsights = containerInsights(actual);
      if (actualInsights.equals(desired.containerInsights())) return;
      out.add(
          Action.update(
              KIND,
              desired.name(),
              new ClusterStep.UpdateSettings(desired.name(), desired.containerInsights()),
              List.of(
                  Change.of("containerInsights", actualInsights, desired.containerInsights()))));
    }

    @Override
    public Optional<Step> tag(Cluster actual, Map<String, String> add) {
      return Optional.of(new EcsTagsStep(actual.clusterArn(), add));
    }

    @Override
    public Optional<Step> delete(Cluster actual) {
      return Optional.empty();
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
