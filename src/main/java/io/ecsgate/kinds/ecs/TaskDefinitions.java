package io.ecsgate.kinds.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task definitions in one canonical form, flat {@code field -> value}, that ignores what AWS fills
 * in or reorders (environment and secrets order, protocol tcp, essential true, health-check
 * defaults, hostPort, empty lists versus absent ones): two definitions are the same to AWS exactly
 * when their canonical forms are equal.
 */
public final class TaskDefinitions {
  private TaskDefinitions() {}

  public static boolean same(ServiceSpec.TaskDefinition desired, TaskDefinition actual) {
    return canonical(desired).equals(canonical(actual));
  }

  /** The desired definition as flat {@code field -> value}, with AWS's defaults written out. */
  public static Map<String, String> canonical(ServiceSpec.TaskDefinition desired) {
    Map<String, String> fields = new TreeMap<>();
    fields.put("cpu", String.valueOf(desired.cpu()));
    fields.put("memory", String.valueOf(desired.memory()));
    fields.put("networkMode", "awsvpc");
    fields.put("requiresCompatibilities", "FARGATE");
    desired.taskRoleArn().ifPresent(arn -> fields.put("taskRoleArn", arn));
    desired.executionRoleArn().ifPresent(arn -> fields.put("executionRoleArn", arn));
    for (ServiceSpec.Container c : desired.containers()) {
      String p = "containers[" + c.name() + "]";
      fields.put(p, "present");
      fields.put(p + ".image", c.image());
      fields.put(p + ".essential", String.valueOf(c.essential()));
      List<String> ports = new ArrayList<>();
      c.portMappings().forEach(m -> ports.add(m.containerPort() + "/" + m.protocol()));
      putList(fields, p + ".portMappings", ports);
      c.environment().forEach((k, v) -> fields.put(p + ".environment." + k, v));
      c.secrets().forEach((k, v) -> fields.put(p + ".secrets." + k, v));
      c.logConfiguration()
          .ifPresent(
              l -> fields.put(p + ".logConfiguration", "awslogs " + new TreeMap<>(l.options())));
      c.healthCheck()
          .ifPresent(
              h ->
                  fields.put(
                      p + ".healthCheck",
                      healthCheck(
                          h.command(),
                          h.intervalSeconds(),
                          h.timeoutSeconds(),
                          h.retries(),
                          h.startPeriodSeconds())));
      c.memoryReservation().ifPresent(m -> fields.put(p + ".memoryReservation", String.valueOf(m)));
    }
    return fields;
  }

  /**
   * An actual revision as flat {@code field -> value}, in the same form; fields the YAML cannot
   * express are left out.
   */
  public static Map<String, String> canonical(TaskDefinition actual) {
    Map<String, String> fields = new TreeMap<>();
    putIfSet(fields, "cpu", actual.cpu());
    putIfSet(fields, "memory", actual.memory());
    putIfSet(fields, "networkMode", actual.networkModeAsString());
    List<String> compatibilities = new ArrayList<>(actual.requiresCompatibilitiesAsStrings());
    compatibilities.sort(null);
    if (!compatibilities.isEmpty())
      fields.put("requiresCompatibilities", String.join(",", compatibilities));
    putIfSet(fields, "taskRoleArn", actual.taskRoleArn());
    putIfSet(fields, "executionRoleArn", actual.executionRoleArn());
    for (ContainerDefinition c : actual.containerDefinitions()) {
      String p = "containers[" + c.name() + "]";
      fields.put(p, "present");
      putIfSet(fields, p + ".image", c.image());
      fields.put(p + ".essential", String.valueOf(c.essential() == null || c.essential()));
      List<String> ports = new ArrayList<>();
      for (PortMapping m : c.portMappings())
        ports.add(m.containerPort() + "/" + (m.protocol() == null ? "tcp" : m.protocolAsString()));
      putList(fields, p + ".portMappings", ports);
      for (KeyValuePair env : c.environment())
        fields.put(p + ".environment." + env.name(), env.value() == null ? "" : env.value());
      for (Secret secret : c.secrets())
        fields.put(p + ".secrets." + secret.name(), secret.valueFrom());
      if (c.logConfiguration() != null) {
        fields.put(
            p + ".logConfiguration",
            c.logConfiguration().logDriverAsString()
                + " "
                + new TreeMap<>(c.logConfiguration().options()));
      }
      if (c.healthCheck() != null) {
        var h = c.healthCheck();
        fields.put(
            p + ".healthCheck",
            healthCheck(
                h.command(),
                orDefault(h.interval(), 30),
                orDefault(h.timeout(), 5),
                orDefault(h.retries(), 3),
                orDefault(h.startPeriod(), 0)));
      }
      if (c.memoryReservation() != null)
        fields.put(p + ".memoryReservation", String.valueOf(c.memoryReservation()));
    }
    return fields;
  }

  private static String healthCheck(
      List<String> command, int interval, int timeout, int retries, int startPeriod) {
    return command
        + " every "
        + interval
        + "s, timeout "
        + timeout
        + "s, "
        + retries
        + " retries, start period "
        + startPeriod
        + "s";
  }

  private static int orDefault(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  private static void putList(Map<String, String> fields, String field, List<String> values) {
    if (values.isEmpty()) return; // an empty list and an absent one are the same to AWS
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(null);
    fields.put(field, String.join(",", sorted));
  }

  private static void putIfSet(Map<String, String> fields, String field, String value) {
    if (value != null && !value.isEmpty()) fields.put(field, value);
  }
}
