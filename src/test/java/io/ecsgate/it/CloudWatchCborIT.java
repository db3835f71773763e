package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsgate.testing.Emulator;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The harness closes the emulator's CloudWatch gap (src/test/moto/patch_cloudwatch.py): the SDK's
 * client, which speaks RPC v2 CBOR, creates, reads and deletes the walk-through's scale-out alarm.
 */
@ExtendWith(Emulator.class)
class CloudWatchCborIT {
  private static final String ALARM = "ECS_Fargate_Container_Scaleout_CPU_Utilisation";

  @Test
  void theSdksCborClientPutsDescribesAndDeletesAnAlarm(Emulator aws) {
    try (CloudWatchClient cloudWatch =
        CloudWatchClient.builder()
            .region(Region.of(Emulator.REGION))
            .endpointOverride(URI.create(aws.endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      cloudWatch.putMetricAlarm(
          r ->
              r.alarmName(ALARM)
                  .namespace("AWS/ECS")
                  .metricName("CPUUtilization")
                  .dimensions(
                      d -> d.name("ClusterName").value("ecs-fargate-cluster"),
                      d -> d.name("ServiceName").value("ecs-fargate-demo1-service"))
                  .statistic(Statistic.MINIMUM)
                  .period(300)
                  .evaluationPeriods(1)
                  .threshold(70.0)
                  .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                  .alarmActions("arn:aws:autoscaling:us-west-2:123456789012:scalingPolicy:x")
                  .tags(t -> t.key("ecsgate:managed-by").value("ecsgate")));

      List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames(ALARM)).metricAlarms();

      assertEquals(1, alarms.size());
      MetricAlarm alarm = alarms.get(0);
      assertEquals(70.0, alarm.threshold());
      assertEquals(300, alarm.period());
      assertEquals(Statistic.MINIMUM, alarm.statistic());
      assertEquals(ComparisonOperator.GREATER_THAN_THRESHOLD, alarm.comparisonOperator());
      assertEquals(2, alarm.dimensions().size());
      assertNotNull(alarm.stateUpdatedTimestamp(), "timestamps come back as CBOR timestamps");
      cloudWatch.deleteAlarms(r -> r.alarmNames(ALARM));
      assertEquals(List.of(), cloudWatch.describeAlarms(r -> r.alarmNames(ALARM)).metricAlarms());
      assertThrows(
          CloudWatchException.class,
          () -> cloudWatch.getDashboard(r -> r.dashboardName("none")),
          "an error answer is an SDK exception");
    }
  }
}
