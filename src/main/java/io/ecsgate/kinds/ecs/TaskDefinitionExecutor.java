package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;

/**
 * RegisterTaskDefinition, and DeregisterTaskDefinition of the old revisions the plan names (it
 * decides which, from the revisions observed).
 */
public final class TaskDefinitionExecutor implements Executor {
  private final EcsClient ecs;

  public TaskDefinitionExecutor(EcsClient ecs) {
    this.ecs = ecs;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof TaskDefinitionStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    if (action.step() instanceof TaskDefinitionStep.Deregister deregister) {
      ecs.deregisterTaskDefinition(r -> r.taskDefinition(deregister.arn()));
      return "deregistered " + deregister.arn();
    }
    TaskDefinitionStep.Register register = (TaskDefinitionStep.Register) action.step();
    ServiceSpec.TaskDefinition desired = register.desired();
    var registered =
        ecs.registerTaskDefinition(
                r -> {
                  r.family(desired.family())
                      .cpu(String.valueOf(desired.cpu()))
                      .memory(String.valueOf(desired.memory()))
                      .networkMode(NetworkMode.AWSVPC)
                      .requiresCompatibilities(Compatibility.FARGATE)
                      .containerDefinitions(
                          desired.containers().stream()
                              .map(TaskDefinitionExecutor::container)
                              .toList())
                      .tags(EcsTagsExecutor.tags(register.tags()));
                  desired.taskRoleArn().ifPresent(r::taskRoleArn);
                  desired.executionRoleArn().ifPresent(r::executionRoleArn);
                })
            .taskDefinition();
    ids.put(Key.of(TaskDefinitionPlanner.KIND, desired.family()), registered.taskDefinitionArn());
    return "registered " + registered.taskDefinitionArn();
  }

  public static ContainerDefinition container(ServiceSpec.Container c) {
    ContainerDefinition.Builder b =
        ContainerDefinition.builder()
            .name(c.name())
            .image(c.image())
            .essential(c.essential())
            .portMappings(
                c.portMappings().stream()
                    .map(
                        p ->
                            PortMapping.builder()
                                .containerPort(p.containerPort())
                                .protocol(p.protocol())
                                .build())
                    .toList())
            .environment(
                c.environment().entrySet().stream()
                    .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
                    .toList())
            .secrets(
                c.secrets().entrySet().stream()
                    .map(e -> Secret.builder().name(e.getKey()).valueFrom(e.getValue()).build())
                    .toList());
    c.memoryReservation().ifPresent(b::memoryReservation);
    c.logConfiguration()
        .ifPresent(
            l -> b.logConfiguration(lc -> lc.logDriver(LogDriver.AWSLOGS).options(l.options())));
    c.healthCheck()
        .ifPresent(
            h ->
                b.healthCheck(
                    hc ->
                        hc.command(h.command())
                            .interval(h.intervalSeconds())
                            .timeout(h.timeoutSeconds())
                            .retries(h.retries())
                            .startPeriod(h.startPeriodSeconds())));
    return b.build();
  }
}
