package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task definitions: the desired definition is compared with the latest ACTIVE revision of its
 * family after both are flattened into one canonical form that ignores what AWS fills in or
 * reorders (environment and secrets order, protocol tcp, essential true, health-check defaults,
 * empty lists). A new revision is registered only when the two really differ, and only when what it
 * references exists ({@link TaskReferenceChecks}): otherwise the family is blocked, naming what is
 * missing.
 */
public final class TaskDefinitionPlanner implements Kind.Planner {
  public static final String KIND = "TaskDefinition";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    EcsSnapshot ecs = EcsSnapshot.of(context.observed());
    for (ServiceSpec service : context.desired().all(ServiceSpec.class))
      plan(context, ecs, service, out);
    pruneWithUndeclaredServices(context, ecs, out);
  }

  /**
   * The owned ACTIVE revisions of the family an undeclared owned service runs (unless a declared
   * service uses that family) are deregistered with it under {@code --prune}, after the service.
   */
  private static void pruneWithUndeclaredServices(
      PlanContext context, EcsSnapshot ecs, PlanBuilder out) {
    java.util.Set<String> declared = new java.util.HashSet<>();
    java.util.Set<String> declaredFamilies = new java.util.HashSet<>();
    for (ServiceSpec service : context.desired().all(ServiceSpec.class)) {
      declared.add(service.name());
      declaredFamilies.add(service.taskDefinition().family());
    }
    Map<String, Key> owners = new java.util.TreeMap<>();
    ecs.undeclaredOwnedServices(context.ownership(), declared)
        .forEach(
            s ->
                owners.putIfAbsent(
                    s.family(), Key.of(ServiceSpec.KIND, s.service().serviceName())));
    declaredFamilies.forEach(owners::remove);
    for (String family : owners.keySet())
      for (EcsSnapshot.Revision revision : ecs.activeRevisions(family)) {
        if (!context.ownership().taggedAs(revision.tags(), KIND, family)) continue;
        out.deleteWith(
            owners.get(family),
            KIND,
            family + ":" + revision.number(),
            new TaskDefinitionStep.Deregister(revision.arn()),
            "its service is no longer declared; its owned revisions are deregistered with it");
      }
  }

  private static void plan(
      PlanContext context, EcsSnapshot ecs, ServiceSpec service, PlanBuilder out) {
    ServiceSpec.TaskDefinition desired = service.taskDefinition();
    Key key = Key.of(KIND, desired.family());
    Optional<EcsSnapshot.FamilyRevision> latest = ecs.latest(desired.family());
    if (service.metadata().suspend()) {
      latest.ifPresent(r -> out.known(key, r.definition().taskDefinitionArn()));
      return;
    }
    boolean ours = isOurs(context.ownership(), ecs, service, latest);
    if (latest.isPresent() && !ours && !service.metadata().adopt()) {
      out.add(
          Action.blocked(
              KIND,
              desired.family(),
              "task definition family '"
                  + desired.family()
                  + "' has revisions ecsgate did not register; set metadata.adopt: true on service '"
                  + service.name()
                  + "' to take it over"));
      return;
    }
    List<String> refused = rolesNotPassable(context.options(), desired);
    if (!refused.isEmpty()) {
      out.add(
          Action.blocked(
              KIND,
              desired.family(),
              "service "
                  + service.name()
                  + " names "
                  + String.join(" and ", refused)
                  + ", which --pass-role does not list: ecsgate passes only the roles it names"));
      return;
    }
    Map<String, String> tags = context.ownership().tags(KIND, desired.family(), Map.of());
    List<Change> changes =
        differences(desired, latest.map(EcsSnapshot.FamilyRevision::definition).orElse(null));
    if (latest.isPresent() && changes.isEmpty()) {
      String arn = latest.get().definition().taskDefinitionArn();
      out.known(key, arn);
      if (!ours) out.add(Action.adopt(KIND, desired.family(), new EcsTagsStep(arn, tags)));
      return;
    }
    List<String> problems = TaskReferenceChecks.problems(service, ecs.references());
    if (!problems.isEmpty()) {
      out.add(
          Action.blocked(
              KIND,
              desired.family(),
              "service " + service.name() + " cannot run: " + String.join("; ", problems)));
      return;
    }
    out.add(
        register(
            desired,
            tags,
            latest,
            changes,
            TaskReferenceChecks.groupsCreated(service, ecs.references(), out)));
    out.pending(key);
    deregisterBeyondKept(context, desired.family(), out);
  }

  /**
   * The task and execution roles of the definition that {@code --pass-role} does not allow, each as
   * {@code task role <arn>}: registering the definition would pass them to ECS tasks.
   */
  static List<String> rolesNotPassable(
      io.ecsgate.core.PlanOptions options, ServiceSpec.TaskDefinition desired) {
    List<String> refused = new ArrayList<>();
    desired
        .taskRoleArn()
        .filter(arn -> !options.mayPassRole(arn))
        .ifPresent(arn -> refused.add("task role " + arn));
    desired
        .executionRoleArn()
        .filter(arn -> !options.mayPassRole(arn))
        .ifPresent(arn -> refused.add("execution role " + arn));
    return refused;
  }

  /**
   * The family's latest revision is ecsgate's, or its service is: a revision registered by hand
   * into the family of a service ecsgate manages does not make the family someone else's.
   */
  private static boolean isOurs(
      Ownership ownership,
      EcsSnapshot ecs,
      ServiceSpec service,
      Optional<EcsSnapshot.FamilyRevision> latest) {
    String family = service.taskDefinition().family();
    return latest.map(r -> ownership.taggedAs(r.tags(), KIND, family)).orElse(false)
        || ecs.service(service.cluster().name(), service.name())
            .filter(
                s ->
                    ownership.isResource(
                        EcsSnapshot.tags(s.tags()),
                        ServiceSpec.KIND,
                        service.name(),
                        s.serviceArn()))
            .isPresent();
  }

  private static Action register(
      ServiceSpec.TaskDefinition desired,
      Map<String, String> tags,
      Optional<EcsSnapshot.FamilyRevision> latest,
      List<Change> changes,
      List<Key> logGroups) {
    Action register =
        Action.create(
            KIND,
            desired.family(),
            new TaskDefinitionStep.Register(desired, tags, logGroups),
            changes);
    if (latest.isEmpty()) return register;
    int revision = latest.get().definition().revision();
    return register.because(
        "registers revision "
            + (revision + 1)
            + " (the latest ACTIVE revision, "
            + revision
            + ", differs)");
  }

  /**
   * The owned ACTIVE revisions a registration pushes beyond the newest {@code
   * --keep-task-definitions} (the new revision is one of those kept): each a deletion of a part of
   * the family, run after the services have moved to the new revision.
   */
  private static void deregisterBeyondKept(PlanContext context, String family, PlanBuilder out) {
    int keep = context.options().keepTaskDefinitions();
    if (keep <= 0) return;
    List<EcsSnapshot.Revision> revisions =
        EcsSnapshot.of(context.observed()).activeRevisions(family);
    for (EcsSnapshot.Revision revision :
        revisions.subList(Math.min(keep - 1, revisions.size()), revisions.size())) {
      if (!context.ownership().taggedAs(revision.tags(), KIND, family)) continue;
      out.delete(
          KIND,
          family + ":" + revision.number(),
          new TaskDefinitionStep.Deregister(revision.arn()),
          Deletes.PART,
          "an old revision beyond the newest " + keep + " (--keep-task-definitions)");
    }
  }

  /**
   * The fields that differ between the desired definition and an actual revision (null: none yet).
   */
  public static List<Change> differences(
      ServiceSpec.TaskDefinition desired, TaskDefinition actual) {
    Map<String, String> want = canonical(desired);
    Map<String, String> have = actual == null ? Map.of() : canonical(actual);
    List<Change> changes = new ArrayList<>();
    TreeSet<String> fields = new TreeSet<>(want.keySet());
    fields.addAll(have.keySet());
    for (String field : fields) {
      String w = want.get(field);
      String h = have.get(field);
      if (w == null ? h != null : !w.equals(h))
        changes.add(Change.of(field, h == null ? "(none)" : h, w == null ? "(none)" : w));
    }
    return changes;
  }

  public static Map<String, String> canonical(ServiceSpec.TaskDefinition desired) {
    return TaskDefinitions.canonical(desired);
  }

  public static Map<String, String> canonical(TaskDefinition actual) {
    return TaskDefinitions.canonical(actual);
  }
}
