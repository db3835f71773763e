package io.ecsgate.aws;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The short service names ecsgate uses in flags, logs and metric labels ({@code elb}, {@code ec2},
 * {@code ecs}, {@code apigateway}, {@code autoscaling}, {@code sts}, {@code ecr}, {@code iam},
 * {@code logs}, {@code cloudwatch}, {@code dynamodb} for the state table), from the SDK's service
 * name or service id. API Gateway V2 (VPC links V2) counts as {@code apigateway}.
 */
public final class AwsServices {
  public static final Set<String> KNOWN =
      Set.of(
          "elb",
          "ec2",
          "ecs",
          "apigateway",
          "autoscaling",
          "sts",
          "ecr",
          "iam",
          "logs",
          "cloudwatch",
          "dynamodb");

  private static final Map<String, String> ALIASES =
      Map.of(
          "elasticloadbalancingv2", "elb",
          "elasticloadbalancing", "elb",
          "applicationautoscaling", "autoscaling",
          // VPC links V2: the same service, IAM namespace and account-wide rate limits
          "apigatewayv2", "apigateway",
          "cloudwatchlogs", "logs");

  private AwsServices() {}

  /** {@code ElasticLoadBalancingV2} or {@code Elastic Load Balancing v2} → {@code elb}. */
  public static String shortName(String sdkName) {
    if (sdkName == null) return "unknown";
    String normalized = sdkName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return ALIASES.getOrDefault(normalized, normalized);
  }
}
