package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The awslogs groups ecsgate creates: a container's group that is missing when its task definition
 * is about to be registered, if the YAML says {@code createGroup: true}. Created with ecsgate's
 * tags ({@code LogGroup/<name>}), before the registration that needs it; never deleted.
 */
public final class LogGroupPlanner implements Kind.Planner {
  public static final String KIND = "LogGroup";

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    TaskReferences references = EcsSnapshot.of(context.observed()).references();
    Set<String> planned = new HashSet<>();
    for (ServiceSpec service : context.desired().all(ServiceSpec.class)) {
      if (service.metadata().suspend()) continue;
      for (String group : TaskReferenceChecks.groupsToCreate(service, references)) {
        if (!planned.add(group)) continue;
        out.add(
            Action.create(
                KIND,
                group,
                new TaskDefinitionStep.CreateLogGroup(
                    group, context.ownership().tags(KIND, group, service.tags())),
                List.of(Change.of("logGroup", "(none)", group))));
        out.pending(Key.of(KIND, group));
      }
    }
  }
}
