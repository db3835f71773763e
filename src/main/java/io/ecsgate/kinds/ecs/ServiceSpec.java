package io.ecsgate.kinds.ecs;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.NetworkRefs;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.References;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import io.ecsgate.yaml.YamlNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ECS service on Fargate with its inline task definition and optional auto scaling. Fields the
 * YAML leaves out take AWS's defaults (written here, so that the comparison with what AWS returns
 * sees no difference). When {@code autoScaling} is declared, {@code desiredCount} is the initial
 * count only: the scaler owns it afterwards.
 */
public record ServiceSpec(
    Metadata metadata,
    Ref cluster,
    int desiredCount,
    String launchType,
    Optional<String> platformVersion,
    Network network,
    List<LoadBalancerBinding> loadBalancers,
    Deployment deployment,
    int healthCheckGracePeriodSeconds,
    String propagateTags,
    boolean enableExecuteCommand,
    TaskDefinition taskDefinition,
    Optional<AutoScaling> autoScaling,
    Map<String, String> tags)
    implements NetworkRefs {

  @Override
  public List<Ref> subnets() {
    return network.subnets();
  }

  @Override
  public List<Ref> securityGroups() {
    return network.securityGroups();
  }

  public static final String KIND = "Service";

  /** How its documents are read and checked. */
  public static final SpecType<ServiceSpec> TYPE =
      SpecType.of(KIND, ServiceSpec.class, ServiceSpec::read, ServiceSpec::check);

  static final Set<String> PROPAGATE_TAGS = Set.of("NONE", "SERVICE", "TASK_DEFINITION");

  /** A service declares its task definition family too. */
  @Override
  public List<Key> declares() {
    return List.of(
        Key.of(KIND, name()), Key.of(TaskDefinitionPlanner.KIND, taskDefinition.family()));
  }

  /** Application Auto Scaling's ID for this service: {@code service/<cluster>/<service>}. */
  public String scalingResourceId() {
    return "service/" + cluster.name() + "/" + name();
  }

  /**
   * The target-tracking policies ecsgate keeps on this service: {@code <service>-cpu} and {@code
   * <service>-memory}.
   */
  public String cpuPolicyName() {
    return name() + "-cpu";
  }

  public String memoryPolicyName() {
    return name() + "-memory";
  }

  /**
   * The step scaling policy of one direction: the step's declared {@code policyName}, else {@code
   * <service>-scale-out} or {@code -scale-in}.
   */
  public String stepPolicyName(boolean out) {
    Optional<String> declared =
        autoScaling
            .flatMap(AutoScaling::steps)
            .map(s -> out ? s.scaleOut() : s.scaleIn())
            .map(ScalingStep::policyName)
            .filter(n -> !n.isEmpty());
    return declared.orElse(defaultStepPolicyName(out));
  }

  private String defaultStepPolicyName(boolean out) {
    return name() + (out ? "-scale-out" : "-scale-in");
  }

  /**
   * Every scaling policy name ecsgate may keep on a service, whichever kind of scaling it declares
   * now (a switch deletes the other kind's).
   */
  public List<String> allPolicyNames() {
    Set<String> names = new java.util.LinkedHashSet<>();
    names.addAll(
        List.of(
            cpuPolicyName(),
            memoryPolicyName(),
            defaultStepPolicyName(true),
            defaultStepPolicyName(false),
            stepPolicyName(true),
            stepPolicyName(false)));
    return List.copyOf(names);
  }

  public record Network(List<Ref> subnets, List<Ref> securityGroups, boolean assignPublicIp) {}

  public record LoadBalancerBinding(
      Ref targetGroup, String containerName, int containerPort, Mark at) {}

  public record Deployment(
      int minimumHealthyPercent, int maximumPercent, boolean circuitBreaker, boolean rollback) {
    /** What AWS gives a replica service that declares nothing. */
    public static final Deployment AWS_DEFAULT = new Deployment(100, 200, false, false);
  }

  public record TaskDefinition(
      String family,
      int cpu,
      int memory,
      Optional<String> taskRoleArn,
      Optional<String> executionRoleArn,
      List<Container> containers) {}

  public record Container(
      String name,
      String image,
      List<PortMapping> portMappings,
      Map<String, String> environment,
      Map<String, String> secrets,
      Optional<LogConfiguration> logConfiguration,
      Optional<HealthCheck> healthCheck,
      boolean essential,
      Optional<Integer> memoryReservation,
      Mark at) {}

  public record PortMapping(int containerPort, String protocol) {}

  /**
   * The awslogs driver's options; {@code createGroup}: ecsgate creates the group when it is missing
   * (it is not a driver option and not part of the task definition).
   */
  public record LogConfiguration(
      String group, String region, String streamPrefix, boolean createGroup) {
    /** The awslogs driver's options, as AWS stores them. */
    public Map<String, String> options() {
      return Map.of(
          "awslogs-group", group, "awslogs-region", region, "awslogs-stream-prefix", streamPrefix);
    }
  }

  public record HealthCheck(
      List<String> command,
      int intervalSeconds,
      int timeoutSeconds,
      int retries,
      int startPeriodSeconds) {}

  /**
   * Application Auto Scaling between {@code minTasks} and {@code maxTasks}: either target tracking
   * (a CPU target and optionally a memory target, percent) or, when {@code steps} is present, step
   * scaling on two CloudWatch alarms ({@code cpuTarget} is then 0 and {@code memoryTarget} empty).
   */
  public record AutoScaling(
      int minTasks,
      int maxTasks,
      int cpuTarget,
      Optional<Integer> memoryTarget,
      Optional<StepScaling> steps) {
    public AutoScaling(int minTasks, int maxTasks, int cpuTarget, Optional<Integer> memoryTarget) {
      this(minTasks, maxTasks, cpuTarget, memoryTarget, Optional.empty());
    }
  }

  /**
   * Step scaling: a scale-out alarm (the ECS service metric's {@code statistic} above the
   * threshold) that adds tasks and a scale-in alarm (below its threshold) that removes tasks, each
   * the action of its own StepScaling policy.
   */
  public record StepScaling(
      String metric, String statistic, ScalingStep scaleOut, ScalingStep scaleIn) {
    /** Both directions, scale-out first. */
    public List<ScalingStep> both() {
      return List.of(scaleOut, scaleIn);
    }
  }

  /**
   * One direction of step scaling: its alarm ({@code threshold} in percent, compared over {@code
   * evaluationPeriods} periods of {@code periodSeconds}) and the {@code tasks} it adds (scale-out)
   * or removes (scale-in), then waits {@code cooldownSeconds}. {@code policyName} is the declared
   * name of its policy, empty for ecsgate's default ({@code <service>-scale-out}/{@code
   * -scale-in}).
   */
  public record ScalingStep(
      boolean out,
      String policyName,
      String alarmName,
      int threshold,
      int periodSeconds,
      int evaluationPeriods,
      int tasks,
      int cooldownSeconds) {
    /** {@code scale-out} or {@code scale-in}. */
    public String direction() {
      return out ? "scale-out" : "scale-in";
    }

    /** The signed change of capacity: +tasks out, -tasks in. */
    public int adjustment() {
      return out ? tasks : -tasks;
    }
  }

  static final Set<String> STEP_METRICS = Set.of("CPUUtilization", "MemoryUtilization");
  static final Set<String> STATISTICS =
      Set.of("Average", "Minimum", "Maximum", "Sum", "SampleCount");

  /** Fargate's valid task sizes: cpu units -> the memory (MiB) each allows. */
  static boolean fargateSizeIsValid(int cpu, int memory) {
    return switch (cpu) {
      case 256 -> memory == 512 || memory == 1024 || memory == 2048;
      case 512 -> memory >= 1024 && memory <= 4096 && memory % 1024 == 0;
      case 1024 -> memory >= 2048 && memory <= 8192 && memory % 1024 == 0;
      case 2048 -> memory >= 4096 && memory <= 16384 && memory % 1024 == 0;
      case 4096 -> memory >= 8192 && memory <= 30720 && memory % 1024 == 0;
      case 8192 -> memory >= 16384 && memory <= 61440 && memory % 4096 == 0;
      case 16384 -> memory >= 32768 && memory <= 122880 && memory % 8192 == 0;
      default -> false;
    };
  }

  public static ServiceSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    EcsNames.check(metadata, "service", problems);
    Ref cluster = spec.requiredRef("cluster");
    Optional<Integer> desiredCount = spec.integer("desiredCount", 0, 10000);
    String launchType = spec.oneOf("launchType", Set.of("FARGATE")).orElse("FARGATE");
    Optional<String> platformVersion = spec.string("platformVersion");
    Network network = readNetwork(spec.requiredMapping("network"));
    List<LoadBalancerBinding> bindings = readBindings(spec);
    Deployment deployment =
        spec.mapping("deployment").map(ServiceSpec::readDeployment).orElse(Deployment.AWS_DEFAULT);
    int grace = readGracePeriod(spec, bindings);
    String propagateTags = spec.oneOf("propagateTags", PROPAGATE_TAGS).orElse("NONE");
    boolean execute = spec.bool("enableExecuteCommand", false);
    Fields taskFields = spec.requiredMapping("taskDefinition");
    TaskDefinition task = readTaskDefinition(taskFields);
    taskFields.end();
    Optional<AutoScaling> autoScaling =
        spec.mapping("autoScaling")
            .map(f -> readAutoScaling(f, cluster.name() + "-" + metadata.name()));
    Map<String, String> tags = Tags.read(spec, problems);
    checkContainerNames(task, problems);
    bindings.forEach(binding -> checkContainer(binding, task, problems));
    int count = desiredCount.orElse(autoScaling.map(AutoScaling::minTasks).orElse(1));
    if (desiredCount.isPresent())
      autoScaling.ifPresent(scaling -> checkWithinScaling(count, scaling, spec));
    return new ServiceSpec(
        metadata,
        cluster,
        count,
        launchType,
        platformVersion,
        network,
        bindings,
        deployment,
        grace,
        propagateTags,
        execute,
        task,
        autoScaling,
        tags);
  }

  private static List<LoadBalancerBinding> readBindings(Fields spec) {
    List<LoadBalancerBinding> bindings = spec.mappings("loadBalancers", ServiceSpec::readBinding);
    if (bindings.size() > 5)
      spec.problems()
          .add(
              spec.at("loadBalancers"),
              Problem.Rule.RANGE,
              "a service can be bound to at most 5 target groups, got " + bindings.size());
    return bindings;
  }

  private static LoadBalancerBinding readBinding(Fields binding) {
    return new LoadBalancerBinding(
        binding.requiredRef("targetGroup"),
        binding.requiredString("containerName"),
        binding.requiredInteger("containerPort", 1, 65535),
        binding.at());
  }

  private static int readGracePeriod(Fields spec, List<LoadBalancerBinding> bindings) {
    int grace = spec.integer("healthCheckGracePeriodSeconds", 0, 2147483647).orElse(0);
    if (spec.has("healthCheckGracePeriodSeconds") && bindings.isEmpty()) {
      spec.problems()
          .add(
              spec.at("healthCheckGracePeriodSeconds"),
              Problem.Rule.CONDITIONAL,
              "healthCheckGracePeriodSeconds needs a load balancer binding");
    }
    return grace;
  }

  private static void checkContainerNames(TaskDefinition task, Problems problems) {
    Set<String> containerNames = new HashSet<>();
    for (Container container : task.containers()) {
      if (!container.name().isEmpty() && !containerNames.add(container.name())) {
        problems.add(
            container.at(),
            Problem.Rule.UNIQUE,
            "container name '"
                + container.name()
                + "' is used twice in taskDefinition "
                + task.family());
      }
    }
  }

  /** A binding names a container of the task, and a port that container maps. */
  private static void checkContainer(
      LoadBalancerBinding binding, TaskDefinition task, Problems problems) {
    if (binding.containerName().isEmpty()) return;
    Optional<Container> container =
        task.containers().stream()
            .filter(c -> c.name().equals(binding.containerName()))
            .findFirst();
    if (container.isEmpty()) {
      problems.add(
          binding.at(),
          Problem.Rule.REFERENCE,
          "load balancer binding names container '"
              + binding.containerName()
              + "', which taskDefinition "
              + task.family()
              + " does not have");
    } else if (container.get().portMappings().stream()
        .noneMatch(p -> p.containerPort() == binding.containerPort())) {
      problems.add(
          binding.at(),
          Problem.Rule.REFERENCE,
          "load balancer binding uses port "
              + binding.containerPort()
              + ", which container '"
              + binding.containerName()
              + "' does not map");
    }
  }

  /** A declared desiredCount lies within the scaling range (when that range is one). */
  private static void checkWithinScaling(int count, AutoScaling scaling, Fields spec) {
    if (scaling.minTasks() > scaling.maxTasks()) return; // reported as such
    if (count >= scaling.minTasks() && count <= scaling.maxTasks()) return;
    spec.problems()
        .add(
            spec.at("desiredCount"),
            Problem.Rule.CONSTRAINT,
            "desiredCount "
                + count
                + " is outside autoScaling's "
                + scaling.minTasks()
                + ".."
                + scaling.maxTasks());
  }

  private static Network readNetwork(Fields network) {
    List<Ref> subnets = network.refs("subnets");
    if (subnets.isEmpty())
      network
          .problems()
          .add(network.at(), Problem.Rule.REQUIRED, "network needs at least one subnet");
    if (subnets.size() > 16)
      network
          .problems()
          .add(
              network.at("subnets"),
              Problem.Rule.RANGE,
              "network takes at most 16 subnets, got " + subnets.size());
    List<Ref> groups = network.refs("securityGroups");
    if (groups.size() > 5)
      network
          .problems()
          .add(
              network.at("securityGroups"),
              Problem.Rule.RANGE,
              "network takes at most 5 security groups, got " + groups.size());
    boolean publicIp = network.bool("assignPublicIp", false);
    network.end();
    return new Network(subnets, groups, publicIp);
  }

  private static Deployment readDeployment(Fields deployment) {
    int min =
        deployment
            .integer("minimumHealthyPercent", 0, 100)
            .orElse(Deployment.AWS_DEFAULT.minimumHealthyPercent());
    int max =
        deployment
            .integer("maximumPercent", 100, 200)
            .orElse(Deployment.AWS_DEFAULT.maximumPercent());
    boolean breaker = false;
    boolean rollback = false;
    Optional<Fields> cb = deployment.mapping("circuitBreaker");
    if (cb.isPresent()) {
      breaker = cb.get().bool("enable", true);
      rollback = cb.get().bool("rollback", false);
      if (rollback && !breaker)
        cb.get()
            .problems()
            .add(
                cb.get().at("rollback"),
                Problem.Rule.CONDITIONAL,
                "circuitBreaker.rollback needs circuitBreaker.enable: true");
      cb.get().end();
    }
    deployment.end();
    return new Deployment(min, max, breaker, rollback);
  }

  private static TaskDefinition readTaskDefinition(Fields task) {
    Problems problems = task.problems();
    String family = task.requiredString("family");
    if (!family.isEmpty())
      EcsNames.check(
          family,
          task.at("family"),
          problems,
          "taskDefinition.family '" + family + "' is not valid (" + EcsNames.RULE + ")");
    Optional<Integer> cpu = task.integer("cpu", 1, 16384);
    Optional<Integer> memory = task.integer("memory", 1, 122880);
    checkTaskSize(task, cpu, memory);
    Optional<String> taskRole = roleArn(task, "taskRoleArn");
    Optional<String> executionRole = roleArn(task, "executionRoleArn");
    List<Container> containers = task.mappings("containers", ServiceSpec::readContainer);
    checkContainers(task, containers);
    memory.ifPresent(total -> checkReservations(task, containers, total));
    return new TaskDefinition(
        family, cpu.orElse(256), memory.orElse(512), taskRole, executionRole, containers);
  }

  /** Fargate needs a task size, and offers only some. */
  private static void checkTaskSize(Fields task, Optional<Integer> cpu, Optional<Integer> memory) {
    Problems problems = task.problems();
    if (!task.has("cpu"))
      problems.add(
          task.at(),
          Problem.Rule.REQUIRED,
          "taskDefinition is missing required key 'cpu' (Fargate needs a task size)");
    if (!task.has("memory"))
      problems.add(
          task.at(),
          Problem.Rule.REQUIRED,
          "taskDefinition is missing required key 'memory' (Fargate needs a task size)");
    if (cpu.isPresent() && memory.isPresent() && !fargateSizeIsValid(cpu.get(), memory.get())) {
      problems.add(
          task.at("memory"),
          Problem.Rule.CONDITIONAL,
          "cpu "
              + cpu.get()
              + " with memory "
              + memory.get()
              + " is not a Fargate task size (e.g. 256 with 512, 1024 or 2048; 512 with 1024-4096; 1024 with 2048-8192)");
    }
  }

  private static Optional<String> roleArn(Fields task, String key) {
    Optional<String> arn = task.string(key);
    arn.filter(value -> !value.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+"))
        .ifPresent(
            value ->
                task.problems()
                    .add(
                        task.at(key),
                        Problem.Rule.PATTERN,
                        key
                            + " must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got '"
                            + value
                            + "'"));
    return arn;
  }

  private static void checkContainers(Fields task, List<Container> containers) {
    Problems problems = task.problems();
    if (task.has("containers") && containers.isEmpty())
      problems.add(
          task.at("containers"), Problem.Rule.RANGE, "taskDefinition needs at least one container");
    if (!task.has("containers"))
      problems.add(
          task.at(), Problem.Rule.REQUIRED, "taskDefinition is missing required key 'containers'");
    if (containers.size() > 10)
      problems.add(
          task.at("containers"),
          Problem.Rule.RANGE,
          "a task definition has at most 10 containers, got " + containers.size());
    if (!containers.isEmpty() && containers.stream().noneMatch(Container::essential)) {
      problems.add(
          task.at("containers"),
          Problem.Rule.CONSTRAINT,
          "at least one container must be essential");
    }
  }

  private static void checkReservations(Fields task, List<Container> containers, int total) {
    int reserved = containers.stream().mapToInt(c -> c.memoryReservation().orElse(0)).sum();
    if (reserved > total)
      task.problems()
          .add(
              task.at("memory"),
              Problem.Rule.CONSTRAINT,
              "the containers reserve " + reserved + " MiB, more than the task's memory " + total);
  }

  private static Container readContainer(Fields container) {
    String name = container.requiredString("name");
    if (!name.isEmpty())
      EcsNames.check(
          name,
          container.at("name"),
          container.problems(),
          "container name '" + name + "' is not valid (letters, digits, hyphens and underscores)");
    String image = container.requiredString("image");
    List<PortMapping> ports = readPortMappings(container);
    Map<String, String> environment = new TreeMap<>(container.stringMap("environment"));
    Map<String, String> secrets = new TreeMap<>(container.stringMap("secrets"));
    checkVariables(container, "environment", environment);
    checkVariables(container, "secrets", secrets);
    environment.keySet().stream()
        .filter(secrets::containsKey)
        .forEach(
            key ->
                container
                    .problems()
                    .add(
                        container.at("secrets"),
                        Problem.Rule.UNIQUE,
                        "'" + key + "' is both an environment variable and a secret"));
    Optional<LogConfiguration> logs =
        container.mapping("logConfiguration").map(ServiceSpec::readLogConfiguration);
    Optional<HealthCheck> healthCheck =
        container.mapping("healthCheck").map(ServiceSpec::readHealthCheck);
    boolean essential = container.bool("essential", true);
    Optional<Integer> reservation = container.integer("memoryReservation", 6, 122880);
    return new Container(
        name,
        image,
        ports,
        environment,
        secrets,
        logs,
        healthCheck,
        essential,
        reservation,
        container.at());
  }

  /** A task definition is at most 64 KiB in all (AWS's limit), its environment with it. */
  static final int TASK_DEFINITION_BYTES = 64 * 1024;

  /**
   * Variable names a container can be given: not empty, without '=' (it ends the name), whitespace
   * or control characters; and names and values within the task definition's size limit.
   */
  private static void checkVariables(Fields container, String key, Map<String, String> variables) {
    Optional<YamlNode> node = container.node(key);
    if (node.isEmpty() || !(node.get() instanceof YamlNode.Mapping mapping)) return;
    long bytes = 0;
    for (Map.Entry<String, YamlNode.Mapping.Entry> entry : mapping.entries().entrySet()) {
      String name = entry.getKey();
      if (name.isBlank()
          || name.chars()
              .anyMatch(c -> c == '=' || Character.isWhitespace(c) || Character.isISOControl(c)))
        container
            .problems()
            .add(
                entry.getValue().keyAt(),
                Problem.Rule.PATTERN,
                key
                    + " name '"
                    + name
                    + "' is not valid: it must not be empty or contain '=', whitespace or control"
                    + " characters");
      bytes += name.getBytes(StandardCharsets.UTF_8).length;
      String value = variables.get(name);
      if (value != null) bytes += value.getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > TASK_DEFINITION_BYTES)
      container
          .problems()
          .add(
              container.at(key),
              Problem.Rule.CONSTRAINT,
              key
                  + " is "
                  + bytes
                  + " bytes, more than a whole task definition may be (AWS's limit: 64 KiB)");
  }

  private static List<PortMapping> readPortMappings(Fields container) {
    List<PortMapping> ports = container.mappings("portMappings", ServiceSpec::readPortMapping);
    Set<Integer> seen = new HashSet<>();
    for (PortMapping port : ports) {
      if (!seen.add(port.containerPort()))
        container
            .problems()
            .add(
                container.at("portMappings"),
                Problem.Rule.UNIQUE,
                "container port " + port.containerPort() + " is mapped twice");
    }
    return ports;
  }

  private static PortMapping readPortMapping(Fields port) {
    return new PortMapping(
        port.requiredInteger("containerPort", 1, 65535),
        port.oneOf("protocol", Set.of("tcp", "udp")).orElse("tcp"));
  }

  private static LogConfiguration readLogConfiguration(Fields logConfiguration) {
    Fields awslogs = logConfiguration.requiredMapping("awslogs");
    LogConfiguration config =
        new LogConfiguration(
            awslogs.requiredString("group"),
            awslogs.requiredString("region"),
            awslogs.requiredString("streamPrefix"),
            awslogs.bool("createGroup", false));
    awslogs.end();
    logConfiguration.end();
    return config;
  }

  private static HealthCheck readHealthCheck(Fields h) {
    List<String> command = h.strings("command");
    if (command.isEmpty())
      h.problems()
          .add(
              h.at(),
              Problem.Rule.REQUIRED,
              "healthCheck needs a command, such as [CMD-SHELL, curl -f http://localhost/ || exit 1]");
    else if (!Set.of("CMD", "CMD-SHELL", "NONE").contains(command.get(0))) {
      h.problems()
          .add(
              h.at("command"),
              Problem.Rule.ENUM,
              "healthCheck.command must start with CMD, CMD-SHELL or NONE, got '"
                  + command.get(0)
                  + "'");
    }
    int interval = h.integer("intervalSeconds", 5, 300).orElse(30);
    int timeout = h.integer("timeoutSeconds", 2, 60).orElse(5);
    int retries = h.integer("retries", 1, 10).orElse(3);
    int start = h.integer("startPeriodSeconds", 0, 300).orElse(0);
    h.end();
    return new HealthCheck(command, interval, timeout, retries, start);
  }

  /** {@code alarmPrefix}: {@code <cluster>-<service>}, the default alarm names' start. */
  private static AutoScaling readAutoScaling(Fields scaling, String alarmPrefix) {
    int min = scaling.requiredInteger("minTasks", 0, 10000);
    int max = scaling.requiredInteger("maxTasks", 1, 10000);
    Optional<StepScaling> steps =
        scaling.mapping("steps").map(f -> readStepScaling(f, alarmPrefix));
    if (scaling.has("steps") && (scaling.has("cpuTarget") || scaling.has("memoryTarget")))
      scaling
          .problems()
          .add(
              scaling.at("steps"),
              Problem.Rule.REQUIRED,
              "autoScaling takes cpuTarget (target tracking) or steps (step scaling), not both");
    int cpu =
        scaling.has("steps")
            ? scaling.integer("cpuTarget", 1, 100).orElse(0)
            : scaling.requiredInteger("cpuTarget", 1, 100);
    Optional<Integer> memory = scaling.integer("memoryTarget", 1, 100);
    if (scaling.has("minTasks") && scaling.has("maxTasks") && min > max) {
      scaling
          .problems()
          .add(
              scaling.at("minTasks"),
              Problem.Rule.CONSTRAINT,
              "autoScaling.minTasks " + min + " is greater than maxTasks " + max);
    }
    scaling.end();
    return new AutoScaling(min, max, cpu, memory, steps);
  }

  private static StepScaling readStepScaling(Fields steps, String alarmPrefix) {
    String metric = steps.oneOf("metric", STEP_METRICS).orElse("CPUUtilization");
    String statistic = steps.oneOf("statistic", STATISTICS).orElse("Average");
    ScalingStep out = readStep(steps.requiredMapping("scaleOut"), true, alarmPrefix);
    ScalingStep in = readStep(steps.requiredMapping("scaleIn"), false, alarmPrefix);
    if (steps.has("scaleOut")
        && steps.has("scaleIn")
        && out.threshold() > 0
        && in.threshold() >= out.threshold())
      steps
          .problems()
          .add(
              steps.at("scaleIn"),
              Problem.Rule.CONSTRAINT,
              "autoScaling.steps.scaleIn.threshold "
                  + in.threshold()
                  + " must be below scaleOut.threshold "
                  + out.threshold()
                  + " (otherwise both alarms can fire at once)");
    if (!out.alarmName().isEmpty() && out.alarmName().equals(in.alarmName()))
      steps
          .problems()
          .add(
              steps.at("scaleIn"),
              Problem.Rule.UNIQUE,
              "autoScaling.steps.scaleIn.alarmName '"
                  + in.alarmName()
                  + "' is also scaleOut's; each direction needs its own alarm");
    if (!out.policyName().isEmpty() && out.policyName().equals(in.policyName()))
      steps
          .problems()
          .add(
              steps.at("scaleIn"),
              Problem.Rule.UNIQUE,
              "autoScaling.steps.scaleIn.policyName '"
                  + in.policyName()
                  + "' is also scaleOut's; each direction needs its own policy");
    steps.end();
    return new StepScaling(metric, statistic, out, in);
  }

  private static ScalingStep readStep(Fields step, boolean out, String alarmPrefix) {
    String direction = out ? "scale-out" : "scale-in";
    String policy = step.string("policyName").orElse("");
    if (step.has("policyName")
        && (policy.isEmpty()
            || policy.length() > 256
            || policy.contains(":")
            || policy.chars().anyMatch(c -> Character.isISOControl(c)))) {
      step.problems()
          .add(
              step.at("policyName"),
              Problem.Rule.PATTERN,
              "policyName must be 1-256 characters without ':' or control characters, got '"
                  + policy
                  + "'");
      policy = "";
    }
    String alarm = step.string("alarmName").orElse(alarmPrefix + "-" + direction);
    if (alarm.isEmpty()
        || alarm.length() > 255
        || alarm.chars().anyMatch(c -> Character.isISOControl(c))) {
      step.problems()
          .add(
              step.has("alarmName") ? step.at("alarmName") : step.at(),
              Problem.Rule.PATTERN,
              "alarmName must be 1-255 characters without control characters, got '" + alarm + "'");
      alarm = "";
    }
    int threshold = step.requiredInteger("threshold", 0, 100);
    int period = step.integer("periodSeconds", 10, 86400).orElse(300);
    if (period != 10 && period != 30 && period % 60 != 0)
      step.problems()
          .add(
              step.at("periodSeconds"),
              Problem.Rule.RANGE,
              "periodSeconds must be 10, 30 or a multiple of 60, got " + period);
    int evaluations = step.integer("evaluationPeriods", 1, 1440).orElse(1);
    if ((long) period * evaluations > 86400)
      step.problems()
          .add(
              step.at("evaluationPeriods"),
              Problem.Rule.CONSTRAINT,
              "periodSeconds x evaluationPeriods must be at most one day (86400), got "
                  + (long) period * evaluations);
    int tasks = step.integer("tasks", 1, 10000).orElse(1);
    int cooldown = step.integer("cooldownSeconds", 0, 86400).orElse(300);
    step.end();
    return new ScalingStep(out, policy, alarm, threshold, period, evaluations, tasks, cooldown);
  }

  /**
   * Services name a declared cluster and bind to declared target groups of type ip, each bound to
   * one service only; task families are not shared.
   */
  static void check(
      List<ServiceSpec> specs, DesiredState desired, SpecType.Limits limits, Problems problems) {
    Map<String, ServiceSpec> families = new HashMap<>();
    Map<String, ServiceSpec> boundGroups = new HashMap<>();
    Map<String, ServiceSpec> alarms = new HashMap<>();
    for (ServiceSpec service : specs) {
      References.resolve(service.cluster(), desired, ClusterSpec.class, ClusterSpec.KIND, problems);
      String family = service.taskDefinition().family();
      ServiceSpec other = family.isEmpty() ? null : families.putIfAbsent(family, service);
      if (other != null) {
        problems.add(
            service.metadata().at(),
            Problem.Rule.UNIQUE,
            "task definition family '"
                + family
                + "' is already used by service '"
                + other.name()
                + "'");
      }
      checkAlarmNames(service, alarms, problems);
      for (LoadBalancerBinding binding : service.loadBalancers()) {
        References.resolve(
                binding.targetGroup(),
                desired,
                TargetGroupSpec.class,
                TargetGroupSpec.KIND,
                problems)
            .ifPresent(tg -> checkBinding(service, binding, tg, boundGroups, problems));
      }
    }
  }

  /** An alarm name is the account's and region's: two services cannot both use it. */
  private static void checkAlarmNames(
      ServiceSpec service, Map<String, ServiceSpec> alarms, Problems problems) {
    for (ScalingStep step :
        service
            .autoScaling()
            .flatMap(AutoScaling::steps)
            .map(StepScaling::both)
            .orElse(List.of())) {
      if (step.alarmName().isEmpty()) continue;
      ServiceSpec other = alarms.putIfAbsent(step.alarmName(), service);
      if (other != null && other != service)
        problems.add(
            service.metadata().at(),
            Problem.Rule.UNIQUE,
            "alarm '"
                + step.alarmName()
                + "' ("
                + step.direction()
                + ") is already service '"
                + other.name()
                + "''s");
    }
  }

  private static void checkBinding(
      ServiceSpec service,
      LoadBalancerBinding binding,
      TargetGroupSpec tg,
      Map<String, ServiceSpec> boundGroups,
      Problems problems) {
    if (!tg.targetType().equals("ip")) {
      problems.add(
          binding.targetGroup().at(),
          Problem.Rule.REFERENCE,
          "target group '"
              + tg.name()
              + "' has targetType "
              + tg.targetType()
              + "; a Fargate service (awsvpc) registers its tasks by IP and needs targetType ip");
    }
    if (tg.targets().isPresent()) {
      problems.add(
          binding.targetGroup().at(),
          Problem.Rule.REFERENCE,
          "target group '"
              + tg.name()
              + "' already has targets managed by ecsgate (targets:); a service cannot register into it too");
    }
    ServiceSpec owner = boundGroups.putIfAbsent(tg.name(), service);
    if (owner != null && owner != service) {
      problems.add(
          binding.targetGroup().at(),
          Problem.Rule.UNIQUE,
          "target group '" + tg.name() + "' is already bound to service '" + owner.name() + "'");
    }
  }
}
