package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

/** CreateCluster and UpdateCluster (Container Insights). */
public sealed interface ClusterStep extends Step {

  record Create(String name, String containerInsights, Map<String, String> tags)
      implements ClusterStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      String arn =
          aws.ecs()
              .createCluster(
                  r ->
                      r.clusterName(name)
                          .settings(insights(containerInsights))
                          .tags(EcsRequests.tags(tags)))
              .cluster()
              .clusterArn();
      ids.put(Key.of(ClusterSpec.KIND, name), arn);
      return "created " + arn;
    }
  }

  /** UpdateCluster with the Container Insights setting. */
  record UpdateSettings(String name, String containerInsights) implements ClusterStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.ecs().updateCluster(r -> r.cluster(name).settings(insights(containerInsights)));
      return "containerInsights " + containerInsights;
    }
  }

  private static ClusterSetting insights(String value) {
    return ClusterSetting.builder()
        .name(ClusterSettingName.CONTAINER_INSIGHTS)
        .value(value)
        .build();
  }
}
