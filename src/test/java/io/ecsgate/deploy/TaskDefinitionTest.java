package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/task-definition.json: the controller as one small Fargate task that ECS can health-check
 * and stop cleanly.
 */
class TaskDefinitionTest {
  static final Path TASK_DEFINITION = Path.of("deploy/task-definition.json");

  static JsonNode taskDefinition() throws IOException {
    return new ObjectMapper().readTree(TASK_DEFINITION.toFile());
  }

  static JsonNode container() throws IOException {
    JsonNode containers = taskDefinition().path("containerDefinitions");
    assertEquals(
        1,
        containers.size(),
        "one container: the controller (the desired state is baked into its image)");
    return containers.get(0);
  }

  static List<String> command() throws IOException {
    List<String> command = new ArrayList<>();
    container().path("command").forEach(n -> command.add(n.asText()));
    return command;
  }

  @Test
  void isASmallFargateTaskInTheVpc() throws IOException {
    JsonNode task = taskDefinition();
    assertEquals("FARGATE", task.path("requiresCompatibilities").get(0).asText());
    assertEquals("awsvpc", task.path("networkMode").asText());
    assertEquals("256", task.path("cpu").asText(), "0.25 vCPU");
    assertEquals("512", task.path("memory").asText(), "0.5 GB");
    assertTrue(
        task.path("taskRoleArn").asText().contains(":role/"),
        "the task role carries deploy/iam-policy.json");
    assertTrue(
        task.path("executionRoleArn").asText().contains(":role/"),
        "the execution role pulls the image and writes logs");
  }

  @Test
  void containerIsHealthCheckedOnHealthzAndStopsWithinThirtySeconds() throws IOException {
    JsonNode container = container();
    assertTrue(container.path("essential").asBoolean());
    JsonNode health = container.path("healthCheck");
    assertEquals("CMD-SHELL", health.path("command").get(0).asText());
    assertTrue(health.path("command").get(1).asText().contains("http://localhost:9100/healthz"));
    assertTrue(health.path("startPeriod").asInt() > 0, "the JVM gets time to start");
    assertEquals(30, container.path("stopTimeout").asInt(), "SIGTERM, then SIGKILL after 30 s");
    assertEquals(9100, container.path("portMappings").get(0).path("containerPort").asInt());
    assertTrue(
        container.path("linuxParameters").path("initProcessEnabled").asBoolean(),
        "an init process forwards SIGTERM to java");
  }

  @Test
  void logsGoToCloudWatchWithoutBlockingTheController() throws IOException {
    JsonNode logs = container().path("logConfiguration");
    assertEquals("awslogs", logs.path("logDriver").asText());
    assertEquals("non-blocking", logs.path("options").path("mode").asText());
    assertFalse(logs.path("options").path("awslogs-group").asText().isEmpty());
    List<String> command = command();
    assertEquals(
        "json",
        command.get(command.indexOf("--log-format") + 1),
        "one JSON object per line, for Logs Insights");
  }

  @Test
  void runsTheDaemonOnTheBakedDesiredStateWithTheIntervalTheAlertsAssume() throws IOException {
    List<String> command = command();
    assertEquals("run", command.get(0));
    assertEquals("/config/desired-state", command.get(command.size() - 1));
    assertEquals(AlertRulesTest.ASSUMED_INTERVAL, command.get(command.indexOf("--interval") + 1));
    List<String> environment = new ArrayList<>();
    container().path("environment").forEach(e -> environment.add(e.path("name").asText()));
    assertTrue(environment.contains("AWS_REGION"), environment::toString);
  }

  @Test
  void runsAsTheImagesNonRootUserOnAReadOnlyRootFilesystem() throws IOException {
    JsonNode container = container();
    String imageUser =
        DockerfileTest.runtimeStage().stream()
            .filter(i -> i.keyword().equals("USER"))
            .reduce((a, b) -> b)
            .orElseThrow()
            .arguments();
    assertEquals(imageUser, container.path("user").asText());
    assertTrue(container.path("readonlyRootFilesystem").asBoolean());
  }

  @Test
  void theCommandIsOneTheCliAccepts() throws IOException {
    CliContract.assertParses(command());
  }
}
