package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/gitops/github-actions.yml: plan on pull requests, roll out on merge, with files that
 * exist.
 */
class GitOpsWorkflowTest {
  static final Path WORKFLOW = Path.of("deploy/gitops/github-actions.yml");

  static String steps(JsonNode job) {
    StringBuilder text = new StringBuilder();
    job.path("steps")
        .forEach(
            step ->
                text.append(step.path("run").asText())
                    .append('\n')
                    .append(step.path("uses").asText())
                    .append('\n')
                    .append(step.path("with").toString())
                    .append('\n'));
    return text.toString();
  }

  @Test
  void pullRequestsAreValidatedAndPlannedWithTheDetailedExitCode() throws IOException {
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    assertTrue(workflow.path("on").has("pull_request"));
    JsonNode plan = workflow.path("jobs").path("plan");
    assertTrue(plan.path("if").asText().contains("pull_request"));
    String steps = steps(plan);
    assertTrue(steps.contains(" validate /config/desired-state"), steps);
    assertTrue(steps.contains("plan --detailed-exitcode /config/desired-state"), steps);
    assertTrue(steps.contains("2) "), "exit 2 (changes) does not fail the check; 1 does");
  }

  @Test
  void mergesRollTheControllerOntoTheMergedDesiredStateUsingFilesThatExist() throws IOException {
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    JsonNode deploy = workflow.path("jobs").path("deploy");
    assertTrue(workflow.path("on").path("push").path("branches").toString().contains("main"));
    String steps = steps(deploy);
    assertTrue(steps.contains("amazon-ecs-deploy-task-definition"), steps);
    Matcher files = Pattern.compile("deploy/[A-Za-z0-9./_-]+").matcher(Files.readString(WORKFLOW));
    int seen = 0;
    while (files.find()) {
      assertTrue(
          Files.exists(Path.of(files.group())),
          "the workflow names " + files.group() + ", which does not exist");
      seen++;
    }
    assertTrue(
        seen >= 3,
        "the workflow uses the Dockerfile.desired-state, task definition and plan policy");
  }
}
