package io.ecsgate.kinds.ecs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The CloudWatch reads of step scaling: the named metric alarms (DescribeAlarms takes at most 100
 * names and returns at most 100 a page), then each found alarm's tags (ListTagsForResource takes
 * one ARN), which say whether ecsgate owns it.
 */
public final class AlarmReads {
  /** DescribeAlarms: at most 100 alarm names a call, and 100 records a page. */
  public static final int ALARMS_BATCH = 100;

  private final CloudWatchClient cloudWatch;

  public AlarmReads(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  /** The metric alarms of those names that exist, each with its tags. */
  public List<EcsSnapshot.ObservedAlarm> read(Collection<String> names) {
    return read(names, new HashMap<>());
  }

  /**
   * As {@link #read(Collection)}, but an alarm whose ARN {@code knownTags} holds keeps those tags
   * (read at an earlier observation) and is not asked for them again; the tags read are added to
   * it.
   */
  public List<EcsSnapshot.ObservedAlarm> read(
      Collection<String> names, Map<String, Map<String, String>> knownTags) {
    List<EcsSnapshot.ObservedAlarm> found = new ArrayList<>();
    for (List<String> batch : EcsReads.batches(names, ALARMS_BATCH)) {
      String token = null;
      do {
        String next = token;
        DescribeAlarmsResponse page =
            cloudWatch.describeAlarms(
                r -> r.alarmNames(batch).maxRecords(ALARMS_BATCH).nextToken(next));
        for (MetricAlarm alarm : page.metricAlarms()) {
          Map<String, String> tags = knownTags.get(alarm.alarmArn());
          if (tags == null) {
            tags = tagsOf(alarm);
            knownTags.put(alarm.alarmArn(), tags);
          }
          found.add(new EcsSnapshot.ObservedAlarm(alarm, tags));
        }
        token = page.nextToken();
      } while (token != null && !token.isEmpty());
    }
    return found;
  }

  private Map<String, String> tagsOf(MetricAlarm alarm) {
    Map<String, String> tags = new HashMap<>();
    cloudWatch
        .listTagsForResource(r -> r.resourceARN(alarm.alarmArn()))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return Map.copyOf(tags);
  }
}
