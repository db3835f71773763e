package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Inventory;
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
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * The seed's REST API through a VPC link: from empty, no-op, a new route, and hand-made drift
 * repaired.
 */
@ExtendWith(Emulator.class)
class ApiGatewayIT {
  @TempDir Path dir;
  private Emulator aws;
  private ApiGatewayClient apigw;
  private Reconciler reconciler;

  @BeforeEach
  void copyTheSeed(Emulator aws) throws IOException {
    this.aws = aws;
    this.apigw = aws.clients().apiGateway();
    this.reconciler = Reconcilers.of(aws.clients());
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
  }

  @Test
  void fromEmptyApplyCreatesTheLinkTheApiBothRoutesOneDeploymentAndTheStage() {
    Cli.Result apply = Cli.against(aws, "apply", dir.toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    VpcLink link = apigw.getVpcLinks().items().get(0);
    String nlbArn =
        aws.clients()
            .elb()
            .describeLoadBalancers(r -> r.names("ecs-fargate-nlb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    assertEquals(List.of(nlbArn), link.targetArns());
    assertEquals("VpcLink/ecs-fargate-link", link.tags().get("ecsgate:resource"));
    RestApi api = api();
    String albDns =
        aws.clients()
            .elb()
            .describeLoadBalancers(r -> r.names("ecs-fargate-elb"))
            .loadBalancers()
            .get(0)
            .dnsName();
    Integration post = integration(api, "/student", "POST");
    assertEquals("http://" + albDns + "/student", post.uri());
    assertEquals(link.id(), post.connectionId(), "the VPC link id round-trips");
    assertEquals("VPC_LINK", post.connectionTypeAsString());
    assertEquals("HTTP_PROXY", post.typeAsString());
    Integration get = integration(api, "/student/{student_id}", "GET");
    assertEquals("http://" + albDns + "/student/{student_id}", get.uri());
    assertEquals(link.id(), get.connectionId());
    assertEquals(
        Map.of("integration.request.path.student_id", "method.request.path.student_id"),
        get.requestParameters());
    assertEquals(
        Map.of("method.request.path.student_id", true),
        resource(api, "/student/{student_id}").resourceMethods().get("GET").requestParameters());
    assertEquals(
        1,
        apigw.getDeployments(r -> r.restApiId(api.id())).items().size(),
        "exactly one deployment");
    Stage stage = stage(api);
    assertEquals(Map.of("env", "test"), stage.variables());
    assertEquals(100.0, stage.methodSettings().get("*/*").throttlingRateLimit());
    assertEquals(200, stage.methodSettings().get("*/*").throttlingBurstLimit());
    assertTrue(
        apigw
            .getDeployment(r -> r.restApiId(api.id()).deploymentId(stage.deploymentId()))
            .description()
            .startsWith("ecsgate sha256:"));

    Map<String, Integer> owned = Inventory.owned(aws.clients());
    assertEquals(1, owned.get("VpcLink/ecs-fargate-link"));
    assertEquals(1, owned.get("RestApi/student-api"));

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", dir.toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    Cli.Result again = Cli.against(aws, "apply", dir.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());
    assertEquals(owned, Inventory.owned(aws.clients()), "a second apply duplicates nothing");
    assertEquals(
        1, apigw.getDeployments(r -> r.restApiId(api.id())).items().size(), "and deploys nothing");
  }

  @Test
  void aNoOpApplyMakesZeroWritesAndNoDeployment() {
    converge();
    aws.calls().reset();

    converge();

    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(0, aws.calls().count("CreateDeployment"));
  }

  @Test
  void addingARouteCreatesExactlyItsResourceMethodIntegrationOneDeploymentAndOneStageUpdate()
      throws IOException {
    converge();
    Path file = dir.resolve("api.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("  stage:\n", "    - path: /course\n      methods: [GET]\n  stage:\n"));
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "ApiGateway:CreateResource",
            1L,
            "ApiGateway:PutMethod",
            1L,
            "ApiGateway:PutIntegration",
            1L,
            "ApiGateway:CreateDeployment",
            1L,
            "ApiGateway:UpdateStage",
            1L),
        aws.calls().writeCalls());
    RestApi api = api();
    assertTrue(integration(api, "/course", "GET").uri().endsWith("/course"));
    assertEquals(2, apigw.getDeployments(r -> r.restApiId(api.id())).items().size());
    assertEquals(Map.of("env", "test"), stage(api).variables(), "the stage keeps its settings");
    assertEquals(100.0, stage(api).methodSettings().get("*/*").throttlingRateLimit());
  }

  @Test
  void aMethodDeletedByHandIsRestoredAndTheApiRedeployedOnce() {
    converge();
    RestApi api = api();
    String before = stage(api).deploymentId();
    apigw.deleteMethod(
        r -> r.restApiId(api.id()).resourceId(resource(api, "/student").id()).httpMethod("POST"));
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "ApiGateway:PutMethod",
            1L,
            "ApiGateway:PutIntegration",
            1L,
            "ApiGateway:CreateDeployment",
            1L,
            "ApiGateway:UpdateStage",
            1L),
        aws.calls().writeCalls());
    assertNotNull(integration(api, "/student", "POST"));
    assertTrue(!before.equals(stage(api).deploymentId()), "the stage serves the new deployment");
  }

  @Test
  void anIntegrationUriEditedByHandIsRestored() {
    converge();
    RestApi api = api();
    Resource student = resource(api, "/student");
    Integration good = integration(api, "/student", "POST");
    apigw.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(student.id())
                .httpMethod("POST")
                .type("HTTP_PROXY")
                .connectionType("VPC_LINK")
                .connectionId(good.connectionId())
                .integrationHttpMethod("POST")
                .uri("http://elsewhere.example.com/x"));
    aws.calls().reset();

    converge();

    assertEquals(1, aws.calls().count("PutIntegration"));
    assertEquals(good.uri(), integration(api, "/student", "POST").uri());
    assertEquals(good.connectionId(), integration(api, "/student", "POST").connectionId());
  }

  @Test
  void aStageVariableChangedByHandIsRestoredWithoutANewDeployment() {
    converge();
    RestApi api = api();
    apigw.updateStage(
        r ->
            r.restApiId(api.id())
                .stageName("test")
                .patchOperations(p -> p.op("replace").path("/variables/env").value("prod")));
    aws.calls().reset();

    converge();

    assertEquals(Map.of("ApiGateway:UpdateStage", 1L), aws.calls().writeCalls());
    assertEquals(Map.of("env", "test"), stage(api).variables());
  }

  @Test
  void aVpcLinkStillPendingDefersOnlyTheRoutesToALaterPass() throws IOException {
    Path file = dir.resolve("api.yaml");
    // harness knob (patch_apigateway.py): the link reads PENDING once, as a new link does on AWS
    // for minutes
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "description: API Gateway to the internal NLB", "description: pending:1 link"));
    List<io.ecsgate.core.Plan> plans = new java.util.ArrayList<>();
    Convergence result =
        reconciler.converge(
            Registry.loader().load(List.of(dir)),
            PlanOptions.DEFAULT,
            new Convergence.Progress() {
              @Override
              public void planned(io.ecsgate.core.Plan plan, int pass) {
                plans.add(plan);
              }

              @Override
              public void outcome(io.ecsgate.core.Outcome outcome) {}
            });

    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
    assertEquals(3, plans.size());
    io.ecsgate.core.Plan whilePending = plans.get(1);
    assertTrue(
        whilePending.waits().stream()
            .anyMatch(w -> w.why().contains("wait for VPC link ecs-fargate-link to be AVAILABLE")),
        whilePending.waits().toString());
    assertTrue(
        whilePending.actions().stream().anyMatch(a -> a.kind().equals("NlbTargets")),
        "other work goes on: " + whilePending.actions());
    assertTrue(
        whilePending.actions().stream()
            .noneMatch(a -> a.kind().equals("Deployment") || a.name().contains("/student")),
        whilePending.actions().toString());
    assertTrue(plans.get(2).actions().stream().anyMatch(a -> a.kind().equals("Deployment")));
    assertEquals(
        apigw.getVpcLinks().items().get(0).id(),
        integration(api(), "/student", "POST").connectionId());
  }

  @Test
  void anApiMadeByHandIsUntouchedEvenWithPrune() {
    String foreign = apigw.createRestApi(r -> r.name("hand-made")).id();
    String root = apigw.getResources(r -> r.restApiId(foreign)).items().get(0).id();
    apigw.putMethod(
        r -> r.restApiId(foreign).resourceId(root).httpMethod("GET").authorizationType("NONE"));
    apigw.putIntegration(
        r ->
            r.restApiId(foreign)
                .resourceId(root)
                .httpMethod("GET")
                .type("HTTP_PROXY")
                .integrationHttpMethod("GET")
                .uri("http://example.com"));
    converge();
    aws.calls().reset();

    Convergence pruning =
        reconciler.converge(
            Registry.loader().load(List.of(dir)),
            PlanOptions.DEFAULT.withPrune(true),
            Convergence.Progress.SILENT);

    assertTrue(pruning.succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(
        "http://example.com",
        apigw.getIntegration(r -> r.restApiId(foreign).resourceId(root).httpMethod("GET")).uri());
  }

  @Test
  void anUndeclaredApiAndLinkArePrunedApiFirst() throws IOException {
    converge();
    Files.delete(dir.resolve("api.yaml"));
    aws.calls().reset();

    Convergence pruning =
        reconciler.converge(
            Registry.loader().load(List.of(dir)),
            PlanOptions.DEFAULT.withPrune(true),
            Convergence.Progress.SILENT);

    assertTrue(pruning.succeeded(), String.valueOf(pruning.lastPlan()));
    // each inventory entry removed right after its resource's delete
    assertEquals(
        List.of("DeleteRestApi", "DeleteItem", "DeleteVpcLink", "DeleteItem"),
        aws.calls().writeOrder());
    assertEquals(List.of(), apigw.getRestApis().items());
    assertEquals(List.of(), apigw.getVpcLinks().items());
  }

  @Test
  void requiringIamOnARouteIsOneUpdateMethodAndOneRedeployment() throws IOException {
    converge();
    Path file = dir.resolve("api.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "      methods: [POST]\n",
                "      methods: [POST]\n      authorization: AWS_IAM\n"));
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "ApiGateway:UpdateMethod",
            1L,
            "ApiGateway:CreateDeployment",
            1L,
            "ApiGateway:UpdateStage",
            1L),
        aws.calls().writeCalls());
    assertEquals(
        "AWS_IAM", resource(api(), "/student").resourceMethods().get("POST").authorizationType());
  }

  @Test
  void aNewIntegrationTimeoutIsOnePutIntegrationAndOneRedeployment() throws IOException {
    converge();
    Path file = dir.resolve("api.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "      target: /student\n", "      target: /student\n      timeoutMillis: 5000\n"));
    aws.calls().reset();

    converge();

    assertEquals(
        Map.of(
            "ApiGateway:PutIntegration",
            1L,
            "ApiGateway:CreateDeployment",
            1L,
            "ApiGateway:UpdateStage",
            1L),
        aws.calls().writeCalls());
    Integration post = integration(api(), "/student", "POST");
    assertEquals(5000, post.timeoutInMillis());
    assertEquals(
        apigw.getVpcLinks().items().get(0).id(),
        post.connectionId(),
        "PutIntegration keeps the VPC link");
  }

  @Test
  void routeThrottlingIsAStageSettingThatNeitherRedeploysNorWipesSettingsSetByHand()
      throws IOException {
    converge();
    RestApi api = api();
    apigw.updateStage(
        r ->
            r.restApiId(api.id())
                .stageName("test")
                .patchOperations(p -> p.op("replace").path("/*/*/metrics/enabled").value("true")));
    Path file = dir.resolve("api.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "      target: /student/{student_id}\n",
                "      target: /student/{student_id}\n      throttling: {rateLimit: 5, burstLimit: 10}\n"));
    aws.calls().reset();

    converge();

    assertEquals(Map.of("ApiGateway:UpdateStage", 1L), aws.calls().writeCalls());
    var settings = apigw.getStage(r -> r.restApiId(api.id()).stageName("test")).methodSettings();
    assertEquals(5.0, settings.get("~1student~1{student_id}/GET").throttlingRateLimit());
    assertEquals(10, settings.get("~1student~1{student_id}/GET").throttlingBurstLimit());
    assertEquals(
        true, settings.get("*/*").metricsEnabled(), "a setting ecsgate does not manage is kept");
    assertEquals(100.0, settings.get("*/*").throttlingRateLimit());
  }

  private void converge() {
    DesiredState desired = Registry.loader().load(List.of(dir));
    Convergence result =
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
  }

  private RestApi api() {
    List<RestApi> apis = apigw.getRestApis().items();
    assertEquals(1, apis.size());
    return apis.get(0);
  }

  private Resource resource(RestApi api, String path) {
    return apigw.getResources(r -> r.restApiId(api.id()).embed("methods")).items().stream()
        .filter(r -> r.path().equals(path))
        .findFirst()
        .orElseThrow();
  }

  private Integration integration(RestApi api, String path, String method) {
    return resource(api, path).resourceMethods().get(method).methodIntegration();
  }

  private Stage stage(RestApi api) {
    var stage = apigw.getStage(r -> r.restApiId(api.id()).stageName("test"));
    return Stage.builder()
        .deploymentId(stage.deploymentId())
        .variables(stage.variables())
        .methodSettings(stage.methodSettings())
        .build();
  }
}
