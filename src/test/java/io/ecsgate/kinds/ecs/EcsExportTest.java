package io.ecsgate.kinds.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.export.Document;
import io.ecsgate.export.Walk;
import io.ecsgate.kinds.network.NetworkNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class EcsExportTest {
  private static final NetworkNames NAMES =
      NetworkNames.of(Map.of(), Map.of("subnet-1", "private-a"), Map.of());

  private static TaskDefinition definition(ContainerDefinition container) {
    return TaskDefinition.builder()
        .family("web")
        .networkMode("awsvpc")
        .cpu("256")
        .memory("512")
        .containerDefinitions(container)
        .build();
  }

  private static ContainerDefinition container() {
    return ContainerDefinition.builder()
        .name("app")
        .image("nginx")
        .essential(true)
        .environment(KeyValuePair.builder().name("DB_PASSWORD").value("hunter2").build())
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Object env(Map<String, Object> task) {
    return ((Map<String, Object>) ((List<Object>) task.get("containers")).get(0))
        .get("environment");
  }

  @Test
  void environmentValuesArePlaceholdersWithACommentUnlessIncluded() {
    List<String> comments = new ArrayList<>();
    Map<String, Object> hidden =
        EcsExport.taskDefinition(definition(container()), false, new ArrayList<>(), comments);
    Map<String, Object> shown =
        EcsExport.taskDefinition(
            definition(container()), true, new ArrayList<>(), new ArrayList<>());

    assertEquals(Map.of("DB_PASSWORD", "fill-in:app-DB_PASSWORD"), env(hidden));
    assertTrue(comments.get(0).contains("placeholders"), comments.toString());
    assertEquals(Map.of("DB_PASSWORD", "hunter2"), env(shown));
  }

  @Test
  void aContainerWithACommandOrAnotherLogDriverCannotBeDeclared() {
    List<String> problems = new ArrayList<>();
    ContainerDefinition withCommand =
        container().toBuilder()
            .command("sleep", "1")
            .logConfiguration(l -> l.logDriver("splunk").options(Map.of()))
            .build();

    EcsExport.taskDefinition(definition(withCommand), true, problems, new ArrayList<>());

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("has a command"), problems.toString());
    assertTrue(problems.get(1).contains("logs with splunk"), problems.toString());
  }

  @Test
  void aServiceOnAnotherLaunchTypeIsLeftOutAndItsGroupIsNamedFromItsArn() {
    Walk walk = new Walk(false);
    Service ec2 =
        Service.builder()
            .serviceName("web")
            .launchType("EC2")
            .desiredCount(1)
            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
            .build();
    EcsExport.Scaling none =
        new EcsExport.Scaling(Optional.empty(), n -> Optional.empty(), n -> Optional.empty());

    Optional<Document> document =
        EcsExport.service("main", ec2, Optional.of(definition(container())), none, NAMES, walk);

    assertTrue(document.isEmpty());
    assertEquals(
        "Service main/web: launch type EC2 (ecsgate declares Fargate services)",
        walk.leftOut().get(0).toString());
    assertEquals(
        "web-tg",
        EcsExport.groupName(
            "arn:aws:elasticloadbalancing:r:1:targetgroup/web-tg/0123456789abcdef"));
  }

  @Test
  void scalingWhosePoliciesEcsgateDidNotNameIsNotGuessed() {
    List<String> problems = new ArrayList<>();
    EcsExport.Scaling onlyTarget =
        new EcsExport.Scaling(
            Optional.of(
                software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget
                    .builder()
                    .minCapacity(1)
                    .maxCapacity(3)
                    .build()),
            n -> Optional.empty(),
            n -> Optional.empty());

    assertTrue(EcsExport.autoScaling("web", onlyTarget, problems).isEmpty());
    assertTrue(problems.get(0).contains("web-cpu"), problems.toString());
  }
}
