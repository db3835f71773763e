package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a task definition references is checked before it is registered: its ECR image, its task and
 * execution roles, its awslogs group (created with {@code createGroup: true}); a missing one blocks
 * the plan, naming it, with zero writes.
 */
@ExtendWith(Emulator.class)
class TaskReferencesIT {
  private static final String REGISTRY =
      "123456789012.dkr.ecr." + Emulator.REGION + ".amazonaws.com";
  private static final String TASK_ROLE = "arn:aws:iam::123456789012:role/demo1-task";
  private static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/demo1-execution";
  private static final String ECS_TASKS_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String EC2_TRUST = ECS_TASKS_TRUST.replace("ecs-tasks", "ec2");

  @TempDir Path dir;
  private Emulator aws;
  private Path services;

  @BeforeEach
  void copyTheSeed(Emulator aws) throws IOException {
    this.aws = aws;
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
    services = dir.resolve("services.yaml");
    aws.clients().ecr().createRepository(r -> r.repositoryName("demo1"));
    push("v1");
  }

  /** demo1 runs {@code image}, with both roles and an awslogs group. */
  private void demo1(String image, String logOptions) throws IOException {
    Files.writeString(
        services,
        Files.readString(Emulator.seed().resolve("services.yaml"))
            .replace(
                "    family: ecs-fargate-demo1\n",
                "    family: ecs-fargate-demo1\n"
                    + "    taskRoleArn: "
                    + TASK_ROLE
                    + "\n"
                    + "    executionRoleArn: "
                    + EXECUTION_ROLE
                    + "\n")
            .replace(
                "        image: public.ecr.aws/nginx/nginx:1.27\n"
                    + "        portMappings:\n"
                    + "          - containerPort: 80\n"
                    + "        environment:\n"
                    + "          SERVICE_NAME: demo1\n",
                "        image: "
                    + image
                    + "\n"
                    + "        portMappings:\n"
                    + "          - containerPort: 80\n"
                    + "        environment:\n"
                    + "          SERVICE_NAME: demo1\n"
                    + "        logConfiguration: {awslogs: {group: /ecs/demo1, region: "
                    + Emulator.REGION
                    + ", streamPrefix: demo1"
                    + logOptions
                    + "}}\n"));
  }

  private void roles(String trust) {
    for (String arn : List.of(TASK_ROLE, EXECUTION_ROLE))
      aws.clients()
          .iam()
          .createRole(
              r ->
                  r.roleName(arn.substring(arn.lastIndexOf('/') + 1))
                      .assumeRolePolicyDocument(trust));
  }

  private void push(String tag) {
    aws.clients()
        .ecr()
        .putImage(
            r ->
                r.repositoryName("demo1")
                    .imageTag(tag)
                    .imageManifest(
                        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                            + "\"config\":{\"digest\":\"sha256:"
                            + "0".repeat(63)
                            + tag.length()
                            + "\"},\"layers\":[]}"));
  }

  @Test
  void aRoleThatPassRoleDoesNotListBlocksTheApplyAndTheListedOnesAreRegistered()
      throws IOException {
    roles(ECS_TASKS_TRUST);
    aws.clients().logs().createLogGroup(r -> r.logGroupName("/ecs/demo1"));
    demo1(REGISTRY + "/demo1:v1", "");

    Cli.Result refused = Cli.against(aws, "apply", "--pass-role", TASK_ROLE, dir.toString());
    assertEquals(1, refused.exitCode(), refused.out() + refused.err());
    assertTrue(
        refused
            .out()
            .contains("execution role " + EXECUTION_ROLE + ", which --pass-role does not list"),
        refused.out());
    assertEquals(
        List.of(), aws.clients().ecs().listClusters().clusterArns(), "apply wrote nothing");
    assertEquals(
        List.of(),
        aws.clients().ecs().listTaskDefinitions().taskDefinitionArns(),
        "no role was passed");

    Cli.Result allowed =
        Cli.against(aws, "apply", "--pass-role", TASK_ROLE + ",demo1-execution", dir.toString());
    assertEquals(0, allowed.exitCode(), allowed.out() + allowed.err());
    assertEquals(
        EXECUTION_ROLE,
        aws.clients()
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition("ecs-fargate-demo1"))
            .taskDefinition()
            .executionRoleArn(),
        "a role listed by its name is passed");
  }

  @Test
  void aPlanWhoseImageTagDoesNotExistIsBlockedNamingTheImageAndWritesNothing() throws IOException {
    roles(ECS_TASKS_TRUST);
    aws.clients().logs().createLogGroup(r -> r.logGroupName("/ecs/demo1"));
    demo1(REGISTRY + "/demo1:v2", "");
    aws.calls().reset();

    Cli.Result plan = Cli.against(aws, "plan", dir.toString());
    assertEquals(1, plan.exitCode(), plan.out() + plan.err());
    assertTrue(
        plan.out()
            .contains("image " + REGISTRY + "/demo1:v2 of container demo1 does not exist in ECR"),
        plan.out());
    assertTrue(plan.out().contains("services.yaml:"), "it names where: " + plan.out());
    Cli.Result apply = Cli.against(aws, "apply", dir.toString());
    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertEquals(
        List.of(), aws.clients().ecs().listClusters().clusterArns(), "apply wrote nothing");

    aws.calls().reset();
    converge(false);
    assertEquals(Map.of(), aws.calls().writeCalls(), "zero writes");
    assertEquals(1, aws.calls().count("DescribeImages"), "the repository's one batch");
    long checks =
        aws.calls().count("DescribeImages")
            + aws.calls().count("GetRole")
            + aws.calls().count("DescribeLogGroups");
    assertEquals(
        io.ecsgate.bench.ReadBound.taskReferences(
            Registry.loader().load(List.of(dir)), Emulator.REGION),
        checks,
        "1 DescribeImages, 2 GetRole, 1 DescribeLogGroups");

    push("v2");
    converge();
    assertEquals(
        REGISTRY + "/demo1:v2",
        aws.clients()
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition("ecs-fargate-demo1"))
            .taskDefinition()
            .containerDefinitions()
            .get(0)
            .image());
    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls(), "a no-op");
    assertEquals(0, aws.calls().count("DescribeImages"), "nothing is registered: nothing checked");
  }

  @Test
  void rolesThatAreMissingOrDoNotTrustEcsTasksBlockUntilTheTrustIsFixedByHand() throws IOException {
    aws.clients().logs().createLogGroup(r -> r.logGroupName("/ecs/demo1"));
    demo1(REGISTRY + "/demo1:v1", "");

    Convergence missing = converge(false);
    assertTrue(
        String.valueOf(missing.lastPlan()).contains("task role " + TASK_ROLE + " does not exist"),
        String.valueOf(missing.lastPlan()));

    roles(EC2_TRUST);
    Convergence untrusting = converge(false);
    assertTrue(
        String.valueOf(untrusting.lastPlan())
            .contains(
                "execution role " + EXECUTION_ROLE + " does not trust ecs-tasks.amazonaws.com"),
        String.valueOf(untrusting.lastPlan()));
    assertEquals(0, aws.calls().count("RegisterTaskDefinition"));

    for (String arn : List.of(TASK_ROLE, EXECUTION_ROLE))
      aws.clients()
          .iam()
          .updateAssumeRolePolicy(
              r ->
                  r.roleName(arn.substring(arn.lastIndexOf('/') + 1))
                      .policyDocument(ECS_TASKS_TRUST));
    aws.calls().reset();
    converge();
    assertEquals(2, aws.calls().count("GetRole"), "one GetRole a role");
    assertEquals(
        TASK_ROLE,
        aws.clients()
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition("ecs-fargate-demo1"))
            .taskDefinition()
            .taskRoleArn());
  }

  @Test
  void aMissingLogGroupBlocksUnlessCreateGroupThenItIsCreatedOnceAndAgainAfterItIsDeletedByHand()
      throws IOException {
    roles(ECS_TASKS_TRUST);
    demo1(REGISTRY + "/demo1:v1", "");
    Convergence blocked = converge(false);
    assertTrue(
        String.valueOf(blocked.lastPlan())
            .contains("log group /ecs/demo1 of container demo1 does not exist"),
        String.valueOf(blocked.lastPlan()));

    demo1(REGISTRY + "/demo1:v1", ", createGroup: true");
    aws.calls().reset();
    converge();
    assertEquals(1, aws.calls().count("CreateLogGroup"));
    var group =
        aws.clients().logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/demo1")).logGroups();
    assertEquals(1, group.size());
    assertEquals(
        "LogGroup//ecs/demo1",
        aws.clients()
            .logs()
            .listTagsForResource(r -> r.resourceArn(group.get(0).arn().replaceAll(":\\*$", "")))
            .tags()
            .get(Ownership.RESOURCE));
    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls(), "a no-op");

    aws.clients().logs().deleteLogGroup(r -> r.logGroupName("/ecs/demo1"));
    push("v3");
    demo1(REGISTRY + "/demo1:v3", ", createGroup: true");
    aws.calls().reset();
    converge();
    Map<String, Long> writes = aws.calls().writeCalls();
    assertEquals(1L, writes.get("CloudWatchLogs:CreateLogGroup"), writes.toString());
    assertEquals(1L, writes.get("Ecs:RegisterTaskDefinition"), writes.toString());
  }

  private void converge() {
    assertTrue(converge(true).succeeded());
  }

  private Convergence converge(boolean mustSucceed) {
    List<String> failed = new java.util.ArrayList<>();
    Convergence result =
        Reconcilers.of(aws.clients())
            .converge(
                Registry.loader().load(List.of(dir)),
                PlanOptions.DEFAULT,
                new Convergence.Progress() {
                  @Override
                  public void planned(io.ecsgate.core.Plan plan, int pass) {}

                  @Override
                  public void outcome(io.ecsgate.core.Outcome outcome) {
                    if (outcome.status() == io.ecsgate.core.Outcome.Status.FAILED)
                      failed.add(outcome.action().key() + ": " + outcome.message());
                  }
                });
    if (mustSucceed) assertTrue(result.succeeded(), failed + " " + result.lastPlan().blocked());
    else assertTrue(!result.succeeded(), "blocked: " + result.lastPlan());
    return result;
  }
}
