package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.JsonSchemas;
import io.ecsgate.testing.Models;
import io.ecsgate.testing.Reconcilers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

@ExtendWith(Emulator.class)
class ExportIT {
  private static final Set<String> ELB_KINDS =
      Set.of(LoadBalancerSpec.KIND, TargetGroupSpec.KIND, ListenerRuleSpec.KIND);
  private static final Set<String> EXPORTED_KINDS =
      Set.of(
          ClusterSpec.KIND,
          ServiceSpec.KIND,
          VpcLinkSpec.KIND,
          RestApiSpec.KIND,
          LoadBalancerSpec.KIND,
          TargetGroupSpec.KIND,
          ListenerRuleSpec.KIND);

  @Test
  void exportOfTheStackEcsgateBuiltMeansWhatItWasBuiltFrom(Emulator aws, @TempDir Path dir)
      throws Exception {
    Cli.Result apply = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    Path out = dir.resolve("exported");

    // the cluster reaches its services, their task definitions, scaling and groups; the NLB its
    // group of ALB IPs, the ALB, its rules
    Cli.Result export =
        Cli.against(
            aws,
            "export",
            "--cluster",
            "ecs-fargate-cluster",
            "--load-balancer",
            "ecs-fargate-nlb",
            "--rest-api",
            "student-api",
            "--include-values",
            "--out",
            out.toString());

    assertEquals(0, export.exitCode(), export.out() + export.err());
    DesiredState original = Registry.loader().load(List.of(Emulator.seed()));
    DesiredState exported = Registry.loader().load(List.of(out));
    assertEquals(Models.of(original, EXPORTED_KINDS), Models.of(exported, EXPORTED_KINDS));
    assertEquals(
        Set.of(
            "clusters.yaml",
            "services.yaml",
            "vpc-links.yaml",
            "rest-apis.yaml",
            "load-balancers.yaml",
            "target-groups.yaml",
            "listener-rules.yaml"),
        Set.of(out.toFile().list()));
    assertTrue(
        Files.readString(out.resolve("load-balancers.yaml")).contains("adopt: true"),
        Files.readString(out.resolve("load-balancers.yaml")));
    System.out.println(Files.readString(out.resolve("rest-apis.yaml")));
    assertEquals(List.of(), schemaErrors(out), "the output passes the desired state's JSON Schema");

    // export reads, never writes: the same walk on the harness's counted clients
    aws.calls().reset();
    Registry.exporter(aws.clients(), new io.ecsgate.core.Ownership("ecsgate"))
        .export(
            List.of(
                new io.ecsgate.export.Reach(ClusterSpec.KIND, "ecs-fargate-cluster"),
                new io.ecsgate.export.Reach(LoadBalancerSpec.KIND, "ecs-fargate-nlb"),
                new io.ecsgate.export.Reach(RestApiSpec.KIND, "student-api")),
            true);
    assertEquals(Map.of(), aws.calls().writeCalls());
    System.out.println(
        "export of the seed stack reads: "
            + aws.calls().snapshot()
            + " total "
            + aws.calls().reads());

    // without --include-values, environment values are placeholders, said in a comment
    Path placeholders = dir.resolve("placeholders");
    Cli.Result withPlaceholders =
        Cli.against(
            aws,
            "export",
            "--cluster",
            "ecs-fargate-cluster",
            "--rest-api",
            "student-api",
            "--out",
            placeholders.toString());
    assertEquals(0, withPlaceholders.exitCode(), withPlaceholders.err());
    String services = Files.readString(placeholders.resolve("services.yaml"));
    assertTrue(services.contains("SERVICE_NAME: fill-in:demo1-SERVICE_NAME"), services);
    assertTrue(services.contains("# environment values are placeholders"), services);
    assertTrue(!services.contains("SERVICE_NAME: demo1"), services);
    String apis = Files.readString(placeholders.resolve("rest-apis.yaml"));
    assertTrue(apis.contains("env: fill-in:stage-variable-env"), apis);
    assertTrue(apis.contains("# stage variables are placeholders"), apis);
  }

  @Test
  void aLoadBalancingEdgeBuiltByHandIsExportedThenAdoptedWithItsTagsAloneAndRepairedAfter(
      Emulator aws, @TempDir Path dir) throws Exception {
    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    String listener = buildTheEdgeByHand(aws, elb);
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(30)
                .conditions(
                    RuleCondition.builder()
                        .field("http-request-method")
                        .httpRequestMethodConfig(m -> m.values("GET"))
                        .build())
                .actions(forward(elb, "ecs-fargate-demo2-tg")));
    Path out = dir.resolve("exported");

    Cli.Result export =
        Cli.against(aws, "export", "--load-balancer", "ecs-fargate-nlb", "--out", out.toString());

    // the rule on the request method cannot be declared: listed, left out, exit 2
    assertEquals(2, export.exitCode(), export.out() + export.err());
    assertTrue(
        export.err().contains("left out: ListenerRule ecs-fargate-elb:80 priority 30: conditions"),
        export.err());
    assertEquals(List.of(), schemaErrors(out));
    DesiredState exported = Registry.loader().load(List.of(out));
    assertEquals(
        Set.of(
            "LoadBalancer/ecs-fargate-elb",
            "LoadBalancer/ecs-fargate-nlb",
            "TargetGroup/ecs-fargate-demo1-tg",
            "TargetGroup/ecs-fargate-demo2-tg",
            "TargetGroup/ecs-fargate-nlb-group",
            "ListenerRule/ecs-fargate-elb-80-10",
            "ListenerRule/ecs-fargate-elb-80-20"),
        Models.of(exported, ELB_KINDS).keySet());
    Reconciler reconciler = Reconcilers.of(aws.clients());

    Plan plan = reconciler.plan(exported, PlanOptions.DEFAULT);

    // adoptions, and the ALB-IP tracker's counters for the adopted group of ALB IPs (its state, an
    // item of the state table): no target registered again, nothing else changed
    List<String> notAdoptions =
        plan.actions().stream()
            .filter(a -> a.verb() != Verb.ADOPT)
            .map(a -> a.verb() + " " + a.kind() + "/" + a.name() + " " + a.changes())
            .toList();
    assertEquals(
        List.of(
            "UPDATE NlbTargets/ecs-fargate-nlb-group [tracked ALB IPs: [] -> "
                + albIpsOf(aws, elb)
                + "]"),
        notAdoptions,
        "only adoptions: " + plan.actions());
    assertEquals(8, plan.actions().size(), plan.actions().toString());
    aws.calls().reset();

    assertTrue(
        reconciler
            .converge(exported, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());

    Map<String, Long> writes = aws.calls().writeCalls();
    Map<String, Long> awsWrites = new TreeMap<>(writes);
    awsWrites.keySet().removeIf(k -> k.startsWith("DynamoDb"));
    assertEquals(Map.of("ElasticLoadBalancingV2:AddTags", 7L), awsWrites, writes.toString());
    Cli.Result again = Cli.against(aws, "plan", "--detailed-exitcode", out.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());

    // after that, a change by hand is repaired as for a stack ecsgate built
    String demo1 =
        elb.describeTargetGroups(r -> r.names("ecs-fargate-demo1-tg"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.modifyTargetGroup(r -> r.targetGroupArn(demo1).healthCheckPath("/by-hand"));
    assertTrue(
        reconciler
            .converge(exported, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
    assertEquals(
        "/health-check",
        elb.describeTargetGroups(r -> r.targetGroupArns(demo1))
            .targetGroups()
            .get(0)
            .healthCheckPath());
  }

  private static Action forward(ElasticLoadBalancingV2Client elb, String groupName) {
    return forward(
        elb.describeTargetGroups(r -> r.names(groupName)).targetGroups().get(0).targetGroupArn());
  }

  /**
   * The walk-through's load balancing, through the SDK: nothing of ecsgate's. Returns the ALB's
   * listener.
   */
  static String buildTheEdgeByHand(Emulator aws, ElasticLoadBalancingV2Client elb) {
    String vpc = aws.id("ecs-fargate-vpc");
    List<String> subnets = List.of(aws.id("public-subnet-a"), aws.id("public-subnet-b"));
    String demo1 = httpGroup(elb, vpc, "ecs-fargate-demo1-tg");
    String demo2 = httpGroup(elb, vpc, "ecs-fargate-demo2-tg");
    LoadBalancer alb =
        elb.createLoadBalancer(
                r ->
                    r.name("ecs-fargate-elb")
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .subnets(subnets)
                        .securityGroups(aws.id("ecs-fargate-elb-grp")))
            .loadBalancers()
            .get(0);
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(alb.loadBalancerArn())
                        .port(80)
                        .protocol(ProtocolEnum.HTTP)
                        .defaultActions(forward(demo1)))
            .listeners()
            .get(0)
            .listenerArn();
    rule(elb, listener, 10, demo1, "/demo1", "/demo1/*");
    rule(elb, listener, 20, demo2, "/demo2", "/demo2/*");
    String nlbGroup =
        elb.createTargetGroup(
                r ->
                    r.name("ecs-fargate-nlb-group")
                        .vpcId(vpc)
                        .targetType(TargetTypeEnum.IP)
                        .protocol(ProtocolEnum.TCP)
                        .port(80))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    List<String> albIps =
        aws
            .clients()
            .ec2()
            .describeNetworkInterfaces(
                r ->
                    r.filters(
                        Filter.builder()
                            .name("description")
                            .values(ElbSnapshot.interfaceDescription(alb.loadBalancerArn()))
                            .build()))
            .networkInterfaces()
            .stream()
            .map(NetworkInterface::privateIpAddress)
            .toList();
    assertTrue(!albIps.isEmpty(), "the emulator gives the ALB its interfaces");
    elb.registerTargets(
        r ->
            r.targetGroupArn(nlbGroup)
                .targets(
                    albIps.stream()
                        .map(ip -> TargetDescription.builder().id(ip).port(80).build())
                        .toList()));
    String nlb =
        elb.createLoadBalancer(
                r ->
                    r.name("ecs-fargate-nlb")
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .subnets(subnets))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    elb.createListener(
        r ->
            r.loadBalancerArn(nlb)
                .port(80)
                .protocol(ProtocolEnum.TCP)
                .defaultActions(forward(nlbGroup)));
    return listener;
  }

  /** What the desired state's JSON Schema (ecsgate schema) finds in each document written. */
  static List<String> schemaErrors(Path dir) throws Exception {
    var schema = JsonSchemas.load(JsonSchemas.DESIRED_STATE);
    List<String> errors = new java.util.ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList())
        for (var document : JsonSchemas.yamlDocuments(Files.readString(file)))
          schema.validate(document).forEach(e -> errors.add(file.getFileName() + ": " + e));
    }
    return errors;
  }

  static String albIpsOf(Emulator aws, ElasticLoadBalancingV2Client elb) {
    String alb =
        elb.describeLoadBalancers(r -> r.names("ecs-fargate-elb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    return new java.util.TreeSet<>(
            aws
                .clients()
                .ec2()
                .describeNetworkInterfaces(
                    r ->
                        r.filters(
                            Filter.builder()
                                .name("description")
                                .values(ElbSnapshot.interfaceDescription(alb))
                                .build()))
                .networkInterfaces()
                .stream()
                .map(NetworkInterface::privateIpAddress)
                .toList())
        .toString();
  }

  private static String httpGroup(ElasticLoadBalancingV2Client elb, String vpc, String name) {
    return elb.createTargetGroup(
            r ->
                r.name(name)
                    .vpcId(vpc)
                    .targetType(TargetTypeEnum.IP)
                    .protocol(ProtocolEnum.HTTP)
                    .port(80)
                    .healthCheckPath("/health-check"))
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }

  private static void rule(
      ElasticLoadBalancingV2Client elb,
      String listener,
      int priority,
      String group,
      String... paths) {
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(priority)
                .conditions(
                    RuleCondition.builder()
                        .field("path-pattern")
                        .pathPatternConfig(p -> p.values(paths))
                        .build())
                .actions(forward(group)));
  }

  private static Action forward(String group) {
    return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(group).build();
  }

  @Test
  void aStartingPointAwsDoesNotHaveWritesNothingAndExits1(Emulator aws, @TempDir Path dir) {
    Path out = dir.resolve("exported");

    Cli.Result export =
        Cli.against(aws, "export", "--load-balancer", "no-such-lb", "--out", out.toString());

    assertEquals(1, export.exitCode(), export.out() + export.err());
    assertTrue(export.err().contains("LoadBalancer/no-such-lb not found"), export.err());
    assertTrue(Files.notExists(out));
  }
}
