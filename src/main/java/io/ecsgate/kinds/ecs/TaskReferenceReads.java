package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The reads of {@link TaskReferences}, for the task definitions about to be registered: per ECR
 * repository one DescribeImages for up to 100 of its images (ECR's limit; only when one of them is
 * missing, one call per image, to name it), one GetRole per role, one DescribeLogGroups per log
 * group (its name as the prefix, one result: groups are listed by name, so the group itself comes
 * first).
 */
final class TaskReferenceReads {
  static final int IMAGES_BATCH = 100;

  private final AwsClients clients;

  TaskReferenceReads(AwsClients clients) {
    this.clients = clients;
  }

  TaskReferences read(List<ServiceSpec> registering) {
    if (registering.isEmpty()) return TaskReferences.EMPTY;
    String region = clients.ecs().serviceClientConfiguration().region().id();
    Map<List<String>, List<TaskReferences.EcrImage>> byRepository =
        new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
    TreeSet<String> roles = new TreeSet<>();
    TreeSet<String> groups = new TreeSet<>();
    for (ServiceSpec service : registering) {
      ServiceSpec.TaskDefinition task = service.taskDefinition();
      task.taskRoleArn().ifPresent(roles::add);
      task.executionRoleArn().ifPresent(roles::add);
      for (ServiceSpec.Container container : task.containers()) {
        TaskReferences.ecrImage(container.image())
            .filter(image -> image.region().equals(region))
            .ifPresent(
                image -> {
                  List<TaskReferences.EcrImage> images =
                      byRepository.computeIfAbsent(
                          List.of(image.registry(), image.repository()), k -> new ArrayList<>());
                  if (images.stream().noneMatch(i -> i.uri().equals(image.uri())))
                    images.add(image);
                });
        container
            .logConfiguration()
            .filter(logs -> logs.region().equals(region))
            .ifPresent(logs -> groups.add(logs.group()));
      }
    }
    Map<String, Boolean> images = new HashMap<>();
    byRepository.values().forEach(repository -> images.putAll(images(repository)));
    Map<String, Optional<Role>> found = new HashMap<>();
    for (String arn : roles) found.put(arn, role(arn));
    Map<String, Boolean> logGroups = new HashMap<>();
    for (String group : groups) logGroups.put(group, logGroupExists(group));
    return new TaskReferences(images, found, logGroups);
  }

  /** Which of one repository's images exist, in batches of 100. */
  private Map<String, Boolean> images(List<TaskReferences.EcrImage> repository) {
    Map<String, Boolean> exist = new HashMap<>();
    for (int from = 0; from < repository.size(); from += IMAGES_BATCH) {
      List<TaskReferences.EcrImage> batch =
          repository.subList(from, Math.min(repository.size(), from + IMAGES_BATCH));
      try {
        describe(batch);
        batch.forEach(image -> exist.put(image.uri(), true));
      } catch (RepositoryNotFoundException noRepository) {
        batch.forEach(image -> exist.put(image.uri(), false));
      } catch (ImageNotFoundException oneIsMissing) {
        if (batch.size() == 1) exist.put(batch.get(0).uri(), false);
        else
          for (TaskReferences.EcrImage image : batch) {
            try {
              describe(List.of(image));
              exist.put(image.uri(), true);
            } catch (ImageNotFoundException | RepositoryNotFoundException missing) {
              exist.put(image.uri(), false);
            }
          }
      }
    }
    return exist;
  }

  private void describe(List<TaskReferences.EcrImage> images) {
    EcrClient ecr = clients.ecr();
    TaskReferences.EcrImage first = images.get(0);
    ecr.describeImages(
        r ->
            r.registryId(first.registry())
                .repositoryName(first.repository())
                .imageIds(
                    images.stream()
                        .map(
                            i ->
                                ImageIdentifier.builder()
                                    .imageTag(i.digest().isPresent() ? null : i.tag().orElse(null))
                                    .imageDigest(i.digest().orElse(null))
                                    .build())
                        .toList()));
  }

  private Optional<Role> role(String arn) {
    try {
      return Optional.of(
          clients.iam().getRole(r -> r.roleName(TaskReferences.roleName(arn))).role());
    } catch (NoSuchEntityException missing) {
      return Optional.empty();
    }
  }

  private boolean logGroupExists(String group) {
    return clients
        .logs()
        .describeLogGroups(r -> r.logGroupNamePrefix(group).limit(1))
        .logGroups()
        .stream()
        .anyMatch(g -> group.equals(g.logGroupName()));
  }
}
