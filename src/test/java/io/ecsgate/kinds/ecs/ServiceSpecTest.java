package io.ecsgate.kinds.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceSpecTest {
  @TempDir Path dir;

  private static final String SERVICE =
      """
      apiVersion: ecsgate/v1
      kind: Cluster
      metadata: {name: c}
      spec: {}
      ---
      apiVersion: ecsgate/v1
      kind: Service
      metadata: {name: s}
      spec:
        cluster: c
        network: {subnets: [subnet-1]}
        EXTRA
        taskDefinition:
          family: s
          cpu: 256
          memory: 512
          containers:
            - name: app
              image: nginx
              CONTAINER
      """;

  private ServiceSpec load(String extra, String container) throws IOException {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, SERVICE.replace("EXTRA", extra).replace("CONTAINER", container));
    return Registry.loader().load(List.of(file)).all(ServiceSpec.class).get(0);
  }

  @Test
  void whatTheYamlLeavesOutTakesAwsDefaults() throws IOException {
    ServiceSpec service = load("", "");

    assertEquals(1, service.desiredCount());
    assertEquals("FARGATE", service.launchType());
    assertEquals(ServiceSpec.Deployment.AWS_DEFAULT, service.deployment());
    assertEquals("NONE", service.propagateTags());
    assertEquals(0, service.healthCheckGracePeriodSeconds());
    assertTrue(service.taskDefinition().containers().get(0).essential());
    assertEquals(Optional.empty(), service.autoScaling());
    assertEquals(
        "disabled",
        Registry.loader()
            .load(List.of(dir.resolve("s.yaml")))
            .all(ClusterSpec.class)
            .get(0)
            .containerInsights());
  }

  @ParameterizedTest(name = "writing {0} explicitly reads the same as leaving it out")
  @CsvSource(
      delimiter = '|',
      value = {
        "launchType: FARGATE|",
        "propagateTags: NONE|",
        "enableExecuteCommand: false|",
        "deployment: {minimumHealthyPercent: 100, maximumPercent: 200}|",
        "|essential: true",
        "|portMappings: [{containerPort: 80, protocol: tcp}]",
      })
  void anExplicitDefaultReadsTheSameAsLeavingItOut(String extra, String container)
      throws IOException {
    String portsIfNeeded =
        container != null && container.startsWith("portMappings")
            ? "portMappings: [{containerPort: 80}]"
            : "";
    ServiceSpec implicit = load("", portsIfNeeded);
    ServiceSpec explicit = load(extra == null ? "" : extra, container == null ? "" : container);

    assertEquals(implicit.launchType(), explicit.launchType());
    assertEquals(implicit.propagateTags(), explicit.propagateTags());
    assertEquals(implicit.enableExecuteCommand(), explicit.enableExecuteCommand());
    assertEquals(implicit.deployment(), explicit.deployment());
    assertEquals(
        implicit.taskDefinition().containers().get(0).essential(),
        explicit.taskDefinition().containers().get(0).essential());
    assertEquals(
        implicit.taskDefinition().containers().get(0).portMappings(),
        explicit.taskDefinition().containers().get(0).portMappings());
  }

  @Test
  void withAutoScalingTheInitialCountDefaultsToMinTasks() throws IOException {
    ServiceSpec service =
        load("autoScaling: {minTasks: 3, maxTasks: 6, cpuTarget: 60, memoryTarget: 80}", "");

    assertEquals(3, service.desiredCount());
    assertEquals(
        new ServiceSpec.AutoScaling(3, 6, 60, Optional.of(80)),
        service.autoScaling().orElseThrow());
    assertEquals("service/c/s", service.scalingResourceId());
  }

  @ParameterizedTest(name = "Fargate allows cpu {0} with memory {1}: {2}")
  @CsvSource({
    "256,512,true",
    "256,2048,true",
    "256,4096,false",
    "512,4096,true",
    "1024,1024,false",
    "4096,30720,true",
    "8192,20480,true",
    "8192,18432,false",
    "16384,122880,true",
    "300,512,false"
  })
  void fargateTaskSizesAreTheOnesAwsOffers(int cpu, int memory, boolean valid) {
    assertEquals(valid, ServiceSpec.fargateSizeIsValid(cpu, memory));
  }

  @Test
  void theSeedStackLoads() {
    DesiredState seed = Registry.loader().load(List.of(Path.of("desired-state")));
    assertEquals(1, seed.all(ClusterSpec.class).size());
    assertEquals(2, seed.all(ServiceSpec.class).size());
    assertEquals("enabled", seed.all(ClusterSpec.class).get(0).containerInsights());
    ServiceSpec demo1 = seed.all(ServiceSpec.class).get(0);
    assertEquals(256, demo1.taskDefinition().cpu());
    assertEquals(512, demo1.taskDefinition().memory());
    assertEquals(new ServiceSpec.Deployment(50, 100, false, false), demo1.deployment());
    assertEquals(
        new ServiceSpec.AutoScaling(2, 4, 70, Optional.empty()), demo1.autoScaling().orElseThrow());
  }
}
