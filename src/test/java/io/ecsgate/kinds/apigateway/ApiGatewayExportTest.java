package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.export.Document;
import io.ecsgate.export.Walk;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

class ApiGatewayExportTest {
  private static final VpcLink LINK =
      VpcLink.builder()
          .id("l1")
          .name("link")
          .targetArns("arn:aws:elasticloadbalancing:r:1:loadbalancer/net/nlb/abc")
          .build();
  private static final RestApi API = RestApi.builder().id("a1").name("api").build();
  private static final Stage STAGE =
      Stage.builder().stageName("test").variables(Map.of("token", "s3cret")).build();

  private static Resource resource(
      String path, Integration integration, Map<String, Boolean> params) {
    return Resource.builder()
        .path(path)
        .resourceMethods(
            Map.of(
                "GET",
                Method.builder()
                    .authorizationType("NONE")
                    .requestParameters(params)
                    .methodIntegration(integration)
                    .build()))
        .build();
  }

  private static Integration proxy(String uri, Map<String, String> params) {
    return Integration.builder()
        .type("HTTP_PROXY")
        .connectionType("VPC_LINK")
        .connectionId("l1")
        .uri(uri)
        .requestParameters(params)
        .build();
  }

  @Test
  void routesThroughTheLinkToALoadBalancerAreWrittenWithTheStageVariablesAsPlaceholders() {
    Walk walk = new Walk(false);
    Resource student =
        resource(
            "/student/{id}",
            proxy(
                "http://alb.example:8080/student/{id}",
                Map.of("integration.request.path.id", "method.request.path.id")),
            Map.of("method.request.path.id", true));

    Document api =
        ApiGatewayExport.restApi(
                API,
                List.of(student),
                List.of(STAGE),
                List.of(LINK),
                dns -> dns.equals("alb.example") ? Optional.of("alb") : Optional.empty(),
                walk)
            .orElseThrow();

    assertEquals("link", api.spec().get("vpcLink"));
    assertEquals(Map.of("loadBalancer", "alb", "port", 8080), api.spec().get("backend"));
    assertEquals(
        List.of(Map.of("path", "/student/{id}", "methods", List.of("GET"))),
        api.spec().get("routes"));
    assertEquals(
        Map.of("name", "test", "variables", Map.of("token", "fill-in:stage-variable-token")),
        api.spec().get("stage"));
    assertTrue(api.comments().get(0).contains("placeholders"), api.comments().toString());
    assertEquals("nlb", ApiGatewayExport.loadBalancerName(LINK.targetArns().get(0)));
  }

  @Test
  void aLambdaIntegrationLeavesTheApiOut() {
    Walk walk = new Walk(true);
    Resource lambda =
        resource(
            "/fn",
            Integration.builder().type("AWS_PROXY").uri("arn:aws:apigateway:...").build(),
            Map.of());

    assertTrue(
        ApiGatewayExport.restApi(
                API, List.of(lambda), List.of(STAGE), List.of(LINK), dns -> Optional.empty(), walk)
            .isEmpty());
    String why = walk.leftOut().get(0).toString();
    assertTrue(why.startsWith("RestApi api: GET /fn: an integration of type AWS_PROXY"), why);
  }

  @Test
  void aPathsParametersAreItsBracedNames() {
    assertEquals(List.of("a", "rest"), ApiGatewayExport.parameters("/x/{a}/y/{rest+}"));
  }
}
