package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** CreateService, UpdateService (only the fields the plan changes), DeleteService. */
public final class ServiceExecutor implements Executor {
  private final EcsClient ecs;

  public ServiceExecutor(EcsClient ecs) {
    this.ecs = ecs;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof ServiceStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    ServiceStep step = (ServiceStep) action.step();
    if (step instanceof ServiceStep.Create create) return create(create, ids);
    if (step instanceof ServiceStep.Update update) {
      UpdateServiceRequest.Builder request =
          UpdateServiceRequest.builder().cluster(update.cluster()).service(update.service());
      if (update.taskDefinition() != null) request.taskDefinition(ids.get(update.taskDefinition()));
      if (update.desiredCount() != null) request.desiredCount(update.desiredCount());
      if (update.platformVersion() != null) request.platformVersion(update.platformVersion());
      if (update.network() != null) request.networkConfiguration(network(update.network()));
      if (update.loadBalancers() != null)
        request.loadBalancers(loadBalancers(update.loadBalancers(), ids));
      if (update.deployment() != null)
        request.deploymentConfiguration(deployment(update.deployment()));
      if (update.healthCheckGracePeriodSeconds() != null)
        request.healthCheckGracePeriodSeconds(update.healthCheckGracePeriodSeconds());
      if (update.propagateTags() != null) request.propagateTags(update.propagateTags());
      if (update.enableExecuteCommand() != null)
        request.enableExecuteCommand(update.enableExecuteCommand());
      ecs.updateService(request.build());
      return "updated " + update.service();
    }
    ServiceStep.Delete delete = (ServiceStep.Delete) step;
    ecs.deleteService(r -> r.cluster(delete.cluster()).service(delete.arn()).force(true));
    return "deleted " + delete.arn();
  }

  private String create(ServiceStep.Create create, Ids ids) {
    ServiceSpec desired = create.desired();
    CreateServiceRequest.Builder request =
        CreateServiceRequest.builder()
            .cluster(desired.cluster().name())
            .serviceName(desired.name())
            .taskDefinition(
                ids.get(Key.of(TaskDefinitionPlanner.KIND, desired.taskDefinition().family())))
            .desiredCount(desired.desiredCount())
            .launchType(LaunchType.FARGATE)
            .networkConfiguration(network(create.network()))
            .deploymentConfiguration(deployment(desired.deployment()))
            .propagateTags(desired.propagateTags())
            .enableExecuteCommand(desired.enableExecuteCommand())
            .tags(EcsTagsExecutor.tags(create.tags()));
    desired.platformVersion().ifPresent(request::platformVersion);
    if (!create.loadBalancers().isEmpty()) {
      request
          .loadBalancers(loadBalancers(create.loadBalancers(), ids))
          .healthCheckGracePeriodSeconds(desired.healthCheckGracePeriodSeconds());
    }
    String arn = ecs.createService(request.build()).service().serviceArn();
    ids.put(Key.of(ServiceSpec.KIND, desired.name()), arn);
    return "created " + arn;
  }

  private static NetworkConfiguration network(ServiceStep.NetworkIds network) {
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

  private static List<LoadBalancer> loadBalancers(List<ServiceStep.Binding> bindings, Ids ids) {
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

  private static DeploymentConfiguration deployment(ServiceSpec.Deployment d) {
    return DeploymentConfiguration.builder()
        .minimumHealthyPercent(d.minimumHealthyPercent())
        .maximumPercent(d.maximumPercent())
        .deploymentCircuitBreaker(c -> c.enable(d.circuitBreaker()).rollback(d.rollback()))
        .build();
  }
}
