package io.ecsgate.plan;

import io.ecsgate.aws.EcsSnapshot;
import io.ecsgate.model.Ownership;
import io.ecsgate.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task definitions: the desired definition is compared with the latest ACTIVE revision of its
 * family after both are flattened into one canonical form that ignores what AWS fills in or
 * reorders (environment and secrets order, protocol tcp, essential true, health-check defaults,
 * empty lists). A new revision is registered only when the two really differ.
 */
public final class TaskDefinitionPlanner {
  private static final String KIND = Kinds.TASK_DEFINITION;

  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = context.observed().ecs();
    Ownership ownership = context.ownership();
    for (ServiceSpec service : context.desired().services()) {
      ServiceSpec.TaskDefinition desired = service.taskDefinition();
      Key key = Key.of(KIND, desired.family());
      Optional<EcsSnapshot.FamilyRevision> latest = ecs.latest(desired.family());
      boolean owned = latest.map(r -> ownership.resourceOf(r.tags()).filter(t -> t.equals(KIND + "/" + desired.family())).isPresent()).orElse(false);
      if (service.metadata().suspend()) {
        latest.ifPresent(r -> out.known(key, r.definition().taskDefinitionArn()));
        continue;
      }
      // a revision registered by hand into the family of a service ecsgate manages does not make the family someone else's
      boolean serviceOwned = ecs.servicesOf(service.cluster().name()).stream()
          .anyMatch(s -> s.serviceName().equals(service.name())
              && ownership.resourceOf(EcsSnapshot.tags(s.tags())).filter(r -> r.equals(Kinds.SERVICE + "/" + service.name())).isPresent());
      if (latest.isPresent() && !owned && !serviceOwned && !service.metadata().adopt()) {
        out.add(Action.blocked(KIND, desired.family(), "task definition family '" + desired.family()
            + "' has revisions ecsgate did not register; set metadata.adopt: true on service '" + service.name() + "' to take it over"));
        continue;
      }
      Map<String, String> tags = ownership.tags(KIND, desired.family(), Map.of());
      List<Change> changes = latest.map(r -> differences(desired, r.definition())).orElseGet(() -> differences(desired, null));
      if (latest.isPresent() && changes.isEmpty()) {
        String arn = latest.get().definition().taskDefinitionArn();
        out.known(key, arn);
        if (!owned && !serviceOwned) out.add(Action.adopt(KIND, desired.family(), new EcsTagsStep(arn, tags)));
        continue;
      }
      Step register = new TaskDefinitionStep.Register(desired, tags, context.options().keepTaskDefinitions());
      Action action = latest.isEmpty() ? Action.create(KIND, desired.family(), register, changes)
          : Action.create(KIND, desired.family(), register, changes).because("registers revision " + (latest.get().definition().revision() + 1)
              + " (the latest ACTIVE revision, " + latest.get().definition().revision() + ", differs)");
      out.add(action);
      out.pending(key);
    }
  }

  /** The fields that differ between the desired definition and an actual revision (null: none yet). */
  public static List<Change> differences(ServiceSpec.TaskDefinition desired, TaskDefinition actual) {
    Map<String, String> want = canonical(desired);
    Map<String, String> have = actual == null ? Map.of() : canonical(actual);
    List<Change> changes = new ArrayList<>();
    TreeSet<String> fields = new TreeSet<>(want.keySet());
    fields.addAll(have.keySet());
    for (String field : fields) {
      String w = want.get(field);
      String h = have.get(field);
      if (w == null ? h != null : !w.equals(h)) changes.add(Change.of(field, h == null ? "(none)" : h, w == null ? "(none)" : w));
    }
    return changes;
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
      c.logConfiguration().ifPresent(l -> fields.put(p + ".logConfiguration",
          "awslogs " + new TreeMap<>(Map.of("awslogs-group", l.group(), "awslogs-region", l.region(), "awslogs-stream-prefix", l.streamPrefix()))));
      c.healthCheck().ifPresent(h -> fields.put(p + ".healthCheck", healthCheck(h.command(), h.intervalSeconds(), h.timeoutSeconds(), h.retries(), h.startPeriodSeconds())));
      c.memoryReservation().ifPresent(m -> fields.put(p + ".memoryReservation", String.valueOf(m)));
    }
    return fields;
  }

  /** An actual revision as flat {@code field -> value}, in the same form; fields the YAML cannot express are left out. */
  public static Map<String, String> canonical(TaskDefinition actual) {
    Map<String, String> fields = new TreeMap<>();
    putIfSet(fields, "cpu", actual.cpu());
    putIfSet(fields, "memory", actual.memory());
    putIfSet(fields, "networkMode", actual.networkModeAsString());
    List<String> compatibilities = new ArrayList<>(actual.requiresCompatibilitiesAsStrings());
    compatibilities.sort(null);
    if (!compatibilities.isEmpty()) fields.put("requiresCompatibilities", String.join(",", compatibilities));
    putIfSet(fields, "taskRoleArn", actual.taskRoleArn());
    putIfSet(fields, "executionRoleArn", actual.executionRoleArn());
    for (ContainerDefinition c : actual.containerDefinitions()) {
      String p = "containers[" + c.name() + "]";
      fields.put(p, "present");
      putIfSet(fields, p + ".image", c.image());
      fields.put(p + ".essential", String.valueOf(c.essential() == null || c.essential()));
      List<String> ports = new ArrayList<>();
      for (PortMapping m : c.portMappings()) ports.add(m.containerPort() + "/" + (m.protocol() == null ? "tcp" : m.protocolAsString()));
      putList(fields, p + ".portMappings", ports);
      for (KeyValuePair env : c.environment()) fields.put(p + ".environment." + env.name(), env.value() == null ? "" : env.value());
      for (Secret secret : c.secrets()) fields.put(p + ".secrets." + secret.name(), secret.valueFrom());
      if (c.logConfiguration() != null) {
        fields.put(p + ".logConfiguration", c.logConfiguration().logDriverAsString() + " " + new TreeMap<>(c.logConfiguration().options()));
      }
      if (c.healthCheck() != null) {
        var h = c.healthCheck();
        fields.put(p + ".healthCheck", healthCheck(h.command(), orDefault(h.interval(), 30), orDefault(h.timeout(), 5), orDefault(h.retries(), 3),
            orDefault(h.startPeriod(), 0)));
      }
      if (c.memoryReservation() != null) fields.put(p + ".memoryReservation", String.valueOf(c.memoryReservation()));
    }
    return fields;
  }

  private static String healthCheck(List<String> command, int interval, int timeout, int retries, int startPeriod) {
    return command + " every " + interval + "s, timeout " + timeout + "s, " + retries + " retries, start period " + startPeriod + "s";
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
