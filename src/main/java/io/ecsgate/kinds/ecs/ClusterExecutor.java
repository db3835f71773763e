package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

/** CreateCluster and UpdateCluster (Container Insights). */
public final class ClusterExecutor implements Executor {
  private final EcsClient ecs;

  public ClusterExecutor(EcsClient ecs) {
    this.ecs = ecs;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof ClusterStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    ClusterStep step = (ClusterStep) action.step();
    if (step instanceof ClusterStep.Create create) {
      String arn =
          ecs.createCluster(
                  r ->
                      r.clusterName(create.name())
                          .settings(insights(create.containerInsights()))
                          .tags(EcsTagsExecutor.tags(create.tags())))
              .cluster()
              .clusterArn();
      ids.put(Key.of(ClusterSpec.KIND, create.name()), arn);
      return "created " + arn;
    }
    ClusterStep.UpdateSettings update = (ClusterStep.UpdateSettings) step;
    ecs.updateCluster(r -> r.cluster(update.name()).settings(insights(update.containerInsights())));
    return "containerInsights " + update.containerInsights();
  }

  private static ClusterSetting insights(String value) {
    return ClusterSetting.builder()
        .name(ClusterSettingName.CONTAINER_INSIGHTS)
        .value(value)
        .build();
  }
}
