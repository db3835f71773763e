package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
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
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;

/**
 * The seed's stage with access logs, execution logging and detailed metrics: from empty, a no-op,
 * and settings changed by hand put back with one UpdateStage and no deployment.
 */
@ExtendWith(Emulator.class)
class StageMonitoringIT {
  private static final String LOG_GROUP =
      "arn:aws:logs:us-west-2:123456789012:log-group:/apigateway/student-api";
  private static final String FORMAT = "$context.requestId $context.httpMethod $context.status";

  @TempDir Path dir;
  private Emulator aws;
  private ApiGatewayClient apigw;
  private Reconciler reconciler;

  @BeforeEach
  void copyTheSeedWithMonitoring(Emulator aws) throws IOException {
    this.aws = aws;
    this.apigw = aws.clients().apiGateway();
    this.reconciler = Reconcilers.of(aws.clients());
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        Files.readString(api)
            .replace(
                "    throttling: {rateLimit: 100, burstLimit: 200}\n",
                "    throttling: {rateLimit: 100, burstLimit: 200}\n"
                    + "    accessLogs: {destinationArn: '"
                    + LOG_GROUP
                    + "', format: '"
                    + FORMAT
                    + "'}\n"
                    + "    executionLogging: ERROR\n"
                    + "    detailedMetrics: true\n"));
  }

  @Test
  void fromEmptyTheStageLogsAndMeasuresThenANoOpWritesNothing() {
    converge();

    GetStageResponse stage = stage();
    assertEquals(LOG_GROUP, stage.accessLogSettings().destinationArn());
    assertEquals(FORMAT, stage.accessLogSettings().format());
    assertEquals("ERROR", stage.methodSettings().get("*/*").loggingLevel());
    assertEquals(true, stage.methodSettings().get("*/*").metricsEnabled());
    assertEquals(100.0, stage.methodSettings().get("*/*").throttlingRateLimit());

    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  @Test
  void settingsChangedByHandArePutBackWithOneUpdateStageAndNoDeployment() {
    converge();
    String deployment = stage().deploymentId();
    apigw.updateStage(
        r ->
            r.restApiId(apiId())
                .stageName("test")
                .patchOperations(
                    p -> p.op("replace").path("/*/*/logging/loglevel").value("INFO"),
                    p -> p.op("replace").path("/*/*/metrics/enabled").value("false"),
                    p ->
                        p.op("replace")
                            .path("/accessLogSettings/format")
                            .value("$context.requestId")));
    aws.calls().reset();

    converge();

    assertEquals(Map.of("ApiGateway:UpdateStage", 1L), aws.calls().writeCalls());
    GetStageResponse stage = stage();
    assertEquals(FORMAT, stage.accessLogSettings().format());
    assertEquals("ERROR", stage.methodSettings().get("*/*").loggingLevel());
    assertEquals(true, stage.methodSettings().get("*/*").metricsEnabled());
    assertEquals(deployment, stage.deploymentId(), "no new deployment");
  }

  @Test
  void removingTheFieldsFromTheYamlLeavesTheStageAsItIs() throws IOException {
    converge();
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(
          file, dir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    aws.calls().reset();

    converge();

    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals("ERROR", stage().methodSettings().get("*/*").loggingLevel());
    assertEquals(LOG_GROUP, stage().accessLogSettings().destinationArn());
  }

  private void converge() {
    Convergence result =
        reconciler.converge(
            Registry.loader().load(List.of(dir)), PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
  }

  private String apiId() {
    return apigw.getRestApis().items().get(0).id();
  }

  private GetStageResponse stage() {
    return apigw.getStage(r -> r.restApiId(apiId()).stageName("test"));
  }
}
