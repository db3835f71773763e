package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsTarget;
import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * Issue 12's attack: a foreign target group, REST API, listener rule, two security group ingress
 * rules and a step scaling alarm tagged {@code ecsgate:managed-by=ecsgate} with an {@code
 * ecsgate:resource} naming declared resources (or, for one ingress rule, an undeclared one). Tags
 * alone do not make them ecsgate's (the inventory does not hold them): apply, with and without
 * {@code --prune}, sends no write request that names any of them, and plan, text and JSON, reports
 * each one.
 */
@ExtendWith(Emulator.class)
class SpoofedTagsIT {
  private static final Map<String, String> SPOOFED_TG =
      Map.of(
          "ecsgate:managed-by", "ecsgate", "ecsgate:resource", "TargetGroup/ecs-fargate-demo1-tg");
  private static final Map<String, String> SPOOFED_RULE =
      Map.of("ecsgate:managed-by", "ecsgate", "ecsgate:resource", "ListenerRule/demo2");
  private static final Map<String, String> SPOOFED_INGRESS =
      Map.of(
          "ecsgate:managed-by",
          "ecsgate",
          "ecsgate:resource",
          "SecurityGroupIngress/ecs-fargate-elb-admits-nlb");
  private static final Map<String, String> SPOOFED_UNDECLARED_INGRESS =
      Map.of(
          "ecsgate:managed-by",
          "ecsgate",
          "ecsgate:resource",
          "SecurityGroupIngress/payments-admits-vpn");
  private static final String FOREIGN_ALARM = "payments-memory-high";
  private static final Map<String, String> SPOOFED_API =
      Map.of("ecsgate:managed-by", "ecsgate", "ecsgate:resource", "RestApi/student-api");

  /** Every write request the engine sends, as the SDK describes it (its ARNs and IDs included). */
  private static final class Writes implements ExecutionInterceptor {
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (!io.ecsgate.aws.ApiCalls.isRead(operation))
        requests.add(operation + " " + context.request());
    }

    List<String> naming(String id) {
      synchronized (requests) {
        return requests.stream().filter(r -> r.contains(id)).toList();
      }
    }
  }

  private static DesiredState seed() {
    return Registry.loader().load(List.of(Emulator.seed()));
  }

  @Test
  void spoofedTagsMakeNothingEcsgatesAndEachIsReported(Emulator aws) throws Exception {
    Cli.Result first = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, first.exitCode(), first.out() + first.err());

    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    ApiGatewayClient apigw = aws.clients().apiGateway();
    String vpc = aws.id("ecs-fargate-vpc");
    String foreignGroup =
        elb.createTargetGroup(
                r ->
                    r.name("payments-tg")
                        .protocol("HTTP")
                        .port(8080)
                        .vpcId(vpc)
                        .targetType("ip")
                        .healthCheckPath("/pay-health")
                        .tags(tags(SPOOFED_TG)))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    String listener =
        elb.describeListeners(
                r ->
                    r.loadBalancerArn(
                        elb.describeLoadBalancers(l -> l.names("ecs-fargate-elb"))
                            .loadBalancers()
                            .get(0)
                            .loadBalancerArn()))
            .listeners()
            .get(0)
            .listenerArn();
    String foreignRule =
        elb.createRule(
                r ->
                    r.listenerArn(listener)
                        .priority(40)
                        .conditions(
                            c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/pay")))
                        .actions(a -> a.type("forward").targetGroupArn(foreignGroup))
                        .tags(tags(SPOOFED_RULE)))
            .rules()
            .get(0)
            .ruleArn();
    String foreignApi = apigw.createRestApi(r -> r.name("payments-api").tags(SPOOFED_API)).id();
    String root = apigw.getResources(r -> r.restApiId(foreignApi)).items().get(0).id();
    String pay =
        apigw.createResource(r -> r.restApiId(foreignApi).parentId(root).pathPart("pay")).id();
    // a rule in the ALB's group tagged as the declared ingress's (it would be stale there: revoked
    // as a part), one tagged as an undeclared ingress (revoked with --prune), and an alarm that
    // names the service's step policy as its action, tagged as ecsgate's (deleted as a part)
    Ec2Client ec2 = aws.clients().ec2();
    String albGroup = aws.id("ecs-fargate-elb-grp");
    String foreignIngress = plantedRule(ec2, albGroup, "10.9.9.9/32", SPOOFED_INGRESS);
    String foreignUndeclaredIngress =
        plantedRule(ec2, albGroup, "10.9.9.10/32", SPOOFED_UNDECLARED_INGRESS);
    CloudWatchClient cloudWatch = aws.clients().cloudWatch();
    MetricAlarm scaleOut =
        cloudWatch
            .describeAlarms(r -> r.alarmNames("ECS_Fargate_Container_Scaleout_CPU_Utilisation"))
            .metricAlarms()
            .get(0);
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(FOREIGN_ALARM)
                .namespace("AWS/ECS")
                .metricName("MemoryUtilization")
                .dimensions(scaleOut.dimensions())
                .statistic(Statistic.MAXIMUM)
                .period(60)
                .evaluationPeriods(2)
                .threshold(95.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(scaleOut.alarmActions())
                .tags(
                    software.amazon.awssdk.services.cloudwatch.model.Tag.builder()
                        .key("ecsgate:managed-by")
                        .value("ecsgate")
                        .build(),
                    software.amazon.awssdk.services.cloudwatch.model.Tag.builder()
                        .key("ecsgate:resource")
                        .value("ScalingAlarm/" + FOREIGN_ALARM)
                        .build()));
    List<String> foreign =
        List.of(
            foreignGroup,
            foreignRule,
            foreignApi,
            foreignIngress,
            foreignUndeclaredIngress,
            FOREIGN_ALARM);

    Writes writes = new Writes();
    try (AwsClients counted =
        new AwsClients(
            new AwsTarget(
                Optional.of(Region.of(Emulator.REGION)),
                Optional.of(URI.create(aws.endpoint())),
                Optional.of(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("testing", "testing"))),
                List.of(writes)))) {
      Reconciler reconciler = Reconcilers.of(counted);
      Convergence apply =
          reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT);
      assertTrue(apply.succeeded(), apply.lastPlan().toString());
      assertEquals(
          List.of("TargetGroup/ecs-fargate-demo1-tg (" + foreignGroup + ")"),
          apply.lastPlan().untracked().stream()
              .filter(u -> u.kind().equals("TargetGroup"))
              .map(Object::toString)
              .toList());
      Convergence prune =
          reconciler.converge(
              seed(), PlanOptions.DEFAULT.withPrune(true), Convergence.Progress.SILENT);
      assertTrue(prune.succeeded(), prune.lastPlan().toString());
      for (String id : foreign)
        assertEquals(List.of(), writes.naming(id), "no write names the foreign " + id);
      assertEquals(
          List.of(), writes.requests, "nothing else to write either: the stack is in sync");
    }

    // untouched, as AWS shows them
    assertEquals(
        "/pay-health",
        elb.describeTargetGroups(r -> r.targetGroupArns(foreignGroup))
            .targetGroups()
            .get(0)
            .healthCheckPath());
    Rule rule = elb.describeRules(r -> r.ruleArns(foreignRule)).rules().get(0);
    assertEquals("40", rule.priority());
    assertEquals(List.of("/pay"), rule.conditions().get(0).pathPatternConfig().values());
    assertEquals(
        new TreeSet<>(List.of("/", "/pay")),
        new TreeSet<>(
            apigw.getResources(r -> r.restApiId(foreignApi)).items().stream()
                .map(software.amazon.awssdk.services.apigateway.model.Resource::path)
                .toList()));
    assertEquals(
        pay,
        apigw.getResources(r -> r.restApiId(foreignApi)).items().stream()
            .filter(r -> "/pay".equals(r.path()))
            .findFirst()
            .orElseThrow()
            .id());

    assertEquals(
        List.of(foreignIngress, foreignUndeclaredIngress),
        ec2
            .describeSecurityGroupRules(
                r ->
                    r.securityGroupRuleIds(foreignIngress, foreignUndeclaredIngress)
                        .filters(f -> f.name("group-id").values(albGroup)))
            .securityGroupRules()
            .stream()
            .map(SecurityGroupRule::securityGroupRuleId)
            .sorted(java.util.Comparator.comparing(foreign::indexOf))
            .toList(),
        "both planted rules are still there");
    MetricAlarm planted =
        cloudWatch.describeAlarms(r -> r.alarmNames(FOREIGN_ALARM)).metricAlarms().get(0);
    assertEquals("MemoryUtilization", planted.metricName(), "the planted alarm is as it was");
    assertEquals(95.0, planted.threshold());

    // each one reported: plan's text and JSON
    Cli.Result plan = Cli.against(aws, "plan", "--prune", Emulator.seed().toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    for (String line :
        List.of(
            "TargetGroup ecs-fargate-demo1-tg (not ecsgate's): " + foreignGroup,
            "ListenerRule demo2 (not ecsgate's): " + foreignRule,
            "RestApi student-api (not ecsgate's): " + foreignApi,
            "SecurityGroupIngress ecs-fargate-elb-admits-nlb (not ecsgate's): " + foreignIngress,
            "SecurityGroupIngress payments-admits-vpn (not ecsgate's): " + foreignUndeclaredIngress,
            "ScalingAlarm " + FOREIGN_ALARM + " (not ecsgate's): " + FOREIGN_ALARM))
      assertTrue(plan.out().contains(line), "plan reports " + line + ":\n" + plan.out());
    Cli.Result json = Cli.against(aws, "plan", "--json", Emulator.seed().toString());
    assertEquals(0, json.exitCode(), json.out() + json.err());
    JsonNode document = new ObjectMapper().readTree(json.out());
    assertEquals("table", document.get("inventory").asText());
    List<String> ids = new ArrayList<>();
    document.get("untracked").forEach(u -> ids.add(u.get("id").asText()));
    assertEquals(new TreeSet<>(foreign), new TreeSet<>(ids), json.out());
  }

  /** A rule admitting {@code cidr} on port 80 of {@code group}, tagged {@code tags}; its ID. */
  private static String plantedRule(
      Ec2Client ec2, String group, String cidr, Map<String, String> tags) {
    return ec2.authorizeSecurityGroupIngress(
            r ->
                r.groupId(group)
                    .ipPermissions(
                        p ->
                            p.ipProtocol("tcp")
                                .fromPort(80)
                                .toPort(80)
                                .ipRanges(i -> i.cidrIp(cidr)))
                    .tagSpecifications(
                        t ->
                            t.resourceType(ResourceType.SECURITY_GROUP_RULE)
                                .tags(
                                    tags.entrySet().stream()
                                        .map(
                                            e ->
                                                software.amazon.awssdk.services.ec2.model.Tag
                                                    .builder()
                                                    .key(e.getKey())
                                                    .value(e.getValue())
                                                    .build())
                                        .toList())))
        .securityGroupRules()
        .get(0)
        .securityGroupRuleId();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
