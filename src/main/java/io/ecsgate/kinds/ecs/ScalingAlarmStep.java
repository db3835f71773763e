package io.ecsgate.kinds.ecs;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * One step scaling alarm: PutMetricAlarm with its whole definition and its policy's ARN (looked up
 * at apply time: the same apply may create the policy) as its only action; {@code tags} (ecsgate's)
 * only when it creates or adopts the alarm (on an existing alarm AWS ignores PutMetricAlarm's tags,
 * so an adoption, {@code adoptArn} not null, tags it with TagResource first). {@code put} false:
 * only the adoption's tags.
 */
public record ScalingAlarmStep(
    Key service, Key policy, Alarm alarm, boolean put, Map<String, String> tags, String adoptArn)
    implements Step {

  /** What ecsgate declares of an alarm. */
  public record Alarm(
      String name,
      String metric,
      String statistic,
      String cluster,
      String serviceName,
      int threshold,
      boolean out,
      int periodSeconds,
      int evaluationPeriods) {
    public List<Dimension> dimensions() {
      return List.of(
          Dimension.builder().name("ClusterName").value(cluster).build(),
          Dimension.builder().name("ServiceName").value(serviceName).build());
    }

    public ComparisonOperator comparison() {
      return out
          ? ComparisonOperator.GREATER_THAN_THRESHOLD
          : ComparisonOperator.LESS_THAN_THRESHOLD;
    }
  }

  public ScalingAlarmStep {
    tags = Map.copyOf(tags);
  }

  @Override
  public List<Key> needs() {
    return List.of(service, policy);
  }

  @Override
  public String run(AwsClients aws, Ids ids) {
    List<Tag> tagList =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    if (adoptArn != null) aws.cloudWatch().tagResource(r -> r.resourceARN(adoptArn).tags(tagList));
    // the alarm's name is its ID: the inventory's entry of a creation or an adoption
    ids.put(Key.of(ScalingAlarmPlanner.KIND, alarm.name()), alarm.name());
    if (!put) return "tagged alarm " + alarm.name();
    String policyArn = ids.get(policy);
    aws.cloudWatch()
        .putMetricAlarm(
            r -> {
              r.alarmName(alarm.name())
                  .namespace("AWS/ECS")
                  .metricName(alarm.metric())
                  .dimensions(alarm.dimensions())
                  .statistic(alarm.statistic())
                  .period(alarm.periodSeconds())
                  .evaluationPeriods(alarm.evaluationPeriods())
                  .threshold((double) alarm.threshold())
                  .comparisonOperator(alarm.comparison())
                  .alarmActions(policyArn);
              if (adoptArn == null && !tagList.isEmpty()) r.tags(tagList);
            });
    return "put alarm " + alarm.name();
  }

  /** DeleteAlarms: an owned alarm of step scaling no longer declared. */
  public record Delete(String name) implements Step {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.cloudWatch().deleteAlarms(r -> r.alarmNames(name));
      return "deleted alarm " + name;
    }
  }
}
