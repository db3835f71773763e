package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.export.Document;
import io.ecsgate.export.ExportSource;
import io.ecsgate.export.LeftOut;
import io.ecsgate.export.Reach;
import io.ecsgate.export.Walk;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.NetworkNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Clusters and their services (with the task definition each runs and its scaling) as {@code
 * export} writes them, with the observer's reads ({@link EcsReads}, {@link AlarmReads}): per
 * cluster reached, its services (10 a call), then their scalable targets (50 a call), the policies
 * of each service that has a target (one call each, whatever their names) and the alarms of the
 * step policies (100 a call); the task definition each service runs, one call each.
 */
public final class EcsExport implements ExportSource {
  private final EcsReads reads;
  private final AlarmReads alarms;
  private final NetworkNames network;
  private final Map<String, Service> services = new HashMap<>();
  private final Map<String, ScalableTarget> targets = new HashMap<>();
  private final Map<String, List<ScalingPolicy>> policies = new HashMap<>();
  private final Map<String, MetricAlarm> alarmsByName = new HashMap<>();

  public EcsExport(AwsClients clients, NetworkNames network) {
    this.reads = new EcsReads(clients.ecs(), clients.autoScaling());
    this.alarms = new AlarmReads(clients.cloudWatch());
    this.network = network;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(ClusterSpec.KIND, ServiceSpec.KIND);
  }

  @Override
  public void export(Reach reach, Walk walk) {
    if (reach.kind().equals(ClusterSpec.KIND)) exportCluster(reach, walk);
    else exportService(reach, walk);
  }

  /** A service's reach: {@code <cluster>/<service>}. */
  static Reach service(String cluster, String service) {
    return new Reach(ServiceSpec.KIND, cluster + "/" + service);
  }

  private void exportCluster(Reach reach, Walk walk) {
    List<Cluster> found = reads.describeClusters(List.of(reach.id()));
    if (found.isEmpty()) {
      walk.notFound(reach);
      return;
    }
    Cluster cluster = found.get(0);
    walk.add(cluster(cluster));
    List<Service> clusterServices =
        reads.describeServices(cluster.clusterName(), reads.listServiceArns(cluster.clusterName()));
    List<String> resourceIds = new ArrayList<>();
    for (Service service : clusterServices) {
      services.put(cluster.clusterName() + "/" + service.serviceName(), service);
      resourceIds.add("service/" + cluster.clusterName() + "/" + service.serviceName());
    }
    if (clusterServices.isEmpty()) return;
    reads.describeScalableTargets(resourceIds).forEach(t -> targets.put(t.resourceId(), t));
    List<String> alarmNames = new ArrayList<>();
    for (String resourceId : resourceIds) {
      if (!targets.containsKey(resourceId)) continue;
      for (ScalingPolicy policy : reads.describeScalingPoliciesOf(resourceId)) {
        policies.computeIfAbsent(resourceId, k -> new ArrayList<>()).add(policy);
        policy.alarms().forEach(a -> alarmNames.add(a.alarmName()));
      }
    }
    if (!alarmNames.isEmpty())
      alarms.read(alarmNames).forEach(a -> alarmsByName.put(a.alarm().alarmName(), a.alarm()));
    clusterServices.forEach(s -> walk.reach(service(cluster.clusterName(), s.serviceName())));
  }

  private void exportService(Reach reach, Walk walk) {
    Service service = services.get(reach.id());
    if (service == null) {
      walk.notFound(reach);
      return;
    }
    String cluster = reach.id().substring(0, reach.id().indexOf('/'));
    Optional<TaskDefinition> definition =
        reads
            .describeLatestTaskDefinition(service.taskDefinition())
            .map(EcsSnapshot.FamilyRevision::definition);
    String resourceId = "service/" + cluster + "/" + service.serviceName();
    Scaling scaling =
        new Scaling(
            Optional.ofNullable(targets.get(resourceId)),
            policies.getOrDefault(resourceId, List.of()),
            name -> Optional.ofNullable(alarmsByName.get(name)));
    service(cluster, service, definition, scaling, network, walk).ifPresent(walk::add);
  }

  /** A cluster's document: Container Insights when it is not AWS's default (disabled). */
  static Document cluster(Cluster cluster) {
    Map<String, Object> spec = new LinkedHashMap<>();
    String insights = ClusterPlanner.containerInsights(cluster);
    if (!insights.equals("disabled")) spec.put("containerInsights", insights);
    Document.putUserTags(spec, EcsSnapshot.tags(cluster.tags()));
    return new Document(ClusterSpec.KIND, cluster.clusterName(), spec);
  }

  /** What a service's scaling reads gave: its scalable target, its policies, alarms by name. */
  record Scaling(
      Optional<ScalableTarget> target,
      List<ScalingPolicy> policies,
      java.util.function.Function<String, Optional<MetricAlarm>> alarm) {}

  /**
   * A service's document with the task definition it runs and its scaling; environment values as
   * placeholders unless {@link Walk#includeValues()}. Left out: a launch type other than Fargate, a
   * task definition a declaration cannot say (not awsvpc, a log driver other than awslogs, a
   * container with a command or entry point), scaling ecsgate does not keep.
   */
  static Optional<Document> service(
      String cluster,
      Service service,
      Optional<TaskDefinition> definition,
      Scaling scaling,
      NetworkNames network,
      Walk walk) {
    String name = service.serviceName();
    List<String> problems = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    if (!"FARGATE".equals(service.launchTypeAsString()))
      problems.add(
          "launch type "
              + (service.launchType() == null
                  ? "(capacity providers)"
                  : service.launchTypeAsString())
              + " (ecsgate declares Fargate services)");
    if (definition.isEmpty())
      problems.add("its task definition " + service.taskDefinition() + " is not ACTIVE");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("cluster", cluster);
    spec.put("desiredCount", service.desiredCount());
    spec.put("launchType", "FARGATE");
    if (service.platformVersion() != null && !service.platformVersion().equals("LATEST"))
      spec.put("platformVersion", service.platformVersion());
    var awsvpc =
        service.networkConfiguration() == null
            ? null
            : service.networkConfiguration().awsvpcConfiguration();
    if (awsvpc == null) problems.add("no awsvpc network configuration");
    else {
      Map<String, Object> net = new LinkedHashMap<>();
      net.put("subnets", awsvpc.subnets().stream().map(network::subnet).toList());
      if (!awsvpc.securityGroups().isEmpty())
        net.put(
            "securityGroups",
            awsvpc.securityGroups().stream().map(network::securityGroup).toList());
      net.put("assignPublicIp", "ENABLED".equals(awsvpc.assignPublicIpAsString()));
      spec.put("network", net);
    }
    List<Object> bindings = new ArrayList<>();
    for (var lb : service.loadBalancers()) {
      if (lb.targetGroupArn() == null) {
        problems.add("a classic load balancer binding");
        continue;
      }
      String group = groupName(lb.targetGroupArn());
      Map<String, Object> binding = new LinkedHashMap<>();
      binding.put("targetGroup", group);
      binding.put("containerName", lb.containerName());
      binding.put("containerPort", lb.containerPort());
      bindings.add(binding);
      walk.reach(new Reach(TargetGroupSpec.KIND, group));
    }
    if (!bindings.isEmpty()) spec.put("loadBalancers", bindings);
    deployment(service.deploymentConfiguration()).ifPresent(d -> spec.put("deployment", d));
    if (service.healthCheckGracePeriodSeconds() != null
        && service.healthCheckGracePeriodSeconds() != 0)
      spec.put("healthCheckGracePeriodSeconds", service.healthCheckGracePeriodSeconds());
    if (service.propagateTags() != null && !"NONE".equals(service.propagateTagsAsString()))
      spec.put("propagateTags", service.propagateTagsAsString());
    if (Boolean.TRUE.equals(service.enableExecuteCommand())) spec.put("enableExecuteCommand", true);
    definition.ifPresent(
        d ->
            spec.put(
                "taskDefinition", taskDefinition(d, walk.includeValues(), problems, comments)));
    autoScaling(name, scaling, problems).ifPresent(a -> spec.put("autoScaling", a));
    Document.putUserTags(spec, EcsSnapshot.tags(service.tags()));
    if (!problems.isEmpty()) {
      walk.leaveOut(
          new LeftOut(ServiceSpec.KIND, cluster + "/" + name, String.join("; ", problems)));
      return Optional.empty();
    }
    return Optional.of(new Document(ServiceSpec.KIND, name, spec, comments));
  }

  /** {@code arn:...:targetgroup/<name>/<id>}'s name. */
  static String groupName(String arn) {
    String tail = arn.substring(arn.indexOf(":targetgroup/") + ":targetgroup/".length());
    return tail.substring(0, tail.indexOf('/'));
  }

  private static Optional<Map<String, Object>> deployment(DeploymentConfiguration actual) {
    if (actual == null) return Optional.empty();
    ServiceSpec.Deployment defaults = ServiceSpec.Deployment.AWS_DEFAULT;
    Map<String, Object> out = new LinkedHashMap<>();
    if (actual.minimumHealthyPercent() != null
        && actual.minimumHealthyPercent() != defaults.minimumHealthyPercent())
      out.put("minimumHealthyPercent", actual.minimumHealthyPercent());
    if (actual.maximumPercent() != null && actual.maximumPercent() != defaults.maximumPercent())
      out.put("maximumPercent", actual.maximumPercent());
    var breaker = actual.deploymentCircuitBreaker();
    if (breaker != null && Boolean.TRUE.equals(breaker.enable())) {
      Map<String, Object> cb = new LinkedHashMap<>();
      cb.put("enable", true);
      if (Boolean.TRUE.equals(breaker.rollback())) cb.put("rollback", true);
      out.put("circuitBreaker", cb);
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  static Map<String, Object> taskDefinition(
      TaskDefinition actual, boolean includeValues, List<String> problems, List<String> comments) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("family", actual.family());
    if (!"awsvpc".equals(actual.networkModeAsString()))
      problems.add(
          "task definition network mode "
              + actual.networkModeAsString()
              + " (Fargate needs awsvpc)");
    if (actual.cpu() != null) out.put("cpu", Integer.parseInt(actual.cpu()));
    if (actual.memory() != null) out.put("memory", Integer.parseInt(actual.memory()));
    if (actual.taskRoleArn() != null) out.put("taskRoleArn", actual.taskRoleArn());
    if (actual.executionRoleArn() != null) out.put("executionRoleArn", actual.executionRoleArn());
    List<Object> containers = new ArrayList<>();
    boolean placeholders = false;
    for (ContainerDefinition c : actual.containerDefinitions()) {
      Map<String, Object> container = new LinkedHashMap<>();
      container.put("name", c.name());
      container.put("image", c.image());
      if (c.hasCommand() && !c.command().isEmpty())
        problems.add("container " + c.name() + " has a command");
      if (c.hasEntryPoint() && !c.entryPoint().isEmpty())
        problems.add("container " + c.name() + " has an entry point");
      List<Object> ports = new ArrayList<>();
      for (PortMapping mapping : c.portMappings()) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("containerPort", mapping.containerPort());
        if (mapping.protocol() != null && !"tcp".equals(mapping.protocolAsString()))
          port.put("protocol", mapping.protocolAsString());
        ports.add(port);
      }
      if (!ports.isEmpty()) container.put("portMappings", ports);
      Map<String, Object> environment = new TreeMap<>();
      for (KeyValuePair env : c.environment()) {
        String value = env.value() == null ? "" : env.value();
        environment.put(
            env.name(), includeValues ? value : Walk.placeholder(c.name() + " " + env.name()));
        placeholders |= !includeValues;
      }
      if (!environment.isEmpty()) container.put("environment", environment);
      Map<String, Object> secrets = new TreeMap<>();
      for (Secret secret : c.secrets()) secrets.put(secret.name(), secret.valueFrom());
      if (!secrets.isEmpty()) container.put("secrets", secrets);
      if (c.logConfiguration() != null) {
        Map<String, String> options = c.logConfiguration().options();
        if (!"awslogs".equals(c.logConfiguration().logDriverAsString())
            || options.keySet().stream()
                .anyMatch(
                    k ->
                        !Set.of("awslogs-group", "awslogs-region", "awslogs-stream-prefix")
                            .contains(k))
            || !options.containsKey("awslogs-stream-prefix"))
          problems.add(
              "container "
                  + c.name()
                  + " logs with "
                  + c.logConfiguration().logDriverAsString()
                  + " "
                  + new TreeMap<>(options).keySet()
                  + " (ecsgate declares awslogs with group, region and stream prefix)");
        else {
          Map<String, Object> awslogs = new LinkedHashMap<>();
          awslogs.put("group", options.get("awslogs-group"));
          awslogs.put("region", options.get("awslogs-region"));
          awslogs.put("streamPrefix", options.get("awslogs-stream-prefix"));
          container.put("logConfiguration", Map.of("awslogs", awslogs));
        }
      }
      if (c.healthCheck() != null) {
        var h = c.healthCheck();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("command", List.copyOf(h.command()));
        putUnless(check, "intervalSeconds", h.interval(), 30);
        putUnless(check, "timeoutSeconds", h.timeout(), 5);
        putUnless(check, "retries", h.retries(), 3);
        putUnless(check, "startPeriodSeconds", h.startPeriod(), 0);
        container.put("healthCheck", check);
      }
      if (Boolean.FALSE.equals(c.essential())) container.put("essential", false);
      if (c.memoryReservation() != null) container.put("memoryReservation", c.memoryReservation());
      containers.add(container);
    }
    out.put("containers", containers);
    if (placeholders)
      comments.add(
          "environment values are placeholders: write the values (or export with --include-values)");
    return out;
  }

  private static void putUnless(
      Map<String, Object> out, String key, Integer value, int awsDefault) {
    if (value != null && value != awsDefault) out.put(key, value);
  }

  /**
   * The scaling ecsgate keeps, from every policy of the service's scalable target whatever its
   * name: target tracking on the ECS CPU (and memory) metric, as {@code <service>-cpu} (and {@code
   * -memory}), or two step policies, one adding and one removing tasks, each the action of one
   * alarm (their names written as {@code policyName} where they are not ecsgate's defaults).
   */
  static Optional<Map<String, Object>> autoScaling(
      String service, Scaling scaling, List<String> problems) {
    if (scaling.target().isEmpty()) return Optional.empty();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("minTasks", scaling.target().get().minCapacity());
    out.put("maxTasks", scaling.target().get().maxCapacity());
    Optional<ScalingPolicy> cpu = Optional.empty();
    Optional<ScalingPolicy> memory = Optional.empty();
    Optional<ScalingPolicy> scaleOut = Optional.empty();
    Optional<ScalingPolicy> scaleIn = Optional.empty();
    List<String> others = new ArrayList<>();
    for (ScalingPolicy policy : scaling.policies()) {
      String metric = predefinedMetric(policy);
      if (policy.policyType() == PolicyType.TARGET_TRACKING_SCALING
          && metric.equals(ScalingPolicyPlanner.CPU_METRIC)
          && policy.policyName().equals(service + "-cpu")
          && cpu.isEmpty()) cpu = Optional.of(policy);
      else if (policy.policyType() == PolicyType.TARGET_TRACKING_SCALING
          && metric.equals(ScalingPolicyPlanner.MEMORY_METRIC)
          && policy.policyName().equals(service + "-memory")
          && memory.isEmpty()) memory = Optional.of(policy);
      else if (policy.policyType() == PolicyType.STEP_SCALING
          && adjustment(policy) > 0
          && scaleOut.isEmpty()) scaleOut = Optional.of(policy);
      else if (policy.policyType() == PolicyType.STEP_SCALING
          && adjustment(policy) < 0
          && scaleIn.isEmpty()) scaleIn = Optional.of(policy);
      else others.add(policy.policyName());
    }
    boolean tracking = cpu.isPresent() || memory.isPresent();
    boolean stepping = scaleOut.isPresent() || scaleIn.isPresent();
    if (!others.isEmpty() || (tracking && stepping) || memory.isPresent() && cpu.isEmpty()) {
      problems.add(
          "its scaling policies "
              + scaling.policies().stream().map(ScalingPolicy::policyName).sorted().toList()
              + " are not what ecsgate keeps (target tracking as "
              + service
              + "-cpu and -memory, or one scale-out and one scale-in step policy)");
      return Optional.empty();
    }
    if (cpu.isPresent()) {
      out.put("cpuTarget", target(cpu.get()));
      memory.ifPresent(m -> out.put("memoryTarget", target(m)));
      return Optional.of(out);
    }
    if (scaleOut.isEmpty() || scaleIn.isEmpty()) {
      problems.add(
          scaling.policies().isEmpty()
              ? "its scalable target has no scaling policy"
              : "step scaling without both a scale-out and a scale-in policy");
      return Optional.empty();
    }
    Optional<MetricAlarm> outAlarm = alarmOf(scaleOut.get(), scaling);
    Optional<MetricAlarm> inAlarm = alarmOf(scaleIn.get(), scaling);
    if (outAlarm.isEmpty() || inAlarm.isEmpty()) {
      problems.add("a step policy without exactly one alarm");
      return Optional.empty();
    }
    Map<String, Object> steps = new LinkedHashMap<>();
    steps.put("metric", outAlarm.get().metricName());
    steps.put("statistic", outAlarm.get().statisticAsString());
    steps.put("scaleOut", step(scaleOut.get(), outAlarm.get(), service + "-scale-out"));
    steps.put("scaleIn", step(scaleIn.get(), inAlarm.get(), service + "-scale-in"));
    out.put("steps", steps);
    return Optional.of(out);
  }

  private static String predefinedMetric(ScalingPolicy policy) {
    var config = policy.targetTrackingScalingPolicyConfiguration();
    if (config == null || config.predefinedMetricSpecification() == null) return "";
    return config.predefinedMetricSpecification().predefinedMetricTypeAsString();
  }

  /** The step policy's first adjustment: positive adds tasks, negative removes them. */
  private static int adjustment(ScalingPolicy policy) {
    var config = policy.stepScalingPolicyConfiguration();
    if (config == null || config.stepAdjustments().isEmpty()) return 0;
    Integer value = config.stepAdjustments().get(0).scalingAdjustment();
    return value == null ? 0 : value;
  }

  private static int target(ScalingPolicy policy) {
    return (int) Math.round(policy.targetTrackingScalingPolicyConfiguration().targetValue());
  }

  private static Optional<MetricAlarm> alarmOf(ScalingPolicy policy, Scaling scaling) {
    if (policy.alarms().size() != 1) return Optional.empty();
    return scaling.alarm().apply(policy.alarms().get(0).alarmName());
  }

  private static Map<String, Object> step(
      ScalingPolicy policy, MetricAlarm alarm, String defaultPolicyName) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!policy.policyName().equals(defaultPolicyName)) out.put("policyName", policy.policyName());
    out.put("alarmName", alarm.alarmName());
    out.put("threshold", (int) Math.round(alarm.threshold()));
    putUnless(out, "periodSeconds", alarm.period(), 300);
    putUnless(out, "evaluationPeriods", alarm.evaluationPeriods(), 1);
    var config = policy.stepScalingPolicyConfiguration();
    if (config != null && config.stepAdjustments().size() == 1)
      putUnless(out, "tasks", Math.abs(config.stepAdjustments().get(0).scalingAdjustment()), 1);
    if (config != null) putUnless(out, "cooldownSeconds", config.cooldown(), 300);
    return out;
  }
}
