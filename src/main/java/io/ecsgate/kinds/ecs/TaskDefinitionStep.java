package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * RegisterTaskDefinition, and DeregisterTaskDefinition of the old revisions the plan names (it
 * decides which, from the revisions observed).
 */
public sealed interface TaskDefinitionStep extends Step {

  /** RegisterTaskDefinition; {@code logGroups}: the log groups this plan creates for it first. */
  record Register(ServiceSpec.TaskDefinition desired, Map<String, String> tags, List<Key> logGroups)
      implements TaskDefinitionStep {
    @Override
    public List<Key> needs() {
      return logGroups;
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      String arn =
          aws.ecs().registerTaskDefinition(this::request).taskDefinition().taskDefinitionArn();
      ids.put(Key.of(TaskDefinitionPlanner.KIND, desired.family()), arn);
      return "registered " + arn;
    }

    private void request(RegisterTaskDefinitionRequest.Builder r) {
      r.family(desired.family())
          .cpu(String.valueOf(desired.cpu()))
          .memory(String.valueOf(desired.memory()))
          .networkMode(NetworkMode.AWSVPC)
          .requiresCompatibilities(Compatibility.FARGATE)
          .containerDefinitions(desired.containers().stream().map(EcsRequests::container).toList())
          .tags(EcsRequests.tags(tags));
      desired.taskRoleArn().ifPresent(r::taskRoleArn);
      desired.executionRoleArn().ifPresent(r::executionRoleArn);
    }
  }

  /**
   * CreateLogGroup of a container's awslogs group that is missing, when the YAML says {@code
   * createGroup: true}; tagged as ecsgate's, never deleted (it holds the services' logs).
   */
  record CreateLogGroup(String group, Map<String, String> tags) implements TaskDefinitionStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      ids.put(Key.of(LogGroupPlanner.KIND, group), group);
      try {
        aws.logs().createLogGroup(r -> r.logGroupName(group).tags(tags));
      } catch (ResourceAlreadyExistsException madeMeanwhile) {
        return "log group " + group + " exists already";
      }
      return "created log group " + group;
    }
  }

  /** DeregisterTaskDefinition of one owned revision the new one pushes beyond the newest N. */
  record Deregister(String arn) implements TaskDefinitionStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn));
      return "deregistered " + arn;
    }
  }
}
