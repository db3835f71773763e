package io.ecsgate.kinds.apigateway;

import static io.ecsgate.testing.Validation.assertReports;
import static io.ecsgate.testing.Validation.edit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of a REST API, at its boundary: one edit of a valid stack per row, and the
 * one problem it must report (none: at or inside the limit).
 */
class RestApiValidationTest {
  private static final String STACK =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: nlb}
      spec:
        type: network
        subnets: [subnet-a]
      ---
      apiVersion: ecsgate/v1
      kind: VpcLink
      metadata: {name: link}
      spec: {loadBalancer: nlb}
      ---
      apiVersion: ecsgate/v1
      kind: RestApi
      metadata: {name: api}
      spec:
        vpcLink: link
        backend: {loadBalancer: nlb}
        routes:
          - path: /items/{id}
            methods: [GET]
            target: /items/{id}
        stage: {name: test, variables: {env: test}}
      """;

  private static final String BACKEND = "backend: {loadBalancer: nlb}";
  private static final String ROUTE = "path: /items/{id}";
  private static final String ROUTES =
      "path: /items/{id}\n      methods: [GET]\n      target: /items/{id}";
  private static final String GREEDY =
      "path: '/items/{id+}'\n      methods: [GET]\n      target: '/items/{id+}'";
  private static final String STAGE = "stage: {name: test, variables: {env: test}}";

  private static Arguments row(String problem, String from, String to) {
    return Arguments.of(from, to, problem);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        row("metadata.name", "metadata: {name: api}", "metadata: {name: 'a pi'}"),
        row(null, BACKEND, "backend: {url: 'http://backend.example:8080'}"),
        row(null, BACKEND, "backend: {loadBalancer: nlb, port: 8080}"),
        row("backend takes one of loadBalancer or url", BACKEND, "backend: {}"),
        row(
            "backend takes one of loadBalancer or url",
            BACKEND,
            "backend: {loadBalancer: nlb, url: 'http://b.example'}"),
        row(
            "backend.url must be http(s)://host[:port] without a path",
            BACKEND,
            "backend: {url: 'http://b.example/path'}"),
        row(
            "backend.port goes with loadBalancer",
            BACKEND,
            "backend: {url: 'http://b.example', port: 80}"),
        row("unknown key 'x'", BACKEND, "backend: {loadBalancer: nlb, x: 1}"),
        row(
            "spec is missing required key 'routes'",
            "  routes:\n    - path: /items/{id}\n      methods: [GET]\n      target: /items/{id}\n",
            ""),
        row("route is missing required key 'methods'", "      methods: [GET]\n", ""),
        row("method GET is listed twice", "methods: [GET]", "methods: [GET, GET]"),
        row(null, "methods: [GET]", "methods: [GET, POST]"),
        row(
            "route GET /items/{id} is declared twice",
            "      target: /items/{id}\n",
            "      target: /items/{id}\n    - {path: '/items/{id}', methods: [GET]}\n"),
        row("target must start with '/'", "target: /items/{id}", "target: items/{id}"),
        row(null, "target: /items/{id}", "target: '/all/{id}'"),
        row(
            "target uses {other}, which path /items/{id} does not have (it has id)",
            "target: /items/{id}",
            "target: '/items/{other}'"),
        row(
            "target uses {x}, which path /items does not have",
            ROUTES,
            "path: /items\n      methods: [GET]\n      target: '/items/{x}'"),
        row(null, ROUTES, GREEDY),
        row("greedy parameter {id+} must be the last segment", ROUTE, "path: '/items/{id+}/x'"),
        row(
            "path must not end with '/'",
            ROUTES,
            "path: /items/\n      methods: [GET]\n      target: /items"),
        row("has an empty segment", ROUTE, "path: /items//{id}"),
        row("has characters API Gateway does not accept", ROUTE, "path: '/it ems/{id}'"),
        row(null, ROUTE, "path: '/{id}'"),
        row(
            null,
            "      target: /items/{id}\n",
            "      target: /items/{id}\n      timeoutMillis: 50\n"),
        row(
            null,
            "      target: /items/{id}\n",
            "      target: /items/{id}\n      timeoutMillis: 29000\n"),
        row(
            "timeoutMillis must be between 50 and 29000",
            "      target: /items/{id}\n",
            "      target: /items/{id}\n      timeoutMillis: 49\n"),
        row(
            null,
            "      target: /items/{id}\n",
            "      target: /items/{id}\n      throttling: {rateLimit: 10000, burstLimit: 5000}\n"),
        row(
            "unknown key 'x'",
            "      target: /items/{id}\n",
            "      target: /items/{id}\n      throttling: {rateLimit: 1, burstLimit: 1, x: 1}\n"),
        row(
            null,
            STAGE,
            "stage: {name: test_1, description: d, tracing: true, throttling: {rateLimit: 1, burstLimit: 2}}"),
        row("stage name 'te-st' is invalid", STAGE, "stage: {name: te-st}"),
        row(
            "stage variable name 'a-b' is invalid",
            STAGE,
            "stage: {name: test, variables: {a-b: x}}"),
        row("unknown key 'x'", STAGE, "stage: {name: test, x: 1}"),
        row("no VpcLink named 'nothing' is declared", "vpcLink: link", "vpcLink: nothing"),
        row("no LoadBalancer named 'none' is declared", BACKEND, "backend: {loadBalancer: none}"),
        row("spec takes one of vpcLink or vpcLinkV2", "  vpcLink: link\n", ""),
        row(
            "spec takes one of vpcLink or vpcLinkV2",
            "vpcLink: link",
            "vpcLink: link\n  vpcLinkV2: link"),
        row(
            "path must start with '/', got 'items'",
            ROUTES,
            "path: items\n      methods: [GET]\n      target: /items"),
        row(
            "path parameter {id} appears twice in '/items/{id}/{id}'",
            ROUTES,
            "path: '/items/{id}/{id}'\n      methods: [GET]\n      target: /items/{id}"),
        row(
            "path segment 'x{id}' ",
            ROUTES,
            "path: '/items/x{id}'\n      methods: [GET]\n      target: /items"),
        row("unknown HTTP method 'FETCH'", "methods: [GET]", "methods: [FETCH]"),
        row(null, "methods: [GET]", "methods: [ANY]"),
        row(
            "stage variable 'env' has a value API Gateway rejects",
            STAGE,
            "stage: {name: test, variables: {env: 'a b'}}"),
        row(
            "unknown key 'x'",
            STAGE,
            "stage:\n    name: test\n    accessLogs: {destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:api',"
                + " format: '$context.requestId', x: 1}"),
        row(
            null,
            STAGE,
            "stage:\n    name: test\n    accessLogs: {destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:api',"
                + " format: '$context.extendedRequestId'}"));
  }

  /** The same API through a VPC link V2 to an application load balancer's listener on port 80. */
  private static final String V2_STACK =
      """
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: alb}
      spec:
        type: application
        subnets: [subnet-a, subnet-b]
        listeners:
          - port: 80
            protocol: HTTP
            defaultAction:
              fixedResponse: {statusCode: 404, contentType: text/plain, messageBody: x}
      ---
      apiVersion: ecsgate/v1
      kind: LoadBalancer
      metadata: {name: nlb}
      spec:
        type: network
        subnets: [subnet-a]
      ---
      apiVersion: ecsgate/v1
      kind: VpcLinkV2
      metadata: {name: link2}
      spec: {subnets: [subnet-a]}
      ---
      apiVersion: ecsgate/v1
      kind: RestApi
      metadata: {name: api}
      spec:
        vpcLinkV2: link2
        backend: {loadBalancer: alb}
        routes:
          - {path: /items, methods: [GET], target: /items}
        stage: {name: test}
      """;

  static Stream<Arguments> v2Rules() {
    String backend = "backend: {loadBalancer: alb}";
    return Stream.of(
        row(null, backend, backend),
        row(null, backend, "backend: {loadBalancer: alb, port: 80}"),
        row(
            "load balancer 'alb' declares no listener on port 8080",
            backend,
            "backend: {loadBalancer: alb, port: 8080}"),
        row(
            "a REST API through vpcLinkV2 reaches an application load balancer; 'nlb' is network",
            backend,
            "backend: {loadBalancer: nlb}"),
        row(
            "vpcLinkV2 reaches a load balancer's listener: its backend names loadBalancer, not url",
            backend,
            "backend: {url: 'http://b.example'}"),
        row("no VpcLinkV2 named 'nothing' is declared", "vpcLinkV2: link2", "vpcLinkV2: nothing"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("v2Rules")
  void eachRuleOfAnApiThroughAVpcLinkV2HoldsAtItsBoundary(String from, String to, String problem) {
    assertReports(edit(V2_STACK, from, to), problem);
  }

  @Test
  void anApiThroughAVpcLinkV2NamesItsLinkAndReachesItsListenersPort() {
    RestApiSpec api =
        Fixtures.desired(
                edit(
                    V2_STACK,
                    "backend: {loadBalancer: alb}",
                    "backend: {loadBalancer: alb, port: 80}"))
            .all(RestApiSpec.class)
            .get(0);
    assertEquals(true, api.throughV2());
    assertEquals("link2", api.vpcLink().name());
    assertEquals(VpcLinkV2Spec.KIND, api.vpcLinkKind());
    assertEquals(80, api.backendPort());
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rules")
  void eachRuleHoldsAtItsBoundary(String from, String to, String problem) {
    assertReports(edit(STACK, from, to), problem);
  }

  @Test
  void aGreedyParameterIsNamedWithoutItsPlus() {
    RestApiSpec api = Fixtures.desired(edit(STACK, ROUTES, GREEDY)).all(RestApiSpec.class).get(0);
    assertEquals(List.of("id"), api.routes().get(0).parameters());
  }
}
