package io.ecsgate.kinds.elb;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.network.NetworkRefs;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.References;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An application or network load balancer with its listeners. {@code type} and {@code scheme} are
 * fixed at creation; subnets and security groups can be changed in place.
 */
public record LoadBalancerSpec(
    Metadata metadata,
    String type,
    String scheme,
    List<Ref> subnets,
    List<Ref> securityGroups,
    List<Listener> listeners,
    Map<String, String> tags)
    implements NetworkRefs {

  public static final String KIND = "LoadBalancer";

  /** How its documents are read and checked. */
  public static final SpecType<LoadBalancerSpec> TYPE =
      SpecType.of(KIND, LoadBalancerSpec.class, LoadBalancerSpec::read, LoadBalancerSpec::check);

  public static final String APPLICATION = "application";
  public static final String NETWORK = "network";
  private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");
  private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "TLS", "UDP", "TCP_UDP");

  public boolean isApplication() {
    return type.equals(APPLICATION);
  }

  public Optional<Listener> listener(int port) {
    return listeners.stream().filter(l -> l.port() == port).findFirst();
  }

  /** A listener and its default action: forward to a target group, or a fixed response. */
  public record Listener(
      int port,
      String protocol,
      Optional<Ref> forward,
      Optional<FixedResponse> fixedResponse,
      Optional<String> certificateArn,
      Mark at) {}

  public record FixedResponse(int statusCode, String contentType, String messageBody) {}

  public static LoadBalancerSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkElbName(metadata.name(), metadata.at(), problems);
    String type = spec.requiredOneOf("type", Set.of(APPLICATION, NETWORK));
    String scheme = spec.oneOf("scheme", Set.of("internal", "internet-facing")).orElse("internal");
    List<Ref> subnets = spec.refs("subnets");
    if (!spec.has("subnets"))
      problems.add(spec.at(), Problem.Rule.REQUIRED, "spec is missing required key 'subnets'");
    if (type.equals(APPLICATION) && spec.has("subnets") && subnets.size() < 2) {
      problems.add(
          spec.at("subnets"),
          Problem.Rule.CONDITIONAL,
          "an application load balancer needs subnets in at least two Availability Zones, got "
              + subnets.size());
    }
    List<Ref> securityGroups = spec.refs("securityGroups");
    List<Listener> listeners = spec.mappings("listeners", l -> readListener(l, type));
    Set<Integer> ports = new HashSet<>();
    for (Listener listener : listeners) {
      if (!ports.add(listener.port()))
        problems.add(
            listener.at(),
            Problem.Rule.UNIQUE,
            "listener port " + listener.port() + " is declared twice");
    }
    Map<String, String> tags = Tags.read(spec, problems);
    return new LoadBalancerSpec(metadata, type, scheme, subnets, securityGroups, listeners, tags);
  }

  private static Listener readListener(Fields listener, String lbType) {
    Problems problems = listener.problems();
    int port = listener.requiredInteger("port", 1, 65535);
    Set<String> allowed = lbType.equals(NETWORK) ? NLB_PROTOCOLS : ALB_PROTOCOLS;
    String protocol = listener.string("protocol").orElse(lbType.equals(NETWORK) ? "TCP" : "HTTP");
    if (!lbType.isEmpty() && !allowed.contains(protocol)) {
      problems.add(
          listener.at("protocol"),
          Problem.Rule.CONDITIONAL,
          "a "
              + lbType
              + " load balancer listener cannot use protocol "
              + protocol
              + " (allowed: "
              + String.join(", ", new java.util.TreeSet<>(allowed))
              + ")");
    }
    Optional<String> certificate = listener.string("certificateArn");
    if ((protocol.equals("HTTPS") || protocol.equals("TLS")) && certificate.isEmpty()) {
      problems.add(
          listener.at(),
          Problem.Rule.CONDITIONAL,
          "a " + protocol + " listener needs certificateArn");
    }
    Fields action = listener.requiredMapping("defaultAction");
    Optional<Ref> forward = action.ref("forward");
    Optional<FixedResponse> fixed =
        action.mapping("fixedResponse").map(LoadBalancerSpec::readFixed);
    action.end();
    if (forward.isPresent() == fixed.isPresent() && listener.has("defaultAction")) {
      problems.add(
          listener.at("defaultAction"),
          Problem.Rule.REQUIRED,
          "defaultAction takes exactly one of forward or fixedResponse");
    }
    if (fixed.isPresent() && lbType.equals(NETWORK)) {
      problems.add(
          listener.at("defaultAction"),
          Problem.Rule.CONDITIONAL,
          "a network load balancer listener can only forward");
    }
    return new Listener(port, protocol, forward, fixed, certificate, listener.at());
  }

  private static FixedResponse readFixed(Fields f) {
    int status = f.requiredInteger("statusCode", 200, 599);
    String contentType =
        f.oneOf(
                "contentType",
                Set.of(
                    "text/plain",
                    "text/css",
                    "text/html",
                    "application/javascript",
                    "application/json"))
            .orElse("text/plain");
    String body = f.string("messageBody").orElse("");
    if (body.length() > 1024)
      f.problems()
          .add(
              f.at("messageBody"),
              Problem.Rule.RANGE,
              "fixedResponse.messageBody is over 1024 characters");
    f.end();
    return new FixedResponse(status, contentType, body);
  }

  /** A listener forwards to a declared target group of its layer. */
  static void check(
      List<LoadBalancerSpec> specs,
      DesiredState desired,
      SpecType.Limits limits,
      Problems problems) {
    for (LoadBalancerSpec lb : specs) {
      for (Listener listener : lb.listeners()) {
        listener
            .forward()
            .flatMap(
                ref ->
                    References.resolve(
                            ref, desired, TargetGroupSpec.class, TargetGroupSpec.KIND, problems)
                        .map(group -> java.util.Map.entry(ref, group)))
            .ifPresent(e -> TargetGroupSpec.checkServes(e.getValue(), lb, e.getKey(), problems));
      }
    }
  }
}
