package io.ecsgate.kinds.ecs;

import static io.ecsgate.testing.Validation.assertReports;
import static io.ecsgate.testing.Validation.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.core.Key;
import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of a service, at its boundary: one edit of a valid stack per row, and the
 * one problem it must report (none: the value is at or inside the limit).
 */
class ServiceValidationTest {
  private static final String STACK =
      """
      apiVersion: ecsgate/v1
      kind: Cluster
      metadata: {name: c}
      spec: {}
      ---
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: tg}
      spec: {vpc: vpc-1, protocol: HTTP, port: 80}
      ---
      apiVersion: ecsgate/v1
      kind: Service
      metadata: {name: s}
      spec:
        cluster: c
        desiredCount: 2
        network: {subnets: [subnet-1], securityGroups: [sg-1]}
        loadBalancers: [{targetGroup: tg, containerName: app, containerPort: 80}]
        deployment: {minimumHealthyPercent: 50, maximumPercent: 200}
        taskDefinition:
          family: s
          cpu: 256
          memory: 512
          containers:
            - name: app
              image: nginx
              portMappings: [{containerPort: 80}]
              environment: {A: "1"}
      """;

  private static String subnets(int n) {
    StringBuilder s = new StringBuilder("[subnet-1");
    for (int i = 2; i <= n; i++) s.append(", subnet-").append(i);
    return s.append("]").toString();
  }

  private static String groups(int n) {
    StringBuilder s = new StringBuilder("[sg-1");
    for (int i = 2; i <= n; i++) s.append(", sg-").append(i);
    return s.append("]").toString();
  }

  private static String containers(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 2; i <= n; i++)
      s.append("      - {name: c").append(i).append(", image: busybox}\n");
    return s.toString();
  }

  private static String bindings(int n) {
    StringBuilder s =
        new StringBuilder("[{targetGroup: tg, containerName: app, containerPort: 80}");
    for (int i = 2; i <= n; i++)
      s.append(", {targetGroup: tg").append(i).append(", containerName: app, containerPort: 80}");
    return s.append("]").toString();
  }

  private static String targetGroups(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 2; i <= n; i++)
      s.append("---\napiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: tg")
          .append(i)
          .append("}\nspec: {vpc: vpc-1, protocol: HTTP, port: 80}\n");
    return s.toString();
  }

  static Stream<Arguments> rules() {
    String env = "environment: {A: \"1\"}";
    return Stream.of(
        // names
        Arguments.of("metadata: {name: s}", "metadata: {name: s.1}", "not a valid service name"),
        Arguments.of("family: s", "family: s.1", "taskDefinition.family 's.1' is not valid"),
        Arguments.of(
            "- name: app",
            "- {name: a.pp, image: busybox}\n      - name: app",
            "container name 'a.pp' is not valid"),
        // the task size
        Arguments.of("memory: 512", "memory: 2048", null),
        Arguments.of("memory: 512", "memory: 4096", "is not a Fargate task size"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 512\n    memory: 1024", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 512\n    memory: 4096", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 512\n    memory: 5120", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 512\n    memory: 1536", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 512\n    memory: 512", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 1024\n    memory: 2048", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 1024\n    memory: 8192", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 1024\n    memory: 1024", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 1024\n    memory: 9216", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 1024\n    memory: 2560", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 2048\n    memory: 4096", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 2048\n    memory: 16384", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 2048\n    memory: 3072", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 2048\n    memory: 17408", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 2048\n    memory: 4608", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 4096\n    memory: 8192", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 4096\n    memory: 30720", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 4096\n    memory: 7168", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 4096\n    memory: 31744", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 4096\n    memory: 8704", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 8192\n    memory: 16384", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 8192\n    memory: 61440", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 8192\n    memory: 12288", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 8192\n    memory: 65536", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 8192\n    memory: 17408", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 16384\n    memory: 32768", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 16384\n    memory: 122880", null),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 16384\n    memory: 24576", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 16384\n    memory: 36864", "Fargate"),
        Arguments.of("cpu: 256\n    memory: 512", "cpu: 128\n    memory: 512", "Fargate"),
        Arguments.of(
            "    cpu: 256\n", "", "missing required key 'cpu' (Fargate needs a task size)"),
        Arguments.of(
            "    memory: 512\n", "", "missing required key 'memory' (Fargate needs a task size)"),
        // roles
        Arguments.of(
            "family: s", "family: s\n    taskRoleArn: arn:aws:iam::123456789012:role/app", null),
        Arguments.of(
            "family: s",
            "family: s\n    executionRoleArn: arn:aws:iam::123456789012:user/app",
            "executionRoleArn must be an IAM role ARN"),
        Arguments.of(
            "family: s",
            "family: s\n    taskRoleArn: arn:aws:iam::1234:role/app",
            "taskRoleArn must be an IAM role ARN"),
        // containers
        Arguments.of("family: s", "family: s\n    x: 1", "unknown key 'x'"),
        Arguments.of(
            "        environment: {A: \"1\"}\n",
            "        environment: {A: \"1\"}\n" + containers(10),
            null),
        Arguments.of(
            "        environment: {A: \"1\"}\n",
            "        environment: {A: \"1\"}\n" + containers(11),
            "a task definition has at most 10 containers, got 11"),
        Arguments.of(
            "image: nginx", "image: nginx\n        essential: false", "at least one container"),
        Arguments.of("image: nginx", "image: nginx\n        memoryReservation: 512", null),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        memoryReservation: 513",
            "the containers reserve 513 MiB, more than the task's memory 512"),
        Arguments.of(
            "- name: app",
            "- {name: side, image: busybox, memoryReservation: 256}\n      - name: app\n        memoryReservation: 257",
            "the containers reserve 513 MiB"),
        Arguments.of(env, "environment: {\"A B\": \"1\"}", "environment name 'A B' is not valid"),
        Arguments.of(env, "secrets: {\"A=B\": arn}", "secrets name 'A=B' is not valid"),
        Arguments.of(env, "environment: {A: \"" + "x".repeat(64 * 1024 - 1) + "\"}", null),
        Arguments.of(
            env,
            "environment: {A: \"" + "x".repeat(64 * 1024) + "\"}",
            "environment is 65537 bytes"),
        Arguments.of(
            "portMappings: [{containerPort: 80}]",
            "portMappings: [{containerPort: 80}, {containerPort: 80, protocol: udp}]",
            "container port 80 is mapped twice"),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        logConfiguration: {awslogs: {group: g, region: r, streamPrefix: p}}",
            null),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        logConfiguration: {awslogs: {group: g, region: r, streamPrefix: p, x: 1}}",
            "unknown key 'x'"),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        logConfiguration: {awslogs: {group: g, region: r, streamPrefix: p}, x: 1}",
            "unknown key 'x'"),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        healthCheck: {command: [CMD, true], x: 1}",
            "unknown key 'x'"),
        Arguments.of(
            "image: nginx", "image: nginx\n        healthCheck: {retries: 3}", "needs a command"),
        // the network
        Arguments.of("subnets: [subnet-1]", "subnets: []", "network needs at least one subnet"),
        Arguments.of("subnets: [subnet-1]", "subnets: " + subnets(16), null),
        Arguments.of(
            "subnets: [subnet-1]",
            "subnets: " + subnets(17),
            "network takes at most 16 subnets, got 17"),
        Arguments.of("securityGroups: [sg-1]", "securityGroups: " + groups(5), null),
        Arguments.of(
            "securityGroups: [sg-1]",
            "securityGroups: " + groups(6),
            "network takes at most 5 security groups, got 6"),
        Arguments.of("securityGroups: [sg-1]", "securityGroups: [sg-1], x: 1", "unknown key 'x'"),
        // bindings
        Arguments.of(
            "loadBalancers: [{targetGroup: tg, containerName: app, containerPort: 80}]",
            "loadBalancers: " + bindings(5),
            null),
        Arguments.of(
            "loadBalancers: [{targetGroup: tg, containerName: app, containerPort: 80}]",
            "loadBalancers: " + bindings(6),
            "a service can be bound to at most 5 target groups, got 6"),
        Arguments.of(
            "desiredCount: 2", "desiredCount: 2\n  healthCheckGracePeriodSeconds: 60", null),
        Arguments.of(
            "  loadBalancers: [{targetGroup: tg, containerName: app, containerPort: 80}]\n",
            "  healthCheckGracePeriodSeconds: 60\n",
            "healthCheckGracePeriodSeconds needs a load balancer binding"),
        Arguments.of(
            "spec: {vpc: vpc-1, protocol: HTTP, port: 80}",
            "spec: {vpc: vpc-1, protocol: HTTP, port: 80, targetType: instance}",
            "has targetType instance"),
        // deployment
        Arguments.of(
            "maximumPercent: 200}", "maximumPercent: 200, circuitBreaker: {rollback: true}}", null),
        Arguments.of(
            "maximumPercent: 200}",
            "maximumPercent: 200, circuitBreaker: {enable: false, rollback: true}}",
            "circuitBreaker.rollback needs circuitBreaker.enable: true"),
        Arguments.of(
            "maximumPercent: 200}",
            "maximumPercent: 200, circuitBreaker: {enable: true, x: 1}}",
            "unknown key 'x'"),
        Arguments.of("maximumPercent: 200}", "maximumPercent: 200, x: 1}", "unknown key 'x'"),
        // auto scaling
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: {minTasks: 2, maxTasks: 2, cpuTarget: 50}",
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: {minTasks: 3, maxTasks: 4, cpuTarget: 50}",
            "desiredCount 2 is outside autoScaling's 3..4"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: {minTasks: 0, maxTasks: 1, cpuTarget: 50}",
            "desiredCount 2 is outside autoScaling's 0..1"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: {minTasks: 3, maxTasks: 1, cpuTarget: 50}",
            "autoScaling.minTasks 3 is greater than maxTasks 1"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: {minTasks: 2, maxTasks: 2, cpuTarget: 50, x: 1}",
            "unknown key 'x'"),
        // the spec itself
        Arguments.of("desiredCount: 2", "desiredCount: 2\n  x: 1", "unknown key 'x'"),
        // containers and what binds to them
        Arguments.of(
            "- name: app",
            "- {name: app, image: busybox, portMappings: [{containerPort: 80}]}\n      - name: app",
            "container name 'app' is used twice in taskDefinition s"),
        Arguments.of(
            "containerName: app, containerPort: 80",
            "containerName: web, containerPort: 80",
            "load balancer binding names container 'web', which taskDefinition s does not have"),
        Arguments.of(
            "containerName: app, containerPort: 80",
            "containerName: app, containerPort: 8080",
            "load balancer binding uses port 8080, which container 'app' does not map"),
        Arguments.of(
            "spec: {vpc: vpc-1, protocol: HTTP, port: 80}",
            "spec: {vpc: vpc-1, protocol: HTTP, port: 80, targets: {ipsOfLoadBalancer: lb}}\n"
                + "---\napiVersion: ecsgate/v1\nkind: LoadBalancer\nmetadata: {name: lb}\n"
                + "spec: {type: application, subnets: [subnet-1, subnet-2]}",
            "already has targets managed by ecsgate"),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        secrets: {A: arn:aws:secretsmanager:r:1:secret:a}",
            "'A' is both an environment variable and a secret"),
        Arguments.of(
            "image: nginx",
            "image: nginx\n        healthCheck: {command: [RUN, x]}",
            "healthCheck.command must start with CMD, CMD-SHELL or NONE, got 'RUN'"),
        Arguments.of("image: nginx", "image: nginx\n        healthCheck: {command: [NONE]}", null),
        // step scaling
        Arguments.of("desiredCount: 2", "desiredCount: 2\n  autoScaling: " + steps("", ""), null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: {minTasks: 2, maxTasks: 4, cpuTarget: 50, steps: "
                + "{scaleOut: {threshold: 70}, scaleIn: {threshold: 30}}}",
            "autoScaling takes cpuTarget (target tracking) or steps (step scaling), not both"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + "{minTasks: 2, maxTasks: 4, steps: {scaleOut: {threshold: 70}, scaleIn: {threshold: 69}}}",
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + "{minTasks: 2, maxTasks: 4, steps: {scaleOut: {threshold: 70}, scaleIn: {threshold: 70}}}",
            "autoScaling.steps.scaleIn.threshold 70 must be below scaleOut.threshold 70"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + "{minTasks: 2, maxTasks: 4, steps: {scaleOut: {threshold: 0}, scaleIn: {threshold: 0}}}",
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: " + steps("alarmName: same, ", "alarmName: same, "),
            "autoScaling.steps.scaleIn.alarmName 'same' is also scaleOut's"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + steps("alarmName: '" + "a".repeat(255) + "', ", ""),
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + steps("alarmName: '" + "a".repeat(256) + "', ", ""),
            "alarmName must be 1-255 characters"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: " + steps("alarmName: '', ", ""),
            "alarmName must be 1-255 characters"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: " + steps("alarmName: \"a\\tb\", ", ""),
            "alarmName must be 1-255 characters"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + steps("periodSeconds: 30, ", "periodSeconds: 10, "),
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: " + steps("periodSeconds: 120, ", ""),
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: " + steps("periodSeconds: 90, ", ""),
            "periodSeconds must be 10, 30 or a multiple of 60, got 90"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + steps(
                    "periodSeconds: 86400, evaluationPeriods: 1, ",
                    "periodSeconds: 60, evaluationPeriods: 1440, "),
            null),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + steps("periodSeconds: 120, evaluationPeriods: 721, ", ""),
            "periodSeconds x evaluationPeriods must be at most one day (86400), got 86520"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: " + steps("x: 1, ", ""),
            "unknown key 'x'"),
        Arguments.of(
            "desiredCount: 2",
            "desiredCount: 2\n  autoScaling: "
                + "{minTasks: 2, maxTasks: 4, steps: {scaleOut: {threshold: 70}, scaleIn: {threshold: 30}, x: 1}}",
            "unknown key 'x'"));
  }

  /** Step scaling with {@code out} and {@code in} added to each direction's fields. */
  private static String steps(String out, String in) {
    return "{minTasks: 2, maxTasks: 4, steps: {scaleOut: {"
        + out
        + "threshold: 70}, scaleIn: {"
        + in
        + "threshold: 30}}}";
  }

  /** A second service of the stack, on its own family and target group unless edited. */
  private static final String SECOND =
      """
      ---
      apiVersion: ecsgate/v1
      kind: Service
      metadata: {name: t}
      spec:
        cluster: c
        network: {subnets: [subnet-1]}
        loadBalancers: [{targetGroup: tg2, containerName: app, containerPort: 80}]
        autoScaling: {minTasks: 1, maxTasks: 2, steps: {scaleOut: {alarmName: up, threshold: 70}, scaleIn: {threshold: 30}}}
        taskDefinition:
          family: t
          cpu: 256
          memory: 512
          containers:
            - {name: app, image: nginx, portMappings: [{containerPort: 80}]}
      """;

  static Stream<Arguments> betweenServices() {
    return Stream.of(
        Arguments.of("family: t", "family: t", null),
        Arguments.of(
            "family: t", "family: s", "task definition family 's' is already used by service 's'"),
        Arguments.of(
            "targetGroup: tg2",
            "targetGroup: tg",
            "target group 'tg' is already bound to service 's'"),
        Arguments.of("alarmName: up", "alarmName: c-s-scale-out", null),
        Arguments.of(
            "alarmName: up",
            "alarmName: s-up",
            "alarm 's-up' (scale-out) is already service 's''s"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("betweenServices")
  void twoServicesShareNoFamilyTargetGroupOrAlarm(String from, String to, String problem) {
    String first =
        edit(
            STACK,
            "desiredCount: 2",
            "autoScaling: {minTasks: 2, maxTasks: 4, steps: {scaleOut: {alarmName: s-up, threshold: 70}, scaleIn: {threshold: 30}}}");
    assertReports(first + edit(SECOND, from, to) + targetGroups(2), problem);
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rules")
  void eachRuleHoldsAtItsBoundary(String from, String to, String problem) {
    assertReports(edit(STACK, from, to) + targetGroups(6), problem);
  }

  @Test
  void aServiceDeclaresItselfAndItsTaskFamilyAndNamesItsPolicies() {
    ServiceSpec service = Fixtures.desired(STACK).all(ServiceSpec.class).get(0);
    assertEquals(
        List.of(Key.of("Service", "s"), Key.of(TaskDefinitionPlanner.KIND, "s")),
        service.declares());
    assertEquals("s-cpu", service.cpuPolicyName());
    assertEquals("s-memory", service.memoryPolicyName());
    assertEquals("service/c/s", service.scalingResourceId());
    assertEquals(List.of("subnet-1"), service.subnets().stream().map(r -> r.name()).toList());
    assertEquals(List.of("sg-1"), service.securityGroups().stream().map(r -> r.name()).toList());
    assertEquals(Optional.empty(), service.taskDefinition().taskRoleArn());
  }

  @Test
  void theGracePeriodAndARoleAreKeptAsDeclared() {
    ServiceSpec service =
        Fixtures.desired(
                edit(
                    STACK,
                    "desiredCount: 2",
                    "desiredCount: 2\n  healthCheckGracePeriodSeconds: 60",
                    "family: s",
                    "family: s\n    taskRoleArn: arn:aws:iam::123456789012:role/app"))
            .all(ServiceSpec.class)
            .get(0);
    assertEquals(60, service.healthCheckGracePeriodSeconds());
    assertEquals(
        Optional.of("arn:aws:iam::123456789012:role/app"), service.taskDefinition().taskRoleArn());
  }
}
