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
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricAggregationType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The walk-through's whole stack built by hand through the SDK, as its console steps make it (the
 * cluster with Container Insights, two Fargate services behind the ALB's groups with step scaling
 * on alarms and policies named as a console user names them, the load balancing, the VPC link and
 * the REST API with its two routes on stage {@code test}), exported and taken over.
 */
@ExtendWith(Emulator.class)
class WalkThroughExportIT {
  private static final String CLUSTER = "ecs-fargate-cluster-demo";

  @Test
  void theWholeHandBuiltStackIsExportedThenAdoptedWithAdoptionWritesOnly(
      Emulator aws, @TempDir Path dir) throws Exception {
    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    ExportIT.buildTheEdgeByHand(aws, elb);
    buildTheServicesByHand(aws);
    buildTheApiByHand(aws);
    Path out = dir.resolve("exported");

    Cli.Result export =
        Cli.against(
            aws,
            "export",
            "--cluster",
            CLUSTER,
            "--load-balancer",
            "ecs-fargate-nlb",
            "--rest-api",
            "student-api",
            "--out",
            out.toString());

    assertEquals(0, export.exitCode(), export.out() + export.err());
    String services = Files.readString(out.resolve("services.yaml"));
    assertTrue(services.contains("policyName: Scale_Out_Policy"), services);
    assertTrue(
        services.contains("alarmName: ECS_Fargate_Container_Scaleout_CPU_Utilisation"), services);
    assertEquals(List.of(), ExportIT.schemaErrors(out), "the output passes the JSON Schema");
    DesiredState exported = Registry.loader().load(List.of(out));
    Reconciler reconciler = Reconcilers.of(aws.clients());

    Plan plan = reconciler.plan(exported, PlanOptions.DEFAULT);

    List<String> notAdoptions =
        plan.actions().stream()
            .filter(a -> a.verb() != Verb.ADOPT)
            .map(a -> a.verb() + " " + a.kind() + "/" + a.name() + " " + a.changes())
            .toList();
    // adoptions (the stage's too: its hand-made deployment is kept, its hash recorded in a tag),
    // and the ALB-IP tracker's counters for the adopted group of ALB IPs (an item of the state
    // table)
    assertEquals(
        List.of(
            "UPDATE NlbTargets/ecs-fargate-nlb-group [tracked ALB IPs: [] -> "
                + ExportIT.albIpsOf(aws, elb)
                + "]"),
        notAdoptions,
        "only adoptions: " + plan.actions());
    assertEquals(20, plan.actions().size(), plan.actions().toString());
    String apiId = apigw(aws).getRestApis().items().get(0).id();
    String handMadeDeployment =
        apigw(aws).getStage(r -> r.restApiId(apiId).stageName("test")).deploymentId();
    aws.calls().reset();

    assertTrue(
        reconciler
            .converge(exported, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());

    Map<String, Long> writes = new TreeMap<>(aws.calls().writeCalls());
    writes.keySet().removeIf(k -> k.startsWith("DynamoDb"));
    // the tags of adoption only: 2 load balancers, 3 groups, 2 rules; the cluster, 2 task
    // definitions, 2 services; 4 alarms; the VPC link, the API and its stage
    assertEquals(
        Map.of(
            "ElasticLoadBalancingV2:AddTags", 7L,
            "Ecs:TagResource", 5L,
            "CloudWatch:TagResource", 4L,
            "ApiGateway:TagResource", 3L),
        writes);
    var stage = apigw(aws).getStage(r -> r.restApiId(apiId).stageName("test"));
    assertEquals(handMadeDeployment, stage.deploymentId(), "not deployed again");
    assertTrue(
        stage.tags().get("ecsgate:content").startsWith(handMadeDeployment + " "), stage.toString());
    Cli.Result again = Cli.against(aws, "plan", "--detailed-exitcode", out.toString());
    assertEquals(0, again.exitCode(), again.out() + again.err());

    // after that, a change by hand is repaired as for a stack ecsgate built: a console-named
    // alarm's threshold, put back by one PutMetricAlarm
    var cloudWatch = aws.clients().cloudWatch();
    String alarm = "ECS_Fargate_Container_Scaleout_CPU_Utilisation";
    var before = cloudWatch.describeAlarms(r -> r.alarmNames(alarm)).metricAlarms().get(0);
    cloudWatch.putMetricAlarm(
        r ->
            r.alarmName(alarm)
                .namespace(before.namespace())
                .metricName(before.metricName())
                .dimensions(before.dimensions())
                .statistic(before.statistic())
                .period(before.period())
                .evaluationPeriods(before.evaluationPeriods())
                .threshold(90.0)
                .comparisonOperator(before.comparisonOperator())
                .alarmActions(before.alarmActions()));
    aws.calls().reset();
    assertTrue(
        reconciler
            .converge(exported, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
    Map<String, Long> repair = new TreeMap<>(aws.calls().writeCalls());
    repair.keySet().removeIf(k -> k.startsWith("DynamoDb"));
    assertEquals(Map.of("CloudWatch:PutMetricAlarm", 1L), repair);
    assertEquals(
        70.0,
        cloudWatch.describeAlarms(r -> r.alarmNames(alarm)).metricAlarms().get(0).threshold());
  }

  private static ApiGatewayClient apigw(Emulator aws) {
    return aws.clients().apiGateway();
  }

  /** The cluster, task definitions, services and their step scaling, as the console makes them. */
  private static void buildTheServicesByHand(Emulator aws) {
    EcsClient ecs = aws.clients().ecs();
    ApplicationAutoScalingClient scaling = aws.clients().autoScaling();
    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    ecs.createCluster(
        r -> r.clusterName(CLUSTER).settings(s -> s.name("containerInsights").value("enabled")));
    for (String n : List.of("1", "2")) {
      String family = "ecs-fargate-demo" + n + "-td";
      String container = "ecs-fargate-demo-" + n + "-container";
      String service = "ecs-fargate-demo" + n + "-service";
      ecs.registerTaskDefinition(
          r ->
              r.family(family)
                  .requiresCompatibilities(Compatibility.FARGATE)
                  .networkMode(NetworkMode.AWSVPC)
                  .cpu("256")
                  .memory("512")
                  .containerDefinitions(
                      c ->
                          c.name(container)
                              .image("public.ecr.aws/nginx/nginx:1.27")
                              .memoryReservation(100)
                              .essential(true)
                              .portMappings(
                                  p -> p.containerPort(80).protocol(TransportProtocol.TCP))));
      String group =
          elb.describeTargetGroups(r -> r.names("ecs-fargate-demo" + n + "-tg"))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      ecs.createService(
          r ->
              r.cluster(CLUSTER)
                  .serviceName(service)
                  .taskDefinition(family)
                  .launchType(LaunchType.FARGATE)
                  .desiredCount(2)
                  .deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(100))
                  .networkConfiguration(
                      c ->
                          c.awsvpcConfiguration(
                              a ->
                                  a.subnets(aws.id("private-subnet-a"), aws.id("private-subnet-b"))
                                      .securityGroups(aws.id("ecs-fargate-container-sg"))
                                      .assignPublicIp(AssignPublicIp.DISABLED)))
                  .loadBalancers(
                      l -> l.targetGroupArn(group).containerName(container).containerPort(80)));
      String resourceId = "service/" + CLUSTER + "/" + service;
      scaling.registerScalableTarget(
          r ->
              r.serviceNamespace(ServiceNamespace.ECS)
                  .resourceId(resourceId)
                  .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                  .minCapacity(2)
                  .maxCapacity(4));
      String alarmStart = n.equals("1") ? "ECS_Fargate_Container" : "ECS_Fargate_Demo2_Container";
      stepPolicy(
          aws,
          resourceId,
          service,
          "Scale_Out_Policy",
          1,
          alarmStart + "_Scaleout_CPU_Utilisation",
          70);
      stepPolicy(
          aws,
          resourceId,
          service,
          "Scale_In_Policy",
          -1,
          alarmStart + "_Scalein_CPU_Utilisation",
          50);
    }
  }

  /**
   * One step policy ("Add 1 task when 70 <= CPUUtilization", "Remove 1 task when 50 >
   * CPUUtilization") and its new alarm ("Minimum of CPUUtilization > 70 for 1 consecutive period of
   * 5 minutes").
   */
  private static void stepPolicy(
      Emulator aws,
      String resourceId,
      String service,
      String name,
      int adjustment,
      String alarm,
      int threshold) {
    String arn =
        aws.clients()
            .autoScaling()
            .putScalingPolicy(
                r ->
                    r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(resourceId)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .policyName(name)
                        .policyType(PolicyType.STEP_SCALING)
                        .stepScalingPolicyConfiguration(
                            c ->
                                c.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                                    .cooldown(300)
                                    .metricAggregationType(MetricAggregationType.MINIMUM)
                                    .stepAdjustments(
                                        adjustment > 0
                                            ? StepAdjustment.builder()
                                                .metricIntervalLowerBound(0.0)
                                                .scalingAdjustment(adjustment)
                                                .build()
                                            : StepAdjustment.builder()
                                                .metricIntervalUpperBound(0.0)
                                                .scalingAdjustment(adjustment)
                                                .build())))
            .policyARN();
    aws.clients()
        .cloudWatch()
        .putMetricAlarm(
            r ->
                r.alarmName(alarm)
                    .namespace("AWS/ECS")
                    .metricName("CPUUtilization")
                    .dimensions(
                        Dimension.builder().name("ClusterName").value(CLUSTER).build(),
                        Dimension.builder().name("ServiceName").value(service).build())
                    .statistic(Statistic.MINIMUM)
                    .period(300)
                    .evaluationPeriods(1)
                    .threshold((double) threshold)
                    .comparisonOperator(
                        adjustment > 0
                            ? ComparisonOperator.GREATER_THAN_THRESHOLD
                            : ComparisonOperator.LESS_THAN_THRESHOLD)
                    .alarmActions(arn));
  }

  /** The VPC link to the NLB, the REST API with POST /student and GET /student/{student_id}. */
  private static void buildTheApiByHand(Emulator aws) {
    ApiGatewayClient apigw = aws.clients().apiGateway();
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
                        .endpointConfiguration(e -> e.typesWithStrings("REGIONAL")))
            .id();
    String root = apigw.getResources(r -> r.restApiId(apiId)).items().get(0).id();
    String student =
        apigw.createResource(r -> r.restApiId(apiId).parentId(root).pathPart("student")).id();
    String studentId =
        apigw
            .createResource(r -> r.restApiId(apiId).parentId(student).pathPart("{student_id}"))
            .id();
    method(
        apigw, apiId, student, "POST", Map.of(), Map.of(), "http://" + albDns + "/student", linkId);
    method(
        apigw,
        apiId,
        studentId,
        "GET",
        Map.of("method.request.path.student_id", true),
        Map.of("integration.request.path.student_id", "method.request.path.student_id"),
        "http://" + albDns + "/student/{student_id}",
        linkId);
    apigw.createDeployment(r -> r.restApiId(apiId).stageName("test"));
  }

  private static void method(
      ApiGatewayClient apigw,
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
}
