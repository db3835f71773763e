package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Key;
import io.ecsgate.core.PlanBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Pure checks of what a task definition about to be registered references, against {@link
 * TaskReferences}: each ECR image exists, each role exists under that ARN and trusts ECS tasks,
 * each awslogs group exists (or is created first, with {@code createGroup: true}). What was not
 * read (images outside ECR, another region's) passes.
 */
final class TaskReferenceChecks {
  private TaskReferenceChecks() {}

  /** Why the service's task definition cannot be registered; empty when it can. */
  static List<String> problems(ServiceSpec service, TaskReferences references) {
    List<String> problems = new ArrayList<>();
    ServiceSpec.TaskDefinition task = service.taskDefinition();
    for (ServiceSpec.Container container : task.containers()) {
      TaskReferences.ecrImage(container.image())
          .filter(image -> Boolean.FALSE.equals(references.images().get(image.uri())))
          .ifPresent(
              image ->
                  problems.add(
                      container.at()
                          + ": image "
                          + image.uri()
                          + " of container "
                          + container.name()
                          + " does not exist in ECR (no "
                          + image.shortName()
                          + " in registry "
                          + image.registry()
                          + "); push it first"));
      container
          .logConfiguration()
          .filter(logs -> !logs.createGroup())
          .filter(logs -> Boolean.FALSE.equals(references.logGroups().get(logs.group())))
          .ifPresent(
              logs ->
                  problems.add(
                      container.at()
                          + ": log group "
                          + logs.group()
                          + " of container "
                          + container.name()
                          + " does not exist; create it, or set"
                          + " logConfiguration.awslogs.createGroup: true"));
    }
    task.taskRoleArn().flatMap(arn -> role("task role", arn, references)).ifPresent(problems::add);
    task.executionRoleArn()
        .flatMap(arn -> role("execution role", arn, references))
        .ifPresent(problems::add);
    return problems;
  }

  private static Optional<String> role(String what, String arn, TaskReferences references) {
    Optional<Role> found = references.roles().get(arn);
    if (found == null) return Optional.empty(); // not read
    if (found.isEmpty()) return Optional.of(what + " " + arn + " does not exist");
    if (!arn.equals(found.get().arn()))
      return Optional.of(
          what
              + " "
              + arn
              + " does not exist: this account's role of that name is "
              + found.get().arn());
    if (!TaskReferences.trustsEcsTasks(found.get()))
      return Optional.of(
          what
              + " "
              + arn
              + " does not trust "
              + TaskReferences.ECS_TASKS
              + " (its trust policy must allow sts:AssumeRole to that service)");
    return Optional.empty();
  }

  /** The log groups missing for the service that this plan creates before registering. */
  static Set<String> groupsToCreate(ServiceSpec service, TaskReferences references) {
    Set<String> groups = new LinkedHashSet<>();
    for (ServiceSpec.Container container : service.taskDefinition().containers())
      container
          .logConfiguration()
          .filter(ServiceSpec.LogConfiguration::createGroup)
          .filter(logs -> Boolean.FALSE.equals(references.logGroups().get(logs.group())))
          .ifPresent(logs -> groups.add(logs.group()));
    return groups;
  }

  /** The keys of the log groups {@link LogGroupPlanner} creates for the service in this plan. */
  static List<Key> groupsCreated(ServiceSpec service, TaskReferences references, PlanBuilder out) {
    return groupsToCreate(service, references).stream()
        .map(group -> Key.of(LogGroupPlanner.KIND, group))
        .filter(out::isPending)
        .toList();
  }
}
