package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.Ownership;
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
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * The API Gateway half of the walk-through built by hand (a VPC link to the NLB, the REST API with
 * its two routes deployed to stage {@code test}), taken over with {@code adopt: true}: tagged, then
 * reconciled like one ecsgate created; and tags declared after creation applied.
 */
@ExtendWith(Emulator.class)
class ApiGatewayAdoptionIT {
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
  void aHandMadeLinkAndApiAreAdoptedInPlaceThenRepairedAndLeftAlone() throws IOException {
    Path api = dir.resolve("api.yaml");
    String apiYaml = Files.readString(api);
    Files.delete(api);
    converge(); // the load balancers, services ...: everything but API Gateway
    HandMade handMade = buildTheApiGatewayHalfByHand();
    Files.writeString(
        api,
        apiYaml
            .replace("  name: ecs-fargate-link\n", "  name: ecs-fargate-link\n  adopt: true\n")
            .replace("  name: student-api\n", "  name: student-api\n  adopt: true\n"));
    String handMadeDeployment =
        apigw.getStage(r -> r.restApiId(handMade.apiId()).stageName("test")).deploymentId();
    aws.calls().reset();

    converge();

    Map<String, Long> writes = aws.calls().writeCalls();
    // the link, the API, and the stage: its hand-made deployment's hash recorded
    assertEquals(3L, writes.get("ApiGateway:TagResource"), writes.toString());
    assertTrue(
        writes.keySet().stream().noneMatch(w -> w.endsWith("CreateDeployment")),
        "the hand-made deployment serves the declared routes: not deployed again: " + writes);
    assertTrue(
        writes.keySet().stream()
            .noneMatch(w -> w.endsWith("CreateVpcLink") || w.endsWith("CreateRestApi")),
        "nothing is created again: " + writes);
    VpcLink link = apigw.getVpcLinks().items().get(0);
    assertEquals(handMade.linkId(), link.id());
    assertEquals("VpcLink/ecs-fargate-link", link.tags().get(Ownership.RESOURCE));
    assertEquals("ecsgate", link.tags().get(Ownership.MANAGED_BY));
    RestApi adopted = onlyApi();
    assertEquals(handMade.apiId(), adopted.id());
    assertEquals("RestApi/student-api", adopted.tags().get(Ownership.RESOURCE));
    assertEquals("hand", adopted.tags().get("made-by"), "tags ecsgate does not manage are kept");
    // reconciled like its own: the declared description, the stage's settings and the recorded hash
    assertEquals("Students service, through the VPC link", adopted.description());
    var stage = apigw.getStage(r -> r.restApiId(handMade.apiId()).stageName("test"));
    assertEquals(Map.of("env", "test"), stage.variables());
    assertEquals(handMadeDeployment, stage.deploymentId());
    assertTrue(
        stage.tags().get("ecsgate:content").startsWith(handMadeDeployment + " "),
        stage.tags().toString());
    assertEquals(
        handMade.studentResource(),
        resource(handMade.apiId(), "/student").id(),
        "the hand-made routes are kept: they are the declared ones");

    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls(), "a no-op cycle writes nothing");

    apigw.updateRestApi(
        r ->
            r.restApiId(handMade.apiId())
                .patchOperations(p -> p.op("replace").path("/description").value("by hand")));
    aws.calls().reset();
    converge();
    assertEquals(Map.of("ApiGateway:UpdateRestApi", 1L), aws.calls().writeCalls());
    assertEquals("Students service, through the VPC link", onlyApi().description());

    // the record names the adopted deployment: a stage pointed at another one by hand is deployed
    // again, with ecsgate's hash
    String other = apigw.createDeployment(r -> r.restApiId(handMade.apiId())).id();
    apigw.updateStage(
        r ->
            r.restApiId(handMade.apiId())
                .stageName("test")
                .patchOperations(p -> p.op("replace").path("/deploymentId").value(other)));
    aws.calls().reset();
    converge();
    assertEquals(
        Map.of("ApiGateway:CreateDeployment", 1L, "ApiGateway:UpdateStage", 1L),
        aws.calls().writeCalls());
    String now =
        apigw.getStage(r -> r.restApiId(handMade.apiId()).stageName("test")).deploymentId();
    assertTrue(
        apigw
            .getDeployment(r -> r.restApiId(handMade.apiId()).deploymentId(now))
            .description()
            .startsWith("ecsgate sha256:"));
  }

  @Test
  void tagsDeclaredAfterCreationAreOneTagResourceEachAndATagRemovedByHandComesBack()
      throws IOException {
    converge();
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        Files.readString(api)
            .replace(
                "  description: API Gateway to the internal NLB\n",
                "  description: API Gateway to the internal NLB\n  tags: {team: edge}\n")
            .replace(
                "    throttling: {rateLimit: 100, burstLimit: 200}\n",
                """
                    throttling: {rateLimit: 100, burstLimit: 200}
                  tags: {team: edge, cost-centre: "42"}
                """));
    aws.calls().reset();

    converge();

    assertEquals(Map.of("ApiGateway:TagResource", 2L), aws.calls().writeCalls());
    assertEquals("edge", apigw.getVpcLinks().items().get(0).tags().get("team"));
    assertEquals("42", onlyApi().tags().get("cost-centre"));
    aws.calls().reset();
    converge();
    assertEquals(Map.of(), aws.calls().writeCalls());

    String apiArn = "arn:aws:apigateway:" + Emulator.REGION + "::/restapis/" + onlyApi().id();
    apigw.untagResource(r -> r.resourceArn(apiArn).tagKeys("team"));
    aws.calls().reset();
    converge();
    assertEquals(Map.of("ApiGateway:TagResource", 1L), aws.calls().writeCalls());
    assertEquals("edge", onlyApi().tags().get("team"));
  }

  @Test
  void withoutAdoptTheHandMadeHalfStaysBlockedAndUntouched() throws IOException {
    Path api = dir.resolve("api.yaml");
    String apiYaml = Files.readString(api);
    Files.delete(api);
    converge();
    HandMade handMade = buildTheApiGatewayHalfByHand();
    Files.writeString(api, apiYaml);
    aws.calls().reset();

    Convergence result =
        reconciler.converge(
            Registry.loader().load(List.of(dir)), PlanOptions.DEFAULT, Convergence.Progress.SILENT);

    assertTrue(!result.succeeded(), "blocked");
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(Map.of("made-by", "hand"), onlyApi().tags());
    assertEquals(handMade.linkId(), apigw.getVpcLinks().items().get(0).id());
  }

  private record HandMade(String linkId, String apiId, String studentResource) {}

  /** The walk-through's steps in the console: the link, the API, its two routes, stage test. */
  private HandMade buildTheApiGatewayHalfByHand() {
    var elb = aws.clients().elb();
    String nlbArn =
        elb.describeLoadBalancers(r -> r.names("ecs-fargate-nlb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String albDns =
        elb.describeLoadBalancers(r -> r.names("ecs-fargate-elb")).loadBalancers().get(0).dnsName();
    String linkId = apigw.createVpcLink(r -> r.name("ecs-fargate-link").targetArns(nlbArn)).id();
    String apiId =
        apigw
            .createRestApi(
                r ->
                    r.name("student-api")
                        .description("made in the console")
                        .endpointConfiguration(e -> e.typesWithStrings("REGIONAL"))
                        .tags(Map.of("made-by", "hand")))
            .id();
    String root = apigw.getResources(r -> r.restApiId(apiId)).items().get(0).id();
    String student =
        apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("student")).id();
    String studentId =
        apigw
            .createResource(r -> r.restApiId(apiId).parentId(student).pathPart("{student_id}"))
            .id();
    method(apiId, student, "POST", Map.of(), Map.of(), "http://" + albDns + "/student", linkId);
    method(
        apiId,
        studentId,
        "GET",
        Map.of("method.request.path.student_id", true),
        Map.of("integration.request.path.student_id", "method.request.path.student_id"),
        "http://" + albDns + "/student/{student_id}",
        linkId);
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("test"));
    return new HandMade(linkId, apiId, student);
  }

  private void method(
      String apiId,
      String resourceId,
      String verb,
      Map<String, Boolean> methodParameters,
      Map<String, String> integrationParameters,
      String uri,
      String linkId) {
    apigw.putMethod(
        r ->
            r.restApiId(apiId)
                .resourceId(resourceId)
                .httpMethod(verb)
                .authorizationType("NONE")
                .requestParameters(methodParameters.isEmpty() ? null : methodParameters));
    apigw.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(resourceId)
                .httpMethod(verb)
                .type("HTTP_PROXY")
                .connectionType("VPC_LINK")
                .connectionId(linkId)
                .integrationHttpMethod(verb)
                .uri(uri)
                .requestParameters(integrationParameters.isEmpty() ? null : integrationParameters)
                .timeoutInMillis(29000));
  }

  private void converge() {
    Convergence result =
        reconciler.converge(
            Registry.loader().load(List.of(dir)), PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
  }

  private RestApi onlyApi() {
    List<RestApi> apis = apigw.getRestApis().items();
    assertEquals(1, apis.size(), apis.toString());
    return apis.get(0);
  }

  private Resource resource(String apiId, String path) {
    return apigw.getResources(r -> r.restApiId(apiId)).items().stream()
        .filter(r -> r.path().equals(path))
        .findFirst()
        .orElseThrow();
  }
}
