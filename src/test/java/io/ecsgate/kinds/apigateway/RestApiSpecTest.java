package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loading the API Gateway kinds: the seed's API, defaults, and path parameters. */
class RestApiSpecTest {

  @Test
  void theSeedApiHasTwoRoutesThroughItsVpcLinkToTheAlb() {
    DesiredState seed = Registry.loader().load(List.of(Path.of("desired-state")));

    RestApiSpec api = seed.all(RestApiSpec.class).get(0);
    assertEquals(
        "ecs-fargate-nlb",
        seed.find(VpcLinkSpec.class, "ecs-fargate-link").orElseThrow().loadBalancer().name());
    assertEquals("ecs-fargate-link", api.vpcLink().name());
    assertEquals(Optional.of("ecs-fargate-elb"), api.backend().loadBalancer().map(Ref::name));
    assertEquals(
        List.of("POST /student", "GET /student/{student_id}"),
        api.routes().stream().map(r -> r.method() + " " + r.path()).toList());
    RestApiSpec.Route get = api.routes().get(1);
    assertEquals(List.of("student_id"), get.parameters());
    assertEquals("NONE", get.authorization());
    assertEquals(Optional.empty(), get.timeoutMillis());
    assertEquals("test", api.stage().name());
    assertEquals(Map.of("env", "test"), api.stage().variables());
    assertEquals(Optional.of(new RestApiSpec.Throttling(100, 200)), api.stage().throttling());
  }

  @Test
  void pathParametersAreFoundInOrderAndAGreedyOneCountsByItsName() {
    Problems problems = new Problems();

    assertEquals(
        List.of("a", "b"), RestApiSpec.checkPath("/x/{a}/y/{b}", Mark.file("f"), problems));
    assertEquals(
        List.of("proxy"), RestApiSpec.checkPath("/svc/{proxy+}", Mark.file("f"), problems));
    assertEquals(List.of(), RestApiSpec.checkPath("/", Mark.file("f"), problems));
    assertTrue(problems.isEmpty());
  }
}
