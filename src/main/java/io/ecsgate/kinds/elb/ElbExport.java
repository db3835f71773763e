package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ownership;
import io.ecsgate.export.Document;
import io.ecsgate.export.ExportSource;
import io.ecsgate.export.LeftOut;
import io.ecsgate.export.Reach;
import io.ecsgate.export.Walk;
import io.ecsgate.kinds.network.NetworkNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Load balancers (with their listeners and rules) and target groups as {@code export} writes them.
 * The reads are the observer's ({@link Elbv2Reads}): every load balancer and target group once (400
 * a page) and their tags (20 ARNs a call); listeners and rules only of the load balancers reached,
 * with the rules' tags in one more batch per load balancer; targets only of the groups reached
 * whose targets ecsgate can keep (layer-4 groups of type ip, groups of type alb); the ALBs'
 * addresses in one DescribeNetworkInterfaces call.
 */
public final class ElbExport implements ExportSource {
  private final AwsClients clients;
  private final Elbv2Reads reads;
  private final Ownership ownership;
  private final NetworkNames network;
  private List<LoadBalancer> loadBalancers;
  private List<TargetGroup> targetGroups;
  private final Map<String, Map<String, String>> tags = new HashMap<>();
  private Map<String, List<String>> albIps;

  public ElbExport(AwsClients clients, Ownership ownership, NetworkNames network) {
    this.clients = clients;
    this.reads = new Elbv2Reads(clients.elb());
    this.ownership = ownership;
    this.network = network;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(LoadBalancerSpec.KIND, TargetGroupSpec.KIND);
  }

  @Override
  public void export(Reach reach, Walk walk) {
    readAll();
    if (reach.kind().equals(LoadBalancerSpec.KIND)) exportLoadBalancer(reach, walk);
    else exportTargetGroup(reach, walk);
  }

  /** The load balancer whose DNS name this is (a REST API's backend), read once. */
  public Optional<String> loadBalancerByDnsName(String dnsName) {
    readAll();
    return loadBalancers.stream()
        .filter(lb -> dnsName.equalsIgnoreCase(lb.dnsName()))
        .map(LoadBalancer::loadBalancerName)
        .findFirst();
  }

  private void readAll() {
    if (loadBalancers != null) return;
    loadBalancers = reads.describeLoadBalancersAsList();
    targetGroups = reads.describeTargetGroupsAsList();
    List<String> arns = new ArrayList<>();
    loadBalancers.forEach(lb -> arns.add(lb.loadBalancerArn()));
    targetGroups.forEach(tg -> arns.add(tg.targetGroupArn()));
    tags.putAll(reads.describeTags(arns));
  }

  private void exportLoadBalancer(Reach reach, Walk walk) {
    Optional<LoadBalancer> found =
        loadBalancers.stream().filter(lb -> lb.loadBalancerName().equals(reach.id())).findFirst();
    if (found.isEmpty()) {
      walk.notFound(reach);
      return;
    }
    LoadBalancer lb = found.get();
    List<Listener> listeners = reads.describeListenersAsList(lb.loadBalancerArn());
    Function<String, Optional<String>> groupName = this::targetGroupName;
    Optional<Document> document =
        loadBalancer(lb, listeners, tagsOf(lb.loadBalancerArn()), groupName, network, walk);
    if (document.isEmpty()) return;
    walk.add(document.get());
    if (!LoadBalancerSpec.APPLICATION.equals(lb.typeAsString())) return;
    Map<Listener, List<Rule>> rules = new LinkedHashMap<>();
    List<String> ruleArns = new ArrayList<>();
    for (Listener listener : listeners) {
      List<Rule> listenerRules =
          reads.describeRulesAsList(listener.listenerArn()).stream()
              .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
              .toList();
      rules.put(listener, listenerRules);
      listenerRules.forEach(r -> ruleArns.add(r.ruleArn()));
    }
    if (!ruleArns.isEmpty()) tags.putAll(reads.describeTags(ruleArns));
    rules.forEach(
        (listener, listenerRules) -> {
          for (Rule rule : listenerRules)
            listenerRule(
                    lb.loadBalancerName(),
                    listener.port(),
                    rule,
                    tagsOf(rule.ruleArn()),
                    ownership,
                    groupName,
                    walk)
                .ifPresent(walk::add);
        });
  }

  private void exportTargetGroup(Reach reach, Walk walk) {
    Optional<TargetGroup> found =
        targetGroups.stream().filter(tg -> tg.targetGroupName().equals(reach.id())).findFirst();
    if (found.isEmpty()) {
      walk.notFound(reach);
      return;
    }
    TargetGroup tg = found.get();
    Optional<TargetGroupSpec.Targets> targets = Optional.empty();
    if (keepsTargets(tg)) {
      List<TargetDescription> registered = reads.describeTargetsAsList(tg.targetGroupArn());
      targets = targets(tg, registered, loadBalancers, albIps());
    }
    targetGroup(tg, targets, tagsOf(tg.targetGroupArn()), network, walk).ifPresent(walk::add);
  }

  private Map<String, List<String>> albIps() {
    if (albIps == null) {
      Set<String> albs = new TreeSet<>();
      loadBalancers.stream()
          .filter(lb -> LoadBalancerSpec.APPLICATION.equals(lb.typeAsString()))
          .forEach(lb -> albs.add(lb.loadBalancerName()));
      albIps = ElbObservation.albIps(clients.ec2(), loadBalancers, albs);
    }
    return albIps;
  }

  private Map<String, String> tagsOf(String arn) {
    return tags.getOrDefault(arn, Map.of());
  }

  private Optional<String> targetGroupName(String arn) {
    return targetGroups.stream()
        .filter(tg -> tg.targetGroupArn().equals(arn))
        .map(TargetGroup::targetGroupName)
        .findFirst();
  }

  /** Groups whose targets a declaration can keep: layer-4 groups of type ip, and type alb. */
  static boolean keepsTargets(TargetGroup tg) {
    return "alb".equals(tg.targetTypeAsString())
        || ("ip".equals(tg.targetTypeAsString()) && !isLayer7(tg.protocolAsString()));
  }

  private static boolean isLayer7(String protocol) {
    return "HTTP".equals(protocol) || "HTTPS".equals(protocol);
  }

  /**
   * The targets to declare: {@code ipsOfLoadBalancer} when the registered targets are, on the
   * group's port, exactly the addresses of one ALB; {@code loadBalancer} when a group of type alb
   * holds exactly one ALB. Otherwise none (ecsgate then leaves the targets as they are).
   */
  static Optional<TargetGroupSpec.Targets> targets(
      TargetGroup tg,
      List<TargetDescription> registered,
      List<LoadBalancer> loadBalancers,
      Map<String, List<String>> albIps) {
    if (registered.isEmpty()) return Optional.empty();
    if ("alb".equals(tg.targetTypeAsString())) {
      if (registered.size() != 1) return Optional.empty();
      return loadBalancers.stream()
          .filter(lb -> lb.loadBalancerArn().equals(registered.get(0).id()))
          .findFirst()
          .map(lb -> new TargetGroupSpec.LoadBalancerTarget(ref(lb.loadBalancerName())));
    }
    boolean onGroupPort =
        registered.stream().allMatch(t -> t.port() == null || t.port().equals(tg.port()));
    if (!onGroupPort) return Optional.empty();
    Set<String> ips = new TreeSet<>();
    registered.forEach(t -> ips.add(t.id()));
    for (LoadBalancer lb : loadBalancers) {
      List<String> addresses = albIps.getOrDefault(lb.loadBalancerArn(), List.of());
      if (!addresses.isEmpty() && new TreeSet<>(addresses).equals(ips))
        return Optional.of(new TargetGroupSpec.IpsOfLoadBalancer(ref(lb.loadBalancerName())));
    }
    return Optional.empty();
  }

  private static io.ecsgate.yaml.Ref ref(String name) {
    return new io.ecsgate.yaml.Ref(name, null);
  }

  /** A load balancer's document, reaching the groups its listeners forward to. */
  static Optional<Document> loadBalancer(
      LoadBalancer lb,
      List<Listener> listeners,
      Map<String, String> tags,
      Function<String, Optional<String>> groupName,
      NetworkNames network,
      Walk walk) {
    String name = lb.loadBalancerName();
    String type = lb.typeAsString();
    if (!LoadBalancerSpec.APPLICATION.equals(type) && !LoadBalancerSpec.NETWORK.equals(type)) {
      walk.leaveOut(
          new LeftOut(
              LoadBalancerSpec.KIND, name, "a " + type + " load balancer is not supported"));
      return Optional.empty();
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", type);
    spec.put("scheme", lb.schemeAsString());
    spec.put(
        "subnets",
        lb.availabilityZones().stream().map(az -> network.subnet(az.subnetId())).toList());
    if (lb.hasSecurityGroups() && !lb.securityGroups().isEmpty())
      spec.put("securityGroups", lb.securityGroups().stream().map(network::securityGroup).toList());
    List<Object> written = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> reached = new ArrayList<>();
    for (Listener listener : listeners.stream().sorted((x, y) -> x.port() - y.port()).toList()) {
      listener(listener, groupName, problems, reached).ifPresent(written::add);
    }
    if (!problems.isEmpty()) {
      walk.leaveOut(
          new LeftOut(
              LoadBalancerSpec.KIND,
              name,
              String.join("; ", problems)
                  + " (a load balancer is declared with all its listeners, so it is left out)"));
      return Optional.empty();
    }
    if (!written.isEmpty()) spec.put("listeners", written);
    Document.putUserTags(spec, tags);
    reached.forEach(group -> walk.reach(new Reach(TargetGroupSpec.KIND, group)));
    return Optional.of(new Document(LoadBalancerSpec.KIND, name, spec));
  }

  private static Optional<Map<String, Object>> listener(
      Listener listener,
      Function<String, Optional<String>> groupName,
      List<String> problems,
      List<String> reached) {
    String at = "listener " + listener.port();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("port", listener.port());
    out.put("protocol", listener.protocolAsString());
    if (listener.hasCertificates() && listener.certificates().size() > 1)
      problems.add(
          at + " has " + listener.certificates().size() + " certificates (ecsgate declares one)");
    if (listener.hasCertificates() && listener.certificates().size() == 1)
      out.put("certificateArn", listener.certificates().get(0).certificateArn());
    if (listener.defaultActions().size() != 1) {
      problems.add(at + " has " + listener.defaultActions().size() + " default actions");
      return Optional.empty();
    }
    Action action = listener.defaultActions().get(0);
    Map<String, Object> defaultAction = new LinkedHashMap<>();
    Optional<String> forward = forward(action, groupName);
    if (forward.isPresent()) {
      defaultAction.put("forward", forward.get());
      reached.add(forward.get());
    } else if (action.fixedResponseConfig() != null
        && "fixed-response".equals(action.typeAsString())) {
      defaultAction.put("fixedResponse", fixedResponse(action.fixedResponseConfig()));
    } else {
      problems.add(at + "'s default action " + describe(action) + " is not supported");
      return Optional.empty();
    }
    out.put("defaultAction", defaultAction);
    return Optional.of(out);
  }

  /** The group a forward action sends all its traffic to, by name. */
  private static Optional<String> forward(
      Action action, Function<String, Optional<String>> groupName) {
    if (!"forward".equals(action.typeAsString())) return Optional.empty();
    String target = Forwarding.target(action);
    return groupName.apply(target);
  }

  private static String describe(Action action) {
    if ("forward".equals(action.typeAsString())) return "forward to several target groups";
    return action.typeAsString();
  }

  private static Map<String, Object> fixedResponse(FixedResponseActionConfig fixed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("statusCode", Integer.parseInt(fixed.statusCode()));
    if (fixed.contentType() != null && !fixed.contentType().equals("text/plain"))
      out.put("contentType", fixed.contentType());
    if (fixed.messageBody() != null && !fixed.messageBody().isEmpty())
      out.put("messageBody", fixed.messageBody());
    return out;
  }

  /**
   * A rule's document: named by ecsgate's tag when it has one, else {@code <load
   * balancer>-<port>-<priority>}; its priority always written (adoption finds the rule by it).
   */
  static Optional<Document> listenerRule(
      String loadBalancer,
      int port,
      Rule rule,
      Map<String, String> tags,
      Ownership ownership,
      Function<String, Optional<String>> groupName,
      Walk walk) {
    int priority = ListenerRulePlanner.priorityOf(rule);
    String name =
        ownership
            .taggedName(tags, ListenerRuleSpec.KIND)
            .orElse(loadBalancer + "-" + port + "-" + priority);
    List<String> problems = new ArrayList<>();
    Set<String> fields = new TreeSet<>();
    for (RuleCondition condition : rule.conditions()) fields.add(condition.field());
    fields.removeAll(Set.of("path-pattern", "host-header"));
    if (!fields.isEmpty())
      problems.add(
          "conditions " + fields + " are not supported (only path-pattern and host-header)");
    Set<String> paths = ListenerRulePlanner.conditionValues(rule, "path-pattern");
    Set<String> hosts = ListenerRulePlanner.conditionValues(rule, "host-header");
    if (paths.size() + hosts.size() > ListenerRuleSpec.MAX_CONDITION_VALUES)
      problems.add(
          (paths.size() + hosts.size())
              + " condition values (ecsgate declares at most "
              + ListenerRuleSpec.MAX_CONDITION_VALUES
              + ")");
    Optional<String> forward =
        rule.actions().size() == 1 ? forward(rule.actions().get(0), groupName) : Optional.empty();
    if (forward.isEmpty())
      problems.add(
          rule.actions().size() == 1
              ? "its action " + describe(rule.actions().get(0)) + " is not supported"
              : rule.actions().size() + " actions (ecsgate declares one forward)");
    String id = loadBalancer + ":" + port + " priority " + rule.priority();
    if (!problems.isEmpty()) {
      walk.leaveOut(new LeftOut(ListenerRuleSpec.KIND, id, String.join("; ", problems)));
      return Optional.empty();
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("loadBalancer", loadBalancer);
    spec.put("port", port);
    spec.put("priority", priority);
    if (!paths.isEmpty()) spec.put("pathPatterns", List.copyOf(paths));
    if (!hosts.isEmpty()) spec.put("hostHeaders", List.copyOf(hosts));
    spec.put("forward", forward.get());
    Document.putUserTags(spec, tags);
    walk.reach(new Reach(TargetGroupSpec.KIND, forward.get()));
    return Optional.of(new Document(ListenerRuleSpec.KIND, name, spec));
  }

  /** A target group's document: health-check fields only where they differ from AWS's defaults. */
  static Optional<Document> targetGroup(
      TargetGroup tg,
      Optional<TargetGroupSpec.Targets> targets,
      Map<String, String> tags,
      NetworkNames network,
      Walk walk) {
    String name = tg.targetGroupName();
    String targetType = tg.targetTypeAsString();
    String protocol = tg.protocolAsString();
    if (!TargetGroupSpec.TARGET_TYPES.contains(targetType)
        || protocol == null
        || !TargetGroupSpec.PROTOCOLS.contains(protocol)) {
      walk.leaveOut(
          new LeftOut(
              TargetGroupSpec.KIND,
              name,
              "target type " + targetType + " with protocol " + protocol + " is not supported"));
      return Optional.empty();
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("vpc", network.vpc(tg.vpcId()));
    spec.put("targetType", targetType);
    spec.put("protocol", protocol);
    spec.put("port", tg.port());
    Map<String, Object> healthCheck = healthCheck(tg);
    if (!healthCheck.isEmpty()) spec.put("healthCheck", healthCheck);
    targets.ifPresent(
        t -> {
          String key =
              t instanceof TargetGroupSpec.IpsOfLoadBalancer ? "ipsOfLoadBalancer" : "loadBalancer";
          spec.put("targets", Map.of(key, t.loadBalancer().name()));
          walk.reach(new Reach(LoadBalancerSpec.KIND, t.loadBalancer().name()));
        });
    Document.putUserTags(spec, tags);
    return Optional.of(new Document(TargetGroupSpec.KIND, name, spec));
  }

  /**
   * The health-check fields that differ from AWS's defaults for the group (ELB's documented
   * defaults: an HTTP(S) group checks {@code /} over its own protocol every 30 s, timeout 5 s,
   * thresholds 5 and 2, matcher 200; a layer-4 group over TCP every 30 s, timeout 10 s, or 6 s over
   * HTTP(S) with matcher 200-399). A path or matcher of a TCP check is never written (a TCP check
   * has none).
   */
  static Map<String, Object> healthCheck(TargetGroup tg) {
    boolean layer7 = isLayer7(tg.protocolAsString());
    String defaultProtocol = layer7 ? tg.protocolAsString() : "TCP";
    String protocol =
        tg.healthCheckProtocolAsString() == null
            ? defaultProtocol
            : tg.healthCheckProtocolAsString();
    boolean tcp = protocol.equals("TCP");
    Map<String, Object> out = new LinkedHashMap<>();
    putUnlessDefault(out, "protocol", protocol, defaultProtocol);
    if (!tcp) putUnlessDefault(out, "path", tg.healthCheckPath(), "/");
    putUnlessDefault(out, "port", tg.healthCheckPort(), "traffic-port");
    putUnlessDefault(out, "intervalSeconds", tg.healthCheckIntervalSeconds(), 30);
    putUnlessDefault(
        out, "timeoutSeconds", tg.healthCheckTimeoutSeconds(), layer7 ? 5 : tcp ? 10 : 6);
    putUnlessDefault(out, "healthyThreshold", tg.healthyThresholdCount(), 5);
    putUnlessDefault(out, "unhealthyThreshold", tg.unhealthyThresholdCount(), 2);
    if (!tcp && tg.matcher() != null)
      putUnlessDefault(out, "matcher", tg.matcher().httpCode(), layer7 ? "200" : "200-399");
    return out;
  }

  private static void putUnlessDefault(
      Map<String, Object> out, String key, Object actual, Object awsDefault) {
    if (actual != null && !actual.equals(awsDefault)) out.put(key, actual);
  }
}
