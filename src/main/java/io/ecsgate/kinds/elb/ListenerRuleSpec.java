package io.ecsgate.kinds.elb;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

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
    Map<String, String> tags)
    implements Spec {

  public static final String KIND = "ListenerRule";

  /** How its documents are read and checked. */
  public static final SpecType<ListenerRuleSpec> TYPE =
      SpecType.of(KIND, ListenerRuleSpec.class, ListenerRuleSpec::read, ListenerRuleSpec::check);

  /** AWS counts every condition value toward a limit of five per rule. */
  public static final int MAX_CONDITION_VALUES = 5;

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
            Problem.Rule.RANGE,
            "path pattern is longer than 128 characters: '" + path.substring(0, 20) + "...'");
      if (!path.matches("[A-Za-z0-9_\\-.$/~\"'@:+?*&]+"))
        problems.add(
            spec.at("pathPatterns"),
            Problem.Rule.PATTERN,
            "path pattern '" + path + "' has characters AWS does not allow");
    }
    for (String host : hosts) {
      if (host.length() > 128)
        problems.add(
            spec.at("hostHeaders"),
            Problem.Rule.RANGE,
            "host header is longer than 128 characters");
    }
    if (paths.isEmpty() && hosts.isEmpty()) {
      problems.add(
          spec.at(),
          Problem.Rule.REQUIRED,
          "a rule needs at least one of pathPatterns or hostHeaders");
    }
    if (paths.size() + hosts.size() > MAX_CONDITION_VALUES) {
      boolean oneListOver =
          paths.size() > MAX_CONDITION_VALUES || hosts.size() > MAX_CONDITION_VALUES;
      problems.add(
          spec.at(paths.size() > MAX_CONDITION_VALUES ? "pathPatterns" : "hostHeaders"),
          // one list too long is a count; two lists too long together, a rule between them
          oneListOver ? Problem.Rule.RANGE : Problem.Rule.CONSTRAINT,
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

  /**
   * A rule is on a listener of a declared application load balancer, forwards to a declared group
   * of its layer, has a priority no other rule of its listener has, and fits the rules quota.
   */
  static void check(
      List<ListenerRuleSpec> specs,
      DesiredState desired,
      SpecType.Limits limits,
      Problems problems) {
    Map<String, Map<Integer, ListenerRuleSpec>> priorities = new HashMap<>();
    Map<String, Integer> rulesPerLoadBalancer = new HashMap<>();
    Map<String, ListenerRuleSpec> conditions = new HashMap<>();
    for (ListenerRuleSpec rule : specs) {
      String same =
          rule.listenerKey()
              + " "
              + new TreeSet<>(rule.pathPatterns())
              + " "
              + new TreeSet<>(rule.hostHeaders());
      ListenerRuleSpec first = conditions.putIfAbsent(same, rule);
      if (first != null)
        problems.add(
            rule.metadata().at(),
            Problem.Rule.UNIQUE,
            "rule '"
                + rule.name()
                + "' has the same conditions as rule '"
                + first.name()
                + "' on listener "
                + rule.listenerKey()
                + ": one of them could never match");
      Optional<LoadBalancerSpec> lb =
          References.resolve(
              rule.loadBalancer(),
              desired,
              LoadBalancerSpec.class,
              LoadBalancerSpec.KIND,
              problems);
      lb.ifPresent(
          balancer -> checkListener(rule, balancer, limits, rulesPerLoadBalancer, problems));
      References.resolve(
              rule.forward(), desired, TargetGroupSpec.class, TargetGroupSpec.KIND, problems)
          .ifPresent(
              tg ->
                  lb.ifPresent(
                      balancer ->
                          TargetGroupSpec.checkServes(tg, balancer, rule.forward(), problems)));
      rule.priority()
          .ifPresent(
              priority -> {
                ListenerRuleSpec other =
                    priorities
                        .computeIfAbsent(rule.listenerKey(), k -> new HashMap<>())
                        .putIfAbsent(priority, rule);
                if (other != null) {
                  problems.add(
                      rule.priorityAt(),
                      Problem.Rule.UNIQUE,
                      "priority "
                          + priority
                          + " is already used by rule '"
                          + other.name()
                          + "' on listener "
                          + rule.listenerKey());
                }
              });
    }
  }

  private static void checkListener(
      ListenerRuleSpec rule,
      LoadBalancerSpec lb,
      SpecType.Limits limits,
      Map<String, Integer> rulesPerLoadBalancer,
      Problems problems) {
    if (!lb.isApplication()) {
      problems.add(
          rule.loadBalancer().at(),
          Problem.Rule.REFERENCE,
          "listener rules need an application load balancer; '" + lb.name() + "' is " + lb.type());
    } else if (lb.listener(rule.port()).isEmpty()) {
      problems.add(
          rule.loadBalancer().at(),
          Problem.Rule.REFERENCE,
          "load balancer '" + lb.name() + "' has no listener on port " + rule.port());
    }
    int count = rulesPerLoadBalancer.merge(lb.name(), 1, Integer::sum);
    if (count == limits.rulesPerLoadBalancer() + 1) {
      problems.add(
          rule.metadata().at(),
          Problem.Rule.CROSS_DOCUMENT,
          "load balancer '"
              + lb.name()
              + "' has more than "
              + limits.rulesPerLoadBalancer()
              + " rules (its quota; raise it with --max-rules-per-load-balancer if your account allows more)");
    }
  }
}
