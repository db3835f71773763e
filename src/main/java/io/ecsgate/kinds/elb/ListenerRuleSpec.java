package io.ecsgate.kinds.elb;

import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.Tags;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path (and optionally host) rule on an application load balancer listener that forwards to a
 * target group. Without {@code priority}, ecsgate keeps the rule's current priority or gives it the
 * lowest free one, so that the choice is stable across cycles.
 */
public record ListenerRuleSpec(
    Metadata metadata,
    Ref loadBalancer,
    int port,
    Optional<Integer> priority,
    Mark priorityAt,
    List<String> pathPatterns,
    List<String> hostHeaders,
    Ref forward,
    Map<String, String> tags) {

  public static final String KIND = "ListenerRule";

  /** AWS counts every condition value toward a limit of five per rule. */
  public static final int MAX_CONDITION_VALUES = 5;

  public String name() {
    return metadata.name();
  }

  /** The listener this rule belongs to, as {@code <load balancer>:<port>}. */
  public String listenerKey() {
    return loadBalancer.name() + ":" + port;
  }

  public static ListenerRuleSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkResourceName(metadata.name(), metadata.at(), problems);
    Ref loadBalancer = spec.requiredRef("loadBalancer");
    int port = spec.requiredInteger("port", 1, 65535);
    Optional<Integer> priority = spec.integer("priority", 1, 50000);
    List<String> paths = spec.strings("pathPatterns");
    List<String> hosts = spec.strings("hostHeaders");
    for (String path : paths) {
      if (path.length() > 128)
        problems.add(
            spec.at("pathPatterns"),
            "path pattern is longer than 128 characters: '" + path.substring(0, 20) + "...'");
      if (!path.matches("[A-Za-z0-9_\\-.$/~\"'@:+?*&]+"))
        problems.add(
            spec.at("pathPatterns"),
            "path pattern '" + path + "' has characters AWS does not allow");
    }
    for (String host : hosts) {
      if (host.length() > 128)
        problems.add(spec.at("hostHeaders"), "host header is longer than 128 characters");
    }
    if (paths.isEmpty() && hosts.isEmpty()) {
      problems.add(spec.at(), "a rule needs at least one of pathPatterns or hostHeaders");
    }
    if (paths.size() + hosts.size() > MAX_CONDITION_VALUES) {
      problems.add(
          spec.at(paths.size() > MAX_CONDITION_VALUES ? "pathPatterns" : "hostHeaders"),
          "a rule may have at most "
              + MAX_CONDITION_VALUES
              + " condition values in all, got "
              + (paths.size() + hosts.size()));
    }
    Ref forward = spec.requiredRef("forward");
    Map<String, String> tags = Tags.read(spec, problems);
    return new ListenerRuleSpec(
        metadata,
        loadBalancer,
        port,
        priority,
        spec.at("priority"),
        List.copyOf(paths),
        List.copyOf(hosts),
        forward,
        tags);
  }
}
