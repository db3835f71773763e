package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calls the service executor makes. Task definitions and target groups are keys, resolved at
 * apply time.
 */
public sealed interface ServiceStep extends Step {

  /** Subnet and security-group IDs, and whether tasks get a public IP. */
  record NetworkIds(
      List<String> subnetIds, List<String> securityGroupIds, boolean assignPublicIp) {}

  /** A load balancer binding with its target group as a key. */
  record Binding(Key targetGroup, String containerName, int containerPort) {}

  record Create(
      ServiceSpec desired,
      NetworkIds network,
      List<Binding> loadBalancers,
      Map<String, String> tags)
      implements ServiceStep {
    @Override
    public List<Key> needs() {
      List<Key> needs =
          new ArrayList<>(
              List.of(
                  Key.of(ClusterSpec.KIND, desired.cluster().name()),
                  Key.of(TaskDefinitionPlanner.KIND, desired.taskDefinition().family())));
      loadBalancers.forEach(b -> needs.add(b.targetGroup()));
      return needs;
    }
  }

  /**
   * One UpdateService carrying only the fields that differ; every null field is left as it is.
   * {@code taskDefinition} is the family's key (the revision the plan keeps or registers).
   */
  record Update(
      String cluster,
      String service,
      Key taskDefinition,
      Integer desiredCount,
      String platformVersion,
      NetworkIds network,
      List<Binding> loadBalancers,
      ServiceSpec.Deployment deployment,
      Integer healthCheckGracePeriodSeconds,
      String propagateTags,
      Boolean enableExecuteCommand)
      implements ServiceStep {
    @Override
    public List<Key> needs() {
      List<Key> needs = new ArrayList<>();
      if (taskDefinition != null) needs.add(taskDefinition);
      if (loadBalancers != null) loadBalancers.forEach(b -> needs.add(b.targetGroup()));
      return needs;
    }
  }

  /** DeleteService with force (no need to scale to zero first). */
  record Delete(String cluster, String arn) implements ServiceStep {}
}
