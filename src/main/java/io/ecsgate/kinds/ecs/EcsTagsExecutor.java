package io.ecsgate.kinds.ecs;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;

/** TagResource on ECS clusters, services and task definition revisions. */
public final class EcsTagsExecutor implements Executor {
  private final EcsClient ecs;

  public EcsTagsExecutor(EcsClient ecs) {
    this.ecs = ecs;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof EcsTagsStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    EcsTagsStep step = (EcsTagsStep) action.step();
    ecs.tagResource(r -> r.resourceArn(step.arn()).tags(tags(step.add())));
    return "tagged " + step.arn();
  }

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
