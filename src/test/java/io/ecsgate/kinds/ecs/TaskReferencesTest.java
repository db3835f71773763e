package io.ecsgate.kinds.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Role;

/** ECR image names and role trust policies, as the task definition checks read them. */
class TaskReferencesTest {
  private static final String REPO = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/demo1";

  @Test
  void anEcrImageIsParsedWithItsTagOrDigestAndLatestWhenNeither() {
    TaskReferences.EcrImage tagged = TaskReferences.ecrImage(REPO + ":v2").orElseThrow();
    assertEquals("123456789012", tagged.registry());
    assertEquals("eu-west-1", tagged.region());
    assertEquals("team/demo1", tagged.repository());
    assertEquals(Optional.of("v2"), tagged.tag());
    assertEquals("team/demo1:v2", tagged.shortName());

    String digest = "sha256:" + "a".repeat(64);
    TaskReferences.EcrImage pinned = TaskReferences.ecrImage(REPO + "@" + digest).orElseThrow();
    assertEquals(Optional.of(digest), pinned.digest());
    assertEquals(Optional.empty(), pinned.tag());

    assertEquals(Optional.of("latest"), TaskReferences.ecrImage(REPO).orElseThrow().tag());
  }

  @Test
  void imagesOutsideEcrAreNotEcrImages() {
    assertTrue(TaskReferences.ecrImage("public.ecr.aws/nginx/nginx:1.27").isEmpty());
    assertTrue(TaskReferences.ecrImage("nginx:1.27").isEmpty());
    assertTrue(TaskReferences.ecrImage("ghcr.io/acme/app:1").isEmpty());
  }

  private static Role role(String trust) {
    return Role.builder()
        .arn("arn:aws:iam::123456789012:role/x")
        .assumeRolePolicyDocument(URLEncoder.encode(trust, StandardCharsets.UTF_8))
        .build();
  }

  @Test
  void aRoleTrustsEcsTasksOnlyThroughAnAllowOfAssumeRoleToThatService() {
    assertTrue(
        TaskReferences.trustsEcsTasks(
            role(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "[\"ec2.amazonaws.com\",\"ecs-tasks.amazonaws.com\"]},\"Action\":[\"sts:AssumeRole\"]}]}")));
    assertTrue(
        TaskReferences.trustsEcsTasks(
            role(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}")));
    assertFalse(
        TaskReferences.trustsEcsTasks(
            role(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")));
    assertFalse(
        TaskReferences.trustsEcsTasks(
            role(
                "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"Service\":"
                    + "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")));
    assertFalse(TaskReferences.trustsEcsTasks(role("not json")));
  }

  @Test
  void theChecksNameAMissingImageRoleAndLogGroupAndPassWhatWasNotRead() throws Exception {
    StringBuilder seed = new StringBuilder();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("desired-state"))) {
      for (var file : files.sorted().toList())
        seed.append(java.nio.file.Files.readString(file)).append("\n---\n");
    }
    String yaml =
        seed.toString()
            .replace(
                "image: public.ecr.aws/nginx/nginx:1.27\n        portMappings:\n"
                    + "          - containerPort: 80\n        environment:\n"
                    + "          SERVICE_NAME: demo1",
                "image: "
                    + REPO
                    + ":v9\n        portMappings:\n          - containerPort: 80\n"
                    + "        logConfiguration: {awslogs: {group: /ecs/demo1, region: eu-west-1,"
                    + " streamPrefix: demo1}}")
            .replace(
                "    family: ecs-fargate-demo1\n",
                "    family: ecs-fargate-demo1\n"
                    + "    taskRoleArn: arn:aws:iam::123456789012:role/demo1-task\n");
    ServiceSpec demo1 =
        io.ecsgate.testing.Fixtures.desired(yaml).all(ServiceSpec.class).stream()
            .filter(s -> s.name().equals("ecs-fargate-demo1-service"))
            .findFirst()
            .orElseThrow();

    TaskReferences missing =
        new TaskReferences(
            java.util.Map.of(REPO + ":v9", false),
            java.util.Map.of("arn:aws:iam::123456789012:role/demo1-task", Optional.empty()),
            java.util.Map.of("/ecs/demo1", false));
    java.util.List<String> problems = TaskReferenceChecks.problems(demo1, missing);

    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("image " + REPO + ":v9 of container demo1 does not exist"));
    assertTrue(
        problems.get(0).startsWith(demo1.taskDefinition().containers().get(0).at().toString()));
    assertTrue(problems.get(1).contains("log group /ecs/demo1 of container demo1 does not exist"));
    assertTrue(
        problems
            .get(2)
            .contains("task role arn:aws:iam::123456789012:role/demo1-task does not exist"));
    assertEquals(java.util.List.of(), TaskReferenceChecks.problems(demo1, TaskReferences.EMPTY));
  }

  @Test
  void theRoleNameIsTheLastPartOfItsArnsPath() {
    assertEquals("app", TaskReferences.roleName("arn:aws:iam::123456789012:role/service/app"));
  }
}
