package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * CreateService, UpdateService (only the fields the plan changes), DeleteService. Task definitions
 * and target groups are keys, resolved at apply time.
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

    @Override
    public String run(AwsClients aws, Ids ids) {
      String arn = aws.ecs().createService(request(ids)).service().serviceArn();
      ids.put(Key.of(ServiceSpec.KIND, desired.name()), arn);
      return "created " + arn;
    }

    private CreateServiceRequest request(Ids ids) {
      CreateServiceRequest.Builder request =
          CreateServiceRequest.builder()
              .cluster(desired.cluster().name())
              .serviceName(desired.name())
              .taskDefinition(
                  ids.get(Key.of(TaskDefinitionPlanner.KIND, desired.taskDefinition().family())))
              .desiredCount(desired.desiredCount())
              .launchType(LaunchType.FARGATE)
              .networkConfiguration(networkConfiguration(network))
              .deploymentConfiguration(deploymentConfiguration(desired.deployment()))
              .propagateTags(desired.propagateTags())
              .enableExecuteCommand(desired.enableExecuteCommand())
              .tags(EcsRequests.tags(tags));
      desired.platformVersion().ifPresent(request::platformVersion);
      if (!loadBalancers.isEmpty()) {
        request
            .loadBalancers(targetGroups(loadBalancers, ids))
            .healthCheckGracePeriodSeconds(desired.healthCheckGracePeriodSeconds());
      }
      return request.build();
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

    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.ecs().updateService(request(ids));
      return "updated " + service;
    }

    private UpdateServiceRequest request(Ids ids) {
      UpdateServiceRequest.Builder request =
          UpdateServiceRequest.builder().cluster(cluster).service(service);
      if (taskDefinition != null) request.taskDefinition(ids.get(taskDefinition));
      if (desiredCount != null) request.desiredCount(desiredCount);
      if (platformVersion != null) request.platformVersion(platformVersion);
      if (network != null) request.networkConfiguration(networkConfiguration(network));
      if (loadBalancers != null) request.loadBalancers(targetGroups(loadBalancers, ids));
      if (deployment != null) request.deploymentConfiguration(deploymentConfiguration(deployment));
      if (healthCheckGracePeriodSeconds != null)
        request.healthCheckGracePeriodSeconds(healthCheckGracePeriodSeconds);
      if (propagateTags != null) request.propagateTags(propagateTags);
      if (enableExecuteCommand != null) request.enableExecuteCommand(enableExecuteCommand);
      return request.build();
    }
  }

  /** DeleteService with force (no need to scale to zero first). */
  record Delete(String cluster, String arn) implements ServiceStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.ecs().deleteService(r -> r.cluster(cluster).service(arn).force(true));
      return "deleted " + arn;
    }
  }

  private static NetworkConfiguration networkConfiguration(NetworkIds network) {
    return NetworkConfiguration.builder()
        .awsvpcConfiguration(
            c ->
                c.subnets(network.subnetIds())
                    .securityGroups(network.securityGroupIds())
                    .assignPublicIp(
                        network.assignPublicIp()
                            ? AssignPublicIp.ENABLED
                            : AssignPublicIp.DISABLED))
        .build();
  }

  private static List<LoadBalancer> targetGroups(List<Binding> bindings, Ids ids) {
    return bindings.stream()
        .map(
            b ->
                LoadBalancer.builder()
                    .targetGroupArn(ids.get(b.targetGroup()))
                    .containerName(b.containerName())
                    .containerPort(b.containerPort())
                    .build())
        .toList();
  }

  private static DeploymentConfiguration deploymentConfiguration(ServiceSpec.Deployment d) {
    return DeploymentConfiguration.builder()
        .minimumHealthyPercent(d.minimumHealthyPercent())
        .maximumPercent(d.maximumPercent())
        .deploymentCircuitBreaker(c -> c.enable(d.circuitBreaker()).rollback(d.rollback()))
        .build();
  }
}
