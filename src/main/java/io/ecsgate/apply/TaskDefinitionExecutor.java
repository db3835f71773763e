package io.ecsgate.apply;

import io.ecsgate.model.Ownership;
import io.ecsgate.model.ServiceSpec;
import io.ecsgate.plan.Action;
import io.ecsgate.plan.Key;
import io.ecsgate.plan.Kinds;
import io.ecsgate.plan.Step;
import io.ecsgate.plan.TaskDefinitionStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * RegisterTaskDefinition; then DeregisterTaskDefinition for owned ACTIVE revisions of the family
 * beyond the newest N (ListTaskDefinitions and ListTagsForResource run only after a registration).
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
    ids.put(Key.of(Kinds.TASK_DEFINITION, desired.family()), registered.taskDefinitionArn());
    int deregistered =
        register.keep() > 0
            ? deregisterBeyond(desired.family(), register.keep(), register.tags())
            : 0;
    return "registered "
        + registered.taskDefinitionArn()
        + (deregistered > 0 ? ", deregistered " + deregistered + " old revision(s)" : "");
  }

  private int deregisterBeyond(String family, int keep, Map<String, String> ownershipTags) {
    List<String> arns = new ArrayList<>();
    ecs.listTaskDefinitionsPaginator(
            r -> r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC))
        .forEach(
            page ->
                page.taskDefinitionArns().stream()
                    .filter(
                        arn ->
                            arn.substring(arn.lastIndexOf('/') + 1)
                                .startsWith(family + ":")) // a prefix also matches longer families
                    .forEach(arns::add));
    // newest first by revision number, whatever order the answer came in: the revision just
    // registered is never a candidate
    arns.sort(
        java.util.Comparator.comparingInt(
                (String arn) -> Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1)))
            .reversed());
    int count = 0;
    for (String arn : arns.subList(Math.min(keep, arns.size()), arns.size())) {
      Map<String, String> tags = new java.util.HashMap<>();
      ecs.listTagsForResource(r -> r.resourceArn(arn))
          .tags()
          .forEach(t -> tags.put(t.key(), t.value()));
      if (!ownershipTags.get(Ownership.MANAGED_BY).equals(tags.get(Ownership.MANAGED_BY))) continue;
      ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn));
      count++;
    }
    return count;
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
