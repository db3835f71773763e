package io.ecsgate.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default limits hold, measured on a fake clock that moves only when a caller waits: no test
 * sleeps.
 */
class ApiRateLimiterTest {

  /** Time moves only when the limiter parks a caller. */
  static final class FakeTicker implements ApiRateLimiter.Ticker {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void park(long nanos) {
      now += nanos;
    }

    Duration elapsedSince(long start) {
      return Duration.ofNanos(now - start);
    }
  }

  private final FakeTicker ticker = new FakeTicker();

  /**
   * The fake time at which each of {@code n} back-to-back calls was let through, from the first
   * call.
   */
  private List<Duration> calls(ApiRateLimiter limiter, String service, String operation, int n)
      throws InterruptedException {
    long start = ticker.now;
    List<Duration> at = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      limiter.acquire(service, operation);
      at.add(ticker.elapsedSince(start));
    }
    return at;
  }

  private static void assertAbout(Duration expected, Duration actual) {
    assertTrue(
        Math.abs(expected.toMillis() - actual.toMillis()) <= 5,
        "expected about " + expected + ", got " + actual);
  }

  @Test
  void aSecondCreateDeploymentWithinFiveSecondsWaitsAboutFiveSeconds() throws Exception {
    List<Duration> at =
        calls(
            new ApiRateLimiter(ApiRateLimits.defaults(), ticker),
            "apigateway",
            "CreateDeployment",
            3);
    assertEquals(Duration.ZERO, at.get(0));
    assertAbout(Duration.ofSeconds(5), at.get(1));
    assertAbout(Duration.ofSeconds(10), at.get(2));
  }

  @Test
  void getResourcesTakesFiveAtOnceThenFiveEveryTwoSeconds() throws Exception {
    List<Duration> at =
        calls(
            new ApiRateLimiter(ApiRateLimits.defaults(), ticker), "apigateway", "GetResources", 15);
    assertEquals(Duration.ZERO, at.get(4), "a burst of 5");
    assertAbout(Duration.ofMillis(400), at.get(5));
    assertAbout(Duration.ofSeconds(4), at.get(14));
  }

  @Test
  void apiGatewayAsAWholeIsHeldToTenASecond() throws Exception {
    ApiRateLimiter limiter = new ApiRateLimiter(ApiRateLimits.defaults(), ticker);
    long start = ticker.now;
    for (int i = 0; i < 15; i++) {
      limiter.acquire("apigateway", "GetRestApis");
      limiter.acquire("apigateway", "GetStage");
    }
    // 30 calls of two operations share one bucket: 10 at once, 20 more at 10 a second
    assertAbout(Duration.ofSeconds(2), ticker.elapsedSince(start));
  }

  @Test
  void everyElbCallSharesTenASecond() throws Exception {
    ApiRateLimiter limiter = new ApiRateLimiter(ApiRateLimits.defaults(), ticker);
    long start = ticker.now;
    String[] operations = {
      "DescribeLoadBalancers",
      "DescribeTargetGroups",
      "ModifyRule",
      "RegisterTargets",
      "DescribeTags"
    };
    for (int i = 0; i < 100; i++) limiter.acquire("elb", operations[i % operations.length]);
    assertAbout(Duration.ofSeconds(9), ticker.elapsedSince(start));
  }

  @Test
  void ecsServiceChangesAreHeldToFiveASecondAndTaskDefinitionsToOne() throws Exception {
    ApiRateLimiter limiter = new ApiRateLimiter(ApiRateLimits.defaults(), ticker);
    assertAbout(Duration.ofSeconds(2), calls(limiter, "ecs", "UpdateService", 15).get(14));
    ApiRateLimiter fresh = new ApiRateLimiter(ApiRateLimits.defaults(), new FakeTicker());
    FakeTicker t = new FakeTicker();
    ApiRateLimiter registering = new ApiRateLimiter(ApiRateLimits.defaults(), t);
    long start = t.now;
    for (int i = 0; i < 4; i++) registering.acquire("ecs", "RegisterTaskDefinition");
    assertAbout(Duration.ofSeconds(3), Duration.ofNanos(t.now - start));
    assertTrue(
        fresh.bucketsFor("ecs", "DescribeServices").size() == 2,
        "ECS reads: their own bucket and the ECS total");
  }

  @Test
  void ec2AndAutoScalingHaveDefaultsToo() throws Exception {
    ApiRateLimiter limiter = new ApiRateLimiter(ApiRateLimits.defaults(), ticker);
    assertAbout(
        Duration.ofSeconds(3), calls(limiter, "ec2", "DescribeNetworkInterfaces", 100).get(99));
    ApiRateLimiter scaling = new ApiRateLimiter(ApiRateLimits.defaults(), ticker);
    assertAbout(
        Duration.ofSeconds(2), calls(scaling, "autoscaling", "PutScalingPolicy", 20).get(19));
  }

  @Test
  void anOverrideReplacesTheDefaultForTheSameOperationsAndAddsNewOnes() throws Exception {
    ApiRateLimits limits =
        ApiRateLimits.defaultsWith(
            List.of("apigateway:CreateDeployment=1:1", "elb:Describe.*=2:2"));
    assertEquals(ApiRateLimits.defaults().rules().size() + 1, limits.rules().size());
    ApiRateLimiter limiter = new ApiRateLimiter(limits, ticker);
    assertAbout(Duration.ofSeconds(1), calls(limiter, "apigateway", "CreateDeployment", 2).get(1));
    FakeTicker t = new FakeTicker();
    ApiRateLimiter elb = new ApiRateLimiter(limits, t);
    for (int i = 0; i < 6; i++) elb.acquire("elb", "DescribeRules");
    assertAbout(Duration.ofSeconds(2), Duration.ofNanos(t.now - 1_000_000_000L));
  }

  @Test
  void aServiceWithoutRulesIsNotHeld() throws Exception {
    ApiRateLimiter limiter = new ApiRateLimiter(ApiRateLimits.defaults(), ticker);
    assertEquals(Duration.ZERO, calls(limiter, "sts", "GetCallerIdentity", 100).get(99));
  }

  @Test
  void malformedThrottleRulesAreAllReportedClearly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ApiRateLimits.defaultsWith(
                    List.of(
                        "s3:GetObject=1:1",
                        "elb:([=1:1",
                        "ecs:UpdateService=0:1",
                        "apigateway:GetStage=fast:1",
                        "elb:X=1:0",
                        "nonsense")));
    String message = e.getMessage();
    assertTrue(message.startsWith("--aws-api-throttle: "), message);
    for (String expected :
        new String[] {
          "'s3:GetObject=1:1': unknown service 's3'",
          "'elb:([=1:1': invalid operation regex",
          "'ecs:UpdateService=0:1': rate must be above 0",
          "rate 'fast' is not a number",
          "burst must be at least 1",
          "'nonsense': not of the form"
        }) {
      assertTrue(message.contains(expected), "missing <" + expected + "> in " + message);
    }
    assertTrue(
        message.contains(
            "services: apigateway, autoscaling, cloudwatch, dynamodb, ec2, ecr, ecs, elb, iam, logs"),
        message);
  }

  @Test
  void sdkServiceNamesMapToTheShortNames() {
    assertEquals("elb", AwsServices.shortName("ElasticLoadBalancingV2"));
    assertEquals("elb", AwsServices.shortName("Elastic Load Balancing v2"));
    assertEquals("ec2", AwsServices.shortName("EC2"));
    assertEquals("apigateway", AwsServices.shortName("API Gateway"));
    assertEquals("autoscaling", AwsServices.shortName("ApplicationAutoScaling"));
    assertEquals("ecs", AwsServices.shortName("Ecs"));
  }
}
