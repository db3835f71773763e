package io.ecsgate.kinds.elb;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.network.NetworkRefs;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.References;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ELB target group. {@code vpc}, {@code targetType}, {@code protocol} and {@code port} cannot be
 * changed on AWS, so changing one replaces the group. Health-check fields are enforced only where
 * the YAML sets them (null: AWS's default, left alone).
 */
public record TargetGroupSpec(
    Metadata metadata,
    Ref vpc,
    String targetType,
    String protocol,
    int port,
    HealthCheck healthCheck,
    Optional<Targets> targets,
    Map<String, String> tags)
    implements NetworkRefs {

  @Override
  public List<Ref> vpcs() {
    return List.of(vpc);
  }

  public static final String KIND = "TargetGroup";

  /** How its documents are read and checked. */
  public static final SpecType<TargetGroupSpec> TYPE =
      SpecType.of(KIND, TargetGroupSpec.class, TargetGroupSpec::read, TargetGroupSpec::check);

  static final Set<String> TARGET_TYPES = Set.of("ip", "alb", "instance");
  static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP");

  /**
   * Layer 7 groups serve application load balancers; layer 4 groups serve network load balancers.
   */
  public boolean isLayer7() {
    return protocol.equals("HTTP") || protocol.equals("HTTPS");
  }

  public record HealthCheck(
      String protocol,
      String path,
      String port,
      Integer intervalSeconds,
      Integer timeoutSeconds,
      Integer healthyThreshold,
      Integer unhealthyThreshold,
      String matcher) {

    public static final HealthCheck UNSET =
        new HealthCheck(null, null, null, null, null, null, null, null);
  }

  /** Targets ecsgate keeps registered: the IP addresses of an ALB, or the ALB itself (type alb). */
  public sealed interface Targets {
    Ref loadBalancer();
  }

  public record IpsOfLoadBalancer(Ref loadBalancer) implements Targets {}

  public record LoadBalancerTarget(Ref loadBalancer) implements Targets {}

  public static TargetGroupSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkElbName(metadata.name(), metadata.at(), problems);
    Ref vpc = spec.requiredRef("vpc");
    String targetType = spec.oneOf("targetType", TARGET_TYPES).orElse("ip");
    String protocol = spec.requiredOneOf("protocol", PROTOCOLS);
    int port = spec.requiredInteger("port", 1, 65535);
    HealthCheck healthCheck =
        spec.mapping("healthCheck")
            .map(hc -> readHealthCheck(hc, protocol))
            .orElse(HealthCheck.UNSET);
    Optional<Targets> targets = spec.mapping("targets").flatMap(TargetGroupSpec::readTargets);
    Map<String, String> tags = Tags.read(spec, problems);

    if (targetType.equals("alb") && !protocol.isEmpty() && !protocol.equals("TCP")) {
      problems.add(
          spec.at("protocol"),
          Problem.Rule.CONDITIONAL,
          "a target group of targetType alb must use protocol TCP, got " + protocol);
    }
    if (targets.isPresent()) {
      if (targets.get() instanceof IpsOfLoadBalancer && !targetType.equals("ip")) {
        problems.add(
            spec.at("targets"),
            Problem.Rule.CONDITIONAL,
            "targets.ipsOfLoadBalancer needs targetType ip, got " + targetType);
      }
      if (targets.get() instanceof LoadBalancerTarget && !targetType.equals("alb")) {
        problems.add(
            spec.at("targets"),
            Problem.Rule.CONDITIONAL,
            "targets.loadBalancer needs targetType alb, got " + targetType);
      }
    }
    return new TargetGroupSpec(
        metadata, vpc, targetType, protocol, port, healthCheck, targets, tags);
  }

  private static HealthCheck readHealthCheck(Fields hc, String groupProtocol) {
    Problems problems = hc.problems();
    Optional<String> protocol = hc.oneOf("protocol", Set.of("HTTP", "HTTPS", "TCP"));
    Optional<String> path = hc.string("path");
    path.filter(p -> !p.startsWith("/"))
        .ifPresent(
            p ->
                problems.add(
                    hc.at("path"),
                    Problem.Rule.PATTERN,
                    "healthCheck.path must start with '/', got '" + p + "'"));
    path.filter(p -> p.length() > 1024)
        .ifPresent(
            p ->
                problems.add(
                    hc.at("path"),
                    Problem.Rule.RANGE,
                    "healthCheck.path is longer than 1024 characters"));
    String effectiveProtocol = protocol.orElse(defaultHealthCheckProtocol(groupProtocol));
    if (path.isPresent() && effectiveProtocol.equals("TCP")) {
      problems.add(
          hc.at("path"),
          Problem.Rule.CONDITIONAL,
          "healthCheck.path needs health-check protocol HTTP or HTTPS (it is "
              + effectiveProtocol
              + ")");
    }
    Optional<String> port = hc.string("port");
    port.filter(p -> !p.equals("traffic-port") && !isPort(p))
        .ifPresent(
            p ->
                problems.add(
                    hc.at("port"),
                    Problem.Rule.PATTERN,
                    "healthCheck.port must be 'traffic-port' or 1..65535, got '" + p + "'"));
    Integer interval = hc.integer("intervalSeconds", 5, 300).orElse(null);
    Integer timeout = hc.integer("timeoutSeconds", 2, 120).orElse(null);
    if (interval != null && timeout != null && timeout >= interval) {
      problems.add(
          hc.at("timeoutSeconds"),
          Problem.Rule.CONSTRAINT,
          "healthCheck.timeoutSeconds must be less than intervalSeconds");
    }
    Integer healthy = hc.integer("healthyThreshold", 2, 10).orElse(null);
    Integer unhealthy = hc.integer("unhealthyThreshold", 2, 10).orElse(null);
    Optional<String> matcher = readMatcher(hc, effectiveProtocol);
    hc.end();
    return new HealthCheck(
        protocol.orElse(null),
        path.orElse(null),
        port.orElse(null),
        interval,
        timeout,
        healthy,
        unhealthy,
        matcher.orElse(null));
  }

  /**
   * AWS's default health-check protocol follows the group's: HTTP(S) groups check over HTTP(S), the
   * others over TCP.
   */
  private static String defaultHealthCheckProtocol(String groupProtocol) {
    if (groupProtocol.isEmpty() || groupProtocol.equals("HTTP")) return "HTTP";
    return groupProtocol.equals("HTTPS") ? "HTTPS" : "TCP";
  }

  private static Optional<String> readMatcher(Fields hc, String effectiveProtocol) {
    Optional<String> matcher = hc.string("matcher");
    matcher
        .filter(m -> !m.matches("\\d{3}([-,]\\d{3})*"))
        .ifPresent(
            m ->
                hc.problems()
                    .add(
                        hc.at("matcher"),
                        Problem.Rule.PATTERN,
                        "healthCheck.matcher must be HTTP codes such as 200 or 200-299, got '"
                            + m
                            + "'"));
    if (matcher.isPresent() && effectiveProtocol.equals("TCP")) {
      hc.problems()
          .add(
              hc.at("matcher"),
              Problem.Rule.CONDITIONAL,
              "healthCheck.matcher needs health-check protocol HTTP or HTTPS");
    }
    return matcher;
  }

  private static Optional<Targets> readTargets(Fields targets) {
    Optional<Ref> ips = targets.ref("ipsOfLoadBalancer");
    Optional<Ref> lb = targets.ref("loadBalancer");
    targets.end();
    if (ips.isPresent() && lb.isPresent()) {
      targets
          .problems()
          .add(
              targets.at(),
              Problem.Rule.REQUIRED,
              "targets takes one of ipsOfLoadBalancer or loadBalancer, not both");
      return Optional.empty();
    }
    if (ips.isPresent()) return Optional.of(new IpsOfLoadBalancer(ips.get()));
    if (lb.isPresent()) return Optional.of(new LoadBalancerTarget(lb.get()));
    targets
        .problems()
        .add(
            targets.at(), Problem.Rule.REQUIRED, "targets needs ipsOfLoadBalancer or loadBalancer");
    return Optional.empty();
  }

  private static boolean isPort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port >= 1 && port <= 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Targets kept registered come from a declared application load balancer. */
  static void check(
      List<TargetGroupSpec> specs,
      DesiredState desired,
      SpecType.Limits limits,
      Problems problems) {
    for (TargetGroupSpec tg : specs) {
      tg.targets()
          .ifPresent(
              targets ->
                  References.resolve(
                          targets.loadBalancer(),
                          desired,
                          LoadBalancerSpec.class,
                          LoadBalancerSpec.KIND,
                          problems)
                      .filter(lb -> !lb.isApplication())
                      .ifPresent(
                          lb ->
                              problems.add(
                                  targets.loadBalancer().at(),
                                  Problem.Rule.REFERENCE,
                                  "targets of '"
                                      + tg.name()
                                      + "' must name an application load balancer; '"
                                      + lb.name()
                                      + "' is "
                                      + lb.type())));
    }
  }

  /** A target group can only serve a load balancer of the matching layer. */
  static void checkServes(TargetGroupSpec tg, LoadBalancerSpec lb, Ref ref, Problems problems) {
    if (tg.protocol().isEmpty()) return;
    if (lb.isApplication() == tg.isLayer7()) return;
    problems.add(
        ref.at(),
        Problem.Rule.REFERENCE,
        "target group '"
            + tg.name()
            + "' uses "
            + tg.protocol()
            + (lb.isApplication()
                ? "; an application load balancer forwards only to HTTP or HTTPS groups"
                : "; a network load balancer forwards only to TCP, TLS, UDP or TCP_UDP groups"));
  }
}
