package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.Action;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.apigateway.ApiGatewayStep.PatchOp;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.testing.Fixtures;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.AccessLogSettings;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * A stage's access log, execution logging and detailed metrics: read from the YAML, each enforced
 * only when declared, with UpdateStage patch operations for what differs.
 */
class StageMonitoringTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  static final String LOG_GROUP =
      "arn:aws:logs:us-west-2:123456789012:log-group:/apigateway/student";
  static final String FORMAT = "$context.requestId $context.httpMethod $context.status";
  static final String MONITORED =
      "    throttling: {rateLimit: 100, burstLimit: 200}\n"
          + "    accessLogs:\n"
          + "      destinationArn: "
          + LOG_GROUP
          + "\n"
          + "      format: '"
          + FORMAT
          + "'\n"
          + "    executionLogging: ERROR\n"
          + "    detailedMetrics: true\n";

  /** The seed, with {@code stage} lines replaced by {@code stageLines}. */
  static DesiredState seedWithStage(String stageLines) {
    try (var files = Files.list(Path.of("desired-state"))) {
      String all =
          files
              .sorted()
              .map(
                  file -> {
                    try {
                      return Files.readString(file);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .collect(Collectors.joining("\n---\n"));
      return Fixtures.desired(
          all.replace("    throttling: {rateLimit: 100, burstLimit: 200}\n", stageLines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Plan plan(DesiredState desired, ObservedState observed) {
    return Registry.planner()
        .plan(new PlanContext(desired, observed, OWNERSHIP, PlanOptions.DEFAULT));
  }

  private static ObservedState withStage(ObservedState observed, UnaryOperator<Stage> change) {
    ApiGatewaySnapshot api = ApiGatewaySnapshot.of(observed);
    Map<String, List<Stage>> stages =
        api.stages().entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().stream().map(change).toList()));
    return ObservedState.of(
        ElbSnapshot.of(observed),
        Network.of(observed),
        EcsSnapshot.of(observed),
        new ApiGatewaySnapshot(
            api.vpcLinks(), api.restApis(), api.resources(), stages, api.deploymentDescriptions()));
  }

  private static List<PatchOp> stageUpdate(Plan plan) {
    List<Action> updates =
        plan.actions().stream().filter(a -> a.kind().equals(ApiGatewayStep.STAGE)).toList();
    assertEquals(1, updates.size(), plan.actions().toString());
    return ((ApiGatewayStep.UpdateStage) updates.get(0).step()).operations();
  }

  @Test
  void theFieldsAreReadAndLeftOutTheyAreAbsent() {
    RestApiSpec.Stage stage = seedWithStage(MONITORED).all(RestApiSpec.class).get(0).stage();

    assertEquals(new RestApiSpec.AccessLogs(LOG_GROUP, FORMAT), stage.accessLogs().get());
    assertEquals("ERROR", stage.executionLogging().get());
    assertEquals(true, stage.detailedMetrics().get());
    RestApiSpec.Stage seed =
        Registry.loader()
            .load(List.of(Path.of("desired-state")))
            .all(RestApiSpec.class)
            .get(0)
            .stage();
    assertTrue(seed.accessLogs().isEmpty() && seed.executionLogging().isEmpty());
    assertTrue(seed.detailedMetrics().isEmpty());
  }

  @Test
  void aLogGroupNameAFormatWithoutTheRequestIdAndAnUnknownLevelAreRefusedWithTheirRules() {
    InvalidDesiredStateException invalid =
        assertThrows(
            InvalidDesiredStateException.class,
            () ->
                seedWithStage(
                    MONITORED
                        .replace(LOG_GROUP, "/apigateway/student")
                        .replace(FORMAT, "$context.status")
                        .replace("executionLogging: ERROR", "executionLogging: DEBUG")));

    List<String> messages = invalid.problems().stream().map(Problem::toString).toList();
    assertEquals(3, messages.size(), messages.toString());
    assertTrue(messages.get(0).contains("accessLogs.destinationArn must be a log group's ARN"));
    assertTrue(messages.get(1).contains("must contain $context.requestId"));
    assertTrue(messages.get(2).contains("DEBUG"), messages.get(2));
    assertEquals(
        List.of(Problem.Rule.PATTERN, Problem.Rule.PATTERN, Problem.Rule.ENUM),
        invalid.problems().stream().map(Problem::rule).toList());
  }

  @Test
  void declaredOnAStageThatHasNoneIsOneUpdateStageWithFourOperationsAndNoDeployment() {
    DesiredState desired = seedWithStage(MONITORED);
    ObservedState seedInSync =
        SyntheticAccount.inSync(
            Registry.loader().load(List.of(Path.of("desired-state"))), OWNERSHIP);

    Plan plan = plan(desired, seedInSync);

    assertEquals(
        List.of(
            PatchOp.replace("/accessLogSettings/destinationArn", LOG_GROUP),
            PatchOp.replace("/accessLogSettings/format", FORMAT),
            PatchOp.replace("/*/*/logging/loglevel", "ERROR"),
            PatchOp.replace("/*/*/metrics/enabled", "true")),
        stageUpdate(plan));
    assertTrue(plan.actions().stream().noneMatch(a -> a.kind().equals("Deployment")));
  }

  @Test
  void aStageThatMatchesNeedsNothingAndOneChangedByHandIsOneOperation() {
    DesiredState desired = seedWithStage(MONITORED);
    ObservedState inSync = SyntheticAccount.inSync(desired, OWNERSHIP);
    assertFalse(plan(desired, inSync).hasChanges(), String.valueOf(plan(desired, inSync)));

    ObservedState infoByHand =
        withStage(
            inSync,
            stage -> {
              MethodSetting all = stage.methodSettings().get("*/*");
              return stage.toBuilder()
                  .methodSettings(Map.of("*/*", all.toBuilder().loggingLevel("INFO").build()))
                  .accessLogSettings(
                      AccessLogSettings.builder().destinationArn(LOG_GROUP).format("$x").build())
                  .build();
            });

    assertEquals(
        List.of(
            PatchOp.replace("/accessLogSettings/format", FORMAT),
            PatchOp.replace("/*/*/logging/loglevel", "ERROR")),
        stageUpdate(plan(desired, infoByHand)));
  }

  @Test
  void undeclaredSettingsAreLeftAsTheyAre() {
    DesiredState seed = Registry.loader().load(List.of(Path.of("desired-state")));
    ObservedState setByHand =
        withStage(
            SyntheticAccount.inSync(seed, OWNERSHIP),
            stage ->
                stage.toBuilder()
                    .accessLogSettings(
                        AccessLogSettings.builder()
                            .destinationArn(LOG_GROUP)
                            .format(FORMAT)
                            .build())
                    .methodSettings(
                        Map.of(
                            "*/*",
                            stage.methodSettings().get("*/*").toBuilder()
                                .loggingLevel("INFO")
                                .metricsEnabled(true)
                                .build()))
                    .build());

    assertFalse(plan(seed, setByHand).hasChanges());
  }
}
