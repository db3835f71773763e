package io.ecsgate.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Client-side rate limits: one token bucket per rule, a rule being {@code
 * service:operationRegex=rate:burst} (rate in calls per second, fractions allowed: {@code 0.2} is
 * one call every 5 s). A call takes a token from every rule whose service is its service and whose
 * regex matches its whole operation name, so {@code apigateway:.*} caps the service in total while
 * {@code apigateway:GetResources} caps one operation within it. The defaults stay under AWS's
 * documented account quotas.
 */
public record ApiRateLimits(List<Rule> rules) {

  public ApiRateLimits {
    rules = List.copyOf(rules);
  }

  public record Rule(String service, Pattern operations, double ratePerSecond, long burst) {
    public boolean matches(String service, String operation) {
      return this.service.equals(service) && operations.matcher(operation).matches();
    }

    public String id() {
      return service + ":" + operations.pattern();
    }

    @Override
    public String toString() {
      return id() + "=" + format(ratePerSecond) + ":" + burst;
    }
  }

  /** The defaults (README, "Every AWS call is rate-limited"). */
  public static final String DEFAULTS =
      "elb:.*=10:10," // ELB: 10 rps shared by every ELB call in the account
          + "ec2:.*=20:40," // EC2 reads (network interfaces, VPC names): far below EC2's buckets
          + "ecs:(Describe|List).*=20:40," // ECS reads
          + "ecs:(CreateService|UpdateService|DeleteService)=5:5," // ECS service modify
          + "ecs:RegisterTaskDefinition=1:1,"
          + "ecs:.*=20:40," // everything ECS together
          + "apigateway:.*=10:10," // API Gateway: 10 rps for the account
          + "apigateway:GetResources=2.5:5," // 5 per 2 s
          + "apigateway:CreateDeployment=0.2:1," // 1 per 5 s
          + "autoscaling:.*=5:10," // Application Auto Scaling
          + "ecr:.*=5:10," // ECR image look-ups (the checks of a task definition's images)
          + "iam:.*=5:10," // IAM GetRole (a task definition's roles)
          + "logs:.*=5:10," // CloudWatch Logs (a container's log group)
          + "cloudwatch:.*=5:10"; // CloudWatch alarms (step scaling)

  public static ApiRateLimits defaults() {
    return parse(DEFAULTS);
  }

  /** No limit at all (test instruments only). */
  public static ApiRateLimits none() {
    return new ApiRateLimits(List.of());
  }

  /**
   * The defaults with {@code overrides} applied: a rule for the same {@code service:regex} replaces
   * the default, a new one is added. Throws {@link IllegalArgumentException} naming every bad rule.
   */
  public static ApiRateLimits defaultsWith(List<String> overrides) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    defaults().rules().forEach(rule -> byId.put(rule.id(), rule));
    List<String> flat = new ArrayList<>();
    overrides.forEach(o -> flat.add(o));
    parse(String.join(",", flat)).rules().forEach(rule -> byId.put(rule.id(), rule));
    return new ApiRateLimits(new ArrayList<>(byId.values()));
  }

  /** Parses {@code service:operationRegex=rate:burst,...}; every problem is reported at once. */
  public static ApiRateLimits parse(String text) {
    List<Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String raw : text.split(",")) {
      String spec = raw.strip();
      if (spec.isEmpty()) continue;
      try {
        rules.add(parseRule(spec));
      } catch (IllegalArgumentException e) {
        problems.add("'" + spec + "': " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "--aws-api-throttle: "
              + String.join("; ", problems)
              + " (expected service:operationRegex=rate:burst, e.g. apigateway:CreateDeployment=0.2:1; services: "
              + String.join(", ", new java.util.TreeSet<>(AwsServices.KNOWN))
              + ")");
    }
    return new ApiRateLimits(rules);
  }

  private static Rule parseRule(String spec) {
    int colon = spec.indexOf(':');
    int equals = spec.lastIndexOf('=');
    if (colon <= 0 || equals < colon + 2)
      throw new IllegalArgumentException("not of the form service:operationRegex=rate:burst");
    String service = spec.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    if (!AwsServices.KNOWN.contains(service))
      throw new IllegalArgumentException("unknown service '" + service + "'");
    Pattern operations;
    try {
      operations = Pattern.compile(spec.substring(colon + 1, equals).strip());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid operation regex: " + e.getDescription());
    }
    String[] rateBurst = spec.substring(equals + 1).strip().split(":", -1);
    if (rateBurst.length != 2)
      throw new IllegalArgumentException(
          "the limit must be rate:burst, got '" + spec.substring(equals + 1) + "'");
    double rate;
    long burst;
    try {
      rate = Double.parseDouble(rateBurst[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rate '" + rateBurst[0] + "' is not a number");
    }
    try {
      burst = Long.parseLong(rateBurst[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("burst '" + rateBurst[1] + "' is not a whole number");
    }
    if (!(rate > 0) || Double.isInfinite(rate))
      throw new IllegalArgumentException(
          "rate must be above 0 calls per second, got " + rateBurst[0]);
    if (burst < 1) throw new IllegalArgumentException("burst must be at least 1, got " + burst);
    return new Rule(service, operations, rate, burst);
  }

  static String format(double rate) {
    return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
  }
}
