package io.ecsgate.bench;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.kinds.apigateway.ApiGatewaySnapshot;
import io.ecsgate.kinds.apigateway.RestApiPlanner;
import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.EcsRequests;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.ecs.ScalingPolicyPlanner;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.ecs.TaskDefinitionPlanner;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.IngressPermission;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.kinds.network.OwnedIngressRule;
import io.ecsgate.kinds.network.SecurityGroupIngressSpec;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.apigateway.model.AccessLogSettings;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * An observed state that matches a desired state exactly, built in memory: the input of the pure
 * plan benchmark.
 */
public final class SyntheticAccount {
  private SyntheticAccount() {}

  public static ObservedState inSync(DesiredState desired, Ownership ownership) {
    Map<String, String> ids = new HashMap<>();
    List<LoadBalancer> loadBalancers = new ArrayList<>();
    Map<String, List<Listener>> listeners = new HashMap<>();
    Map<String, List<Rule>> rules = new HashMap<>();
    List<TargetGroup> targetGroups = new ArrayList<>();
    Map<String, Map<String, String>> tags = new HashMap<>();
    Map<String, String> tgArn = new HashMap<>();
    Map<String, String> listenerArn = new HashMap<>();
    int n = 0;
    for (TargetGroupSpec tg : desired.all(TargetGroupSpec.class)) {
      String vpc = id(ids, tg.vpc(), "vpc", n++);
      String arn =
          "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/" + tg.name() + "/" + n;
      tgArn.put(tg.name(), arn);
      targetGroups.add(
          TargetGroup.builder()
              .targetGroupArn(arn)
              .targetGroupName(tg.name())
              .vpcId(vpc)
              .targetType(tg.targetType())
              .protocol(tg.protocol())
              .port(tg.port())
              .healthCheckPath(tg.healthCheck().path())
              .build());
      tags.put(arn, ownership.tags(TargetGroupSpec.KIND, tg.name(), tg.tags()));
    }
    for (LoadBalancerSpec lb : desired.all(LoadBalancerSpec.class)) {
      String arn =
          "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/"
              + lb.name()
              + "/"
              + n++;
      List<AvailabilityZone> zones = new ArrayList<>();
      for (Ref subnet : lb.subnets())
        zones.add(AvailabilityZone.builder().subnetId(id(ids, subnet, "subnet", n++)).build());
      List<String> groups = new ArrayList<>();
      for (Ref group : lb.securityGroups()) groups.add(id(ids, group, "sg", n++));
      loadBalancers.add(
          LoadBalancer.builder()
              .loadBalancerArn(arn)
              .loadBalancerName(lb.name())
              .type(lb.type())
              .scheme(lb.scheme())
              .availabilityZones(zones)
              .securityGroups(groups)
              .dnsName(lb.name() + ".elb.example")
              .build());
      tags.put(arn, ownership.tags(LoadBalancerSpec.KIND, lb.name(), lb.tags()));
      List<Listener> lbListeners = new ArrayList<>();
      for (LoadBalancerSpec.Listener listener : lb.listeners()) {
        String larn = arn.replace(":loadbalancer/", ":listener/") + "/" + listener.port();
        listenerArn.put(lb.name() + ":" + listener.port(), larn);
        Action action =
            listener
                .forward()
                .map(
                    f ->
                        Action.builder()
                            .type("forward")
                            .targetGroupArn(tgArn.get(f.name()))
                            .build())
                .orElseGet(
                    () ->
                        Action.builder()
                            .type("fixed-response")
                            .fixedResponseConfig(
                                c ->
                                    c.statusCode(
                                            String.valueOf(
                                                listener.fixedResponse().get().statusCode()))
                                        .contentType(listener.fixedResponse().get().contentType())
                                        .messageBody(listener.fixedResponse().get().messageBody()))
                            .build());
        lbListeners.add(
            Listener.builder()
                .listenerArn(larn)
                .loadBalancerArn(arn)
                .port(listener.port())
                .protocol(listener.protocol())
                .defaultActions(action)
                .build());
        rules.put(
            larn,
            new ArrayList<>(
                List.of(
                    Rule.builder()
                        .ruleArn(larn + "/default")
                        .priority("default")
                        .isDefault(true)
                        .build())));
      }
      listeners.put(arn, lbListeners);
    }
    for (ListenerRuleSpec rule : desired.all(ListenerRuleSpec.class)) {
      String larn = listenerArn.get(rule.listenerKey());
      String arn = larn.replace(":listener/", ":listener-rule/") + "/" + n++;
      rules
          .get(larn)
          .add(
              Rule.builder()
                  .ruleArn(arn)
                  .priority(String.valueOf(rule.priority().orElseThrow()))
                  .isDefault(false)
                  .conditions(
                      RuleCondition.builder()
                          .field("path-pattern")
                          .pathPatternConfig(c -> c.values(rule.pathPatterns()))
                          .build())
                  .actions(
                      Action.builder()
                          .type("forward")
                          .targetGroupArn(tgArn.get(rule.forward().name()))
                          .build())
                  .build());
      tags.put(arn, ownership.tags(ListenerRuleSpec.KIND, rule.name(), rule.tags()));
    }
    Map<String, List<String>> lbIps = new HashMap<>();
    List<OwnedIngressRule> ownedRules = new ArrayList<>();
    Map<String, Set<IngressPermission>> admitted = new HashMap<>();
    for (SecurityGroupIngressSpec spec : desired.all(SecurityGroupIngressSpec.class)) {
      String group = id(ids, spec.securityGroup(), "sg", n++);
      for (SecurityGroupIngressSpec.Rule rule : spec.rules()) {
        List<String> cidrs = new ArrayList<>();
        if (rule.from() instanceof SecurityGroupIngressSpec.Cidr cidr) cidrs.add(cidr.cidr());
        else {
          String lbName =
              ((SecurityGroupIngressSpec.IpsOfLoadBalancer) rule.from()).loadBalancer().name();
          String arn =
              loadBalancers.stream()
                  .filter(lb -> lb.loadBalancerName().equals(lbName))
                  .findFirst()
                  .orElseThrow()
                  .loadBalancerArn();
          int k = lbIps.size();
          lbIps
              .computeIfAbsent(
                  arn, a -> List.of("10.8." + (k % 250) + ".5", "10.9." + (k % 250) + ".5"))
              .forEach(ip -> cidrs.add(ip + "/32"));
        }
        for (String cidr : cidrs) {
          IngressPermission permission = IngressPermission.of(rule.protocol(), rule.port(), cidr);
          if (admitted.computeIfAbsent(group, g -> new HashSet<>()).add(permission))
            ownedRules.add(
                new OwnedIngressRule(
                    String.format("sgr-%017x", n++), group, spec.name(), permission));
        }
      }
    }
    return ObservedState.of(
        new ElbSnapshot(loadBalancers, listeners, rules, targetGroups, tags, Map.of(), lbIps),
        new Network(ids, Map.of(), Map.of(), admitted, ownedRules),
        ecs(desired, ownership, ids, tgArn, n),
        apiGateway(desired, ownership, loadBalancers));
  }

  /**
   * Clusters, services, task definitions and auto scaling exactly as the desired state declares
   * them.
   */
  private static EcsSnapshot ecs(
      DesiredState desired,
      Ownership ownership,
      Map<String, String> ids,
      Map<String, String> tgArn,
      int n) {
    Map<String, Cluster> clusters = new HashMap<>();
    for (ClusterSpec cluster : desired.all(ClusterSpec.class)) {
      clusters.put(
          cluster.name(),
          Cluster.builder()
              .clusterName(cluster.name())
              .clusterArn("arn:aws:ecs:us-west-2:123456789012:cluster/" + cluster.name())
              .status("ACTIVE")
              .settings(s -> s.name("containerInsights").value(cluster.containerInsights()))
              .tags(ecsTags(ownership.tags(ClusterSpec.KIND, cluster.name(), cluster.tags())))
              .build());
    }
    Map<String, List<Service>> services = new HashMap<>();
    Map<String, EcsSnapshot.FamilyRevision> families = new HashMap<>();
    List<ScalableTarget> targets = new ArrayList<>();
    List<ScalingPolicy> policies = new ArrayList<>();
    List<EcsSnapshot.ObservedAlarm> alarms = new ArrayList<>();
    for (ServiceSpec service : desired.all(ServiceSpec.class)) {
      ServiceSpec.TaskDefinition task = service.taskDefinition();
      String taskArn = "arn:aws:ecs:us-west-2:123456789012:task-definition/" + task.family() + ":1";
      families.put(
          task.family(),
          new EcsSnapshot.FamilyRevision(
              TaskDefinition.builder()
                  .taskDefinitionArn(taskArn)
                  .family(task.family())
                  .revision(1)
                  .cpu(String.valueOf(task.cpu()))
                  .memory(String.valueOf(task.memory()))
                  .networkMode("awsvpc")
                  .requiresCompatibilitiesWithStrings("FARGATE")
                  .containerDefinitions(
                      task.containers().stream().map(EcsRequests::container).toList())
                  .status("ACTIVE")
                  .build(),
              ownership.tags(TaskDefinitionPlanner.KIND, task.family(), Map.of())));
      List<String> subnets = new ArrayList<>();
      for (Ref subnet : service.network().subnets()) subnets.add(id(ids, subnet, "subnet", n++));
      List<String> groups = new ArrayList<>();
      for (Ref group : service.network().securityGroups()) groups.add(id(ids, group, "sg", n++));
      ServiceSpec.Deployment d = service.deployment();
      services
          .computeIfAbsent(service.cluster().name(), k -> new ArrayList<>())
          .add(
              Service.builder()
                  .serviceName(service.name())
                  .serviceArn(
                      "arn:aws:ecs:us-west-2:123456789012:service/"
                          + service.cluster().name()
                          + "/"
                          + service.name())
                  .status("ACTIVE")
                  .taskDefinition(taskArn)
                  .desiredCount(service.desiredCount())
                  .launchType("FARGATE")
                  .networkConfiguration(
                      c ->
                          c.awsvpcConfiguration(
                              v ->
                                  v.subnets(subnets)
                                      .securityGroups(groups)
                                      .assignPublicIp(
                                          service.network().assignPublicIp()
                                              ? "ENABLED"
                                              : "DISABLED")))
                  .loadBalancers(
                      service.loadBalancers().stream()
                          .map(
                              b ->
                                  software.amazon.awssdk.services.ecs.model.LoadBalancer.builder()
                                      .targetGroupArn(tgArn.get(b.targetGroup().name()))
                                      .containerName(b.containerName())
                                      .containerPort(b.containerPort())
                                      .build())
                          .toList())
                  .deploymentConfiguration(
                      c ->
                          c.minimumHealthyPercent(d.minimumHealthyPercent())
                              .maximumPercent(d.maximumPercent())
                              .deploymentCircuitBreaker(
                                  b -> b.enable(d.circuitBreaker()).rollback(d.rollback())))
                  .healthCheckGracePeriodSeconds(service.healthCheckGracePeriodSeconds())
                  .propagateTags(service.propagateTags())
                  .enableExecuteCommand(service.enableExecuteCommand())
                  .tags(ecsTags(ownership.tags(ServiceSpec.KIND, service.name(), service.tags())))
                  .build());
      service
          .autoScaling()
          .ifPresent(
              scaling -> {
                targets.add(
                    ScalableTarget.builder()
                        .resourceId(service.scalingResourceId())
                        .minCapacity(scaling.minTasks())
                        .maxCapacity(scaling.maxTasks())
                        .build());
                if (scaling.steps().isPresent()) {
                  stepScaling(service, scaling.steps().get(), ownership, policies, alarms);
                  return;
                }
                policies.add(
                    ScalingPolicy.builder()
                        .resourceId(service.scalingResourceId())
                        .policyName(service.cpuPolicyName())
                        .targetTrackingScalingPolicyConfiguration(
                            c ->
                                c.targetValue((double) scaling.cpuTarget())
                                    .predefinedMetricSpecification(
                                        m ->
                                            m.predefinedMetricType(
                                                ScalingPolicyPlanner.CPU_METRIC)))
                        .build());
                scaling
                    .memoryTarget()
                    .ifPresent(
                        memory ->
                            policies.add(
                                ScalingPolicy.builder()
                                    .resourceId(service.scalingResourceId())
                                    .policyName(service.memoryPolicyName())
                                    .targetTrackingScalingPolicyConfiguration(
                                        c ->
                                            c.targetValue((double) memory)
                                                .predefinedMetricSpecification(
                                                    m ->
                                                        m.predefinedMetricType(
                                                            ScalingPolicyPlanner.MEMORY_METRIC)))
                                    .build()));
              });
    }
    return new EcsSnapshot(clusters, services, families, targets, policies).withAlarms(alarms);
  }

  /** The two step policies of a service and their alarms, tagged, each naming its policy. */
  private static void stepScaling(
      ServiceSpec service,
      ServiceSpec.StepScaling steps,
      Ownership ownership,
      List<ScalingPolicy> policies,
      List<EcsSnapshot.ObservedAlarm> alarms) {
    for (ServiceSpec.ScalingStep step : steps.both()) {
      String name = service.stepPolicyName(step.out());
      String arn =
          "arn:aws:autoscaling:us-west-2:123456789012:scalingPolicy:0:resource/ecs/"
              + service.scalingResourceId()
              + ":policyName/"
              + name;
      policies.add(
          ScalingPolicy.builder()
              .resourceId(service.scalingResourceId())
              .policyName(name)
              .policyARN(arn)
              .policyType("StepScaling")
              .stepScalingPolicyConfiguration(
                  c ->
                      c.adjustmentType("ChangeInCapacity")
                          .cooldown(step.cooldownSeconds())
                          .metricAggregationType(steps.statistic())
                          .stepAdjustments(
                              step.out()
                                  ? StepAdjustment.builder()
                                      .metricIntervalLowerBound(0.0)
                                      .scalingAdjustment(step.adjustment())
                                      .build()
                                  : StepAdjustment.builder()
                                      .metricIntervalUpperBound(0.0)
                                      .scalingAdjustment(step.adjustment())
                                      .build()))
              .alarms(a -> a.alarmName(step.alarmName()))
              .build());
      alarms.add(
          new EcsSnapshot.ObservedAlarm(
              MetricAlarm.builder()
                  .alarmName(step.alarmName())
                  .alarmArn("arn:aws:cloudwatch:us-west-2:123456789012:alarm:" + step.alarmName())
                  .namespace("AWS/ECS")
                  .metricName(steps.metric())
                  .statistic(steps.statistic())
                  .dimensions(
                      d -> d.name("ClusterName").value(service.cluster().name()),
                      d -> d.name("ServiceName").value(service.name()))
                  .period(step.periodSeconds())
                  .evaluationPeriods(step.evaluationPeriods())
                  .threshold((double) step.threshold())
                  .comparisonOperator(step.out() ? "GreaterThanThreshold" : "LessThanThreshold")
                  .alarmActions(arn)
                  .build(),
              ownership.tags("ScalingAlarm", step.alarmName(), Map.of())));
    }
  }

  private static List<software.amazon.awssdk.services.ecs.model.Tag> ecsTags(
      Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(
            e ->
                software.amazon.awssdk.services.ecs.model.Tag.builder()
                    .key(e.getKey())
                    .value(e.getValue())
                    .build())
        .toList();
  }

  /**
   * VPC links AVAILABLE on their NLB, and each REST API with its resources, methods, integrations
   * and stage as declared.
   */
  private static ApiGatewaySnapshot apiGateway(
      DesiredState desired, Ownership ownership, List<LoadBalancer> loadBalancers) {
    Map<String, LoadBalancer> byName = new HashMap<>();
    loadBalancers.forEach(lb -> byName.put(lb.loadBalancerName(), lb));
    List<VpcLink> links = new ArrayList<>();
    for (VpcLinkSpec link : desired.all(VpcLinkSpec.class)) {
      links.add(
          VpcLink.builder()
              .id("link-" + link.name())
              .name(link.name())
              .status("AVAILABLE")
              .targetArns(byName.get(link.loadBalancer().name()).loadBalancerArn())
              .tags(ownership.tags(VpcLinkSpec.KIND, link.name(), link.tags()))
              .build());
    }
    List<RestApi> apis = new ArrayList<>();
    Map<String, List<Resource>> resources = new HashMap<>();
    Map<String, List<Stage>> stages = new HashMap<>();
    Map<String, String> deployments = new HashMap<>();
    for (RestApiSpec api : desired.all(RestApiSpec.class)) {
      String id = "api-" + api.name();
      apis.add(
          RestApi.builder()
              .id(id)
              .name(api.name())
              .rootResourceId(id + "-root")
              .description(api.description().orElse(null))
              .endpointConfiguration(e -> e.typesWithStrings(api.endpointType()))
              .tags(ownership.tags(RestApiSpec.KIND, api.name(), api.tags()))
              .build());
      String base =
          api.backend()
              .url()
              .orElseGet(
                  () ->
                      "http://"
                          + byName.get(api.backend().loadBalancer().get().name()).dnsName()
                          + api.backend().port().map(p -> ":" + p).orElse(""));
      RestApiPlanner.Routes routes =
          RestApiPlanner.routes(api, "link-" + api.vpcLink().name(), base);
      List<Resource> apiResources = new ArrayList<>();
      routes
          .byPath()
          .forEach(
              (path, methods) -> {
                Map<String, Method> resourceMethods = new HashMap<>();
                methods.forEach(
                    (verb, wanted) ->
                        resourceMethods.put(
                            verb,
                            Method.builder()
                                .httpMethod(verb)
                                .authorizationType(wanted.method().authorizationType())
                                .apiKeyRequired(wanted.method().apiKeyRequired())
                                .requestParameters(wanted.method().requestParameters())
                                .methodIntegration(
                                    Integration.builder()
                                        .type(wanted.integration().type())
                                        .connectionType(wanted.integration().connectionType())
                                        .connectionId(wanted.integration().connectionId())
                                        .uri(wanted.integration().uri())
                                        .httpMethod(wanted.integration().httpMethod())
                                        .requestParameters(wanted.integration().requestParameters())
                                        .timeoutInMillis(wanted.integration().timeoutMillis())
                                        .build())
                                .build()));
                apiResources.add(
                    Resource.builder()
                        .id(path.equals("/") ? id + "-root" : id + path)
                        .path(path)
                        .resourceMethods(resourceMethods)
                        .build());
              });
      resources.put(id, apiResources);
      RestApiSpec.Stage stage = api.stage();
      Map<String, MethodSetting> settings = new HashMap<>();
      MethodSetting.Builder allMethods = MethodSetting.builder();
      stage
          .throttling()
          .ifPresent(
              t ->
                  allMethods
                      .throttlingRateLimit(t.rateLimit())
                      .throttlingBurstLimit(t.burstLimit()));
      stage.executionLogging().ifPresent(allMethods::loggingLevel);
      stage.detailedMetrics().ifPresent(allMethods::metricsEnabled);
      if (stage.throttling().isPresent()
          || stage.executionLogging().isPresent()
          || stage.detailedMetrics().isPresent()) settings.put("*/*", allMethods.build());
      stages.put(
          id,
          List.of(
              Stage.builder()
                  .stageName(stage.name())
                  .deploymentId(id + "-deployment")
                  .description(stage.description().orElse(null))
                  .variables(stage.variables())
                  .tracingEnabled(stage.tracing())
                  .methodSettings(settings)
                  .accessLogSettings(
                      stage
                          .accessLogs()
                          .map(
                              logs ->
                                  AccessLogSettings.builder()
                                      .destinationArn(logs.destinationArn())
                                      .format(logs.format())
                                      .build())
                          .orElse(null))
                  .build()));
      deployments.put(id + "-deployment", RestApiPlanner.HASH_PREFIX + routes.hash());
    }
    return new ApiGatewaySnapshot(links, apis, resources, stages, deployments);
  }

  private static String id(Map<String, String> ids, Ref ref, String prefix, int n) {
    return ids.computeIfAbsent(ref.name(), k -> String.format("%s-%017x", prefix, n));
  }
}
