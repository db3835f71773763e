package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
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
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * examples/vpc-link-v2/: the REST API through a VPC link V2 to the ALB's listener, from empty; a
 * no-op cycle writes nothing; an integration pointed elsewhere by hand is put back with one
 * PutIntegration (and the API redeployed once); a declared subnet change is blocked; the link is
 * deleted only with --prune.
 */
@ExtendWith(Emulator.class)
class VpcLinkV2IT {
  @TempDir Path dir;
  private Emulator aws;
  private ApiGatewayClient apigw;
  private Reconciler reconciler;

  @BeforeEach
  void copyTheExample(Emulator aws) throws IOException {
    this.aws = aws;
    this.apigw = aws.clients().apiGateway();
    this.reconciler = Reconcilers.of(aws.clients());
    Path example = Emulator.seed().resolveSibling("examples").resolve("vpc-link-v2");
    for (Path file : Files.list(example).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
  }

  @Test
  void fromEmptyTheLinkIsInTheSubnetsAndEveryIntegrationTargetsTheAlbListener() {
    Cli.Result apply = Cli.against(aws, "apply", dir.toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    VpcLink link = link();
    assertEquals(
        subnetIds("private-subnet-a", "private-subnet-b"), new TreeSet<>(link.subnetIds()));
    assertEquals("VpcLinkV2/ecs-fargate-link-v2", link.tags().get("ecsgate:resource"));
    assertEquals("ecsgate", link.tags().get("ecsgate:managed-by"));
    assertEquals(List.of(), apigw.getVpcLinks().items(), "no V1 link, no NLB");
    RestApi api = api();
    for (String[] route : new String[][] {{"/student", "POST"}, {"/student/{student_id}", "GET"}}) {
      Integration integration = integration(api, route[0], route[1]);
      assertEquals("VPC_LINK", integration.connectionTypeAsString());
      assertEquals(link.vpcLinkId(), integration.connectionId(), "the V2 link's id");
      assertEquals(albListener80(), integration.integrationTarget(), "the ALB's listener");
      assertTrue(integration.uri().startsWith("http://" + albDns() + "/student"));
    }

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", dir.toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
  }

  @Test
  void aNoOpCycleMakesZeroWrites() {
    converge(PlanOptions.DEFAULT);
    aws.calls().reset();

    converge(PlanOptions.DEFAULT);

    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  @Test
  void anIntegrationPointedAtTheAlbItselfByHandIsPutBackOnTheListenerWithOnePutIntegration() {
    converge(PlanOptions.DEFAULT);
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
                .uri(good.uri())
                .integrationTarget(albArn()));
    assertEquals(albArn(), integration(api, "/student", "POST").integrationTarget());
    aws.calls().reset();

    converge(PlanOptions.DEFAULT);

    // the one integration, and the redeployment of the changed API (as for any route repaired)
    assertEquals(
        Map.of(
            "ApiGateway:PutIntegration",
            1L,
            "ApiGateway:CreateDeployment",
            1L,
            "ApiGateway:UpdateStage",
            1L),
        aws.calls().writeCalls());
    assertEquals(albListener80(), integration(api, "/student", "POST").integrationTarget());
    assertEquals(good.connectionId(), integration(api, "/student", "POST").connectionId());
  }

  @Test
  void aDeclaredSubnetChangeIsBlockedAndWritesNothing() throws IOException {
    converge(PlanOptions.DEFAULT);
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        Files.readString(api)
            .replace(
                "subnets: [private-subnet-a, private-subnet-b]",
                "subnets: [public-subnet-a, public-subnet-b]"));
    aws.calls().reset();

    Cli.Result apply = Cli.against(aws, "apply", dir.toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(
        apply
            .out()
            .contains("differs in subnets; a link's subnets and security groups cannot change"),
        apply.out());
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(
        subnetIds("private-subnet-a", "private-subnet-b"), new TreeSet<>(link().subnetIds()));
  }

  @Test
  void anUndeclaredLinkIsDeletedOnlyWithPrune() throws IOException {
    converge(PlanOptions.DEFAULT);
    Files.delete(dir.resolve("api.yaml")); // the link and the API that uses it
    String id = link().vpcLinkId();

    converge(PlanOptions.DEFAULT);
    assertEquals(id, link().vpcLinkId(), "without --prune the link stays");

    aws.calls().reset();
    converge(new PlanOptions(true, PlanOptions.DEFAULT_MAX_DELETES));
    assertEquals(List.of(), aws.clients().apiGatewayV2().getVpcLinks(r -> {}).items());
    assertEquals(1L, aws.calls().writeCalls().get("ApiGatewayV2:DeleteVpcLink"));
  }

  @Test
  void adoptTrueTakesOverALinkMadeByHandWithOneTagResource() throws IOException {
    List<String> groups =
        aws
            .clients()
            .ec2()
            .describeSecurityGroups(
                r ->
                    r.filters(
                        Filter.builder().name("tag:Name").values("ecs-fargate-elb-grp").build()))
            .securityGroups()
            .stream()
            .map(g -> g.groupId())
            .toList();
    assertEquals(1, groups.size(), groups.toString());
    String byHand =
        aws.clients()
            .apiGatewayV2()
            .createVpcLink(
                r ->
                    r.name("ecs-fargate-link-v2")
                        .subnetIds(subnetIds("private-subnet-a", "private-subnet-b"))
                        .securityGroupIds(groups))
            .vpcLinkId();
    Path api = dir.resolve("api.yaml");
    Files.writeString(
        api,
        Files.readString(api)
            .replace(
                "  name: ecs-fargate-link-v2\n", "  name: ecs-fargate-link-v2\n  adopt: true\n"));
    aws.calls().reset();

    converge(PlanOptions.DEFAULT);

    VpcLink link = link();
    assertEquals(byHand, link.vpcLinkId(), "taken over, not made again");
    assertEquals("VpcLinkV2/ecs-fargate-link-v2", link.tags().get("ecsgate:resource"));
    assertEquals("ecsgate", link.tags().get("ecsgate:managed-by"));
    assertEquals(1L, aws.calls().writeCalls().get("ApiGatewayV2:TagResource"));
    assertEquals(null, aws.calls().writeCalls().get("ApiGatewayV2:CreateVpcLink"));
  }

  private void converge(PlanOptions options) {
    DesiredState desired = Registry.loader().load(List.of(dir));
    Convergence result = reconciler.converge(desired, options, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
  }

  private VpcLink link() {
    List<VpcLink> links = aws.clients().apiGatewayV2().getVpcLinks(r -> {}).items();
    assertEquals(1, links.size(), links.toString());
    return links.get(0);
  }

  private TreeSet<String> subnetIds(String... names) {
    TreeSet<String> ids = new TreeSet<>();
    aws.clients()
        .ec2()
        .describeSubnets(r -> r.filters(Filter.builder().name("tag:Name").values(names).build()))
        .subnets()
        .forEach(s -> ids.add(s.subnetId()));
    assertEquals(names.length, ids.size());
    return ids;
  }

  private String albArn() {
    return aws.clients()
        .elb()
        .describeLoadBalancers(r -> r.names("ecs-fargate-elb"))
        .loadBalancers()
        .get(0)
        .loadBalancerArn();
  }

  private String albDns() {
    return aws.clients()
        .elb()
        .describeLoadBalancers(r -> r.names("ecs-fargate-elb"))
        .loadBalancers()
        .get(0)
        .dnsName();
  }

  private String albListener80() {
    return aws
        .clients()
        .elb()
        .describeListeners(r -> r.loadBalancerArn(albArn()))
        .listeners()
        .stream()
        .filter(l -> l.port() == 80)
        .findFirst()
        .orElseThrow()
        .listenerArn();
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
}
