package io.ecsgate.testing;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.kinds.network.Network;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Builds desired states from YAML text and observed states from SDK model objects, for pure planner
 * tests.
 */
public final class Fixtures {
  public static final Ownership OWNERSHIP = new Ownership("ecsgate");
  public static final String VPC = "vpc-0123456789abcdef0";

  private Fixtures() {}

  public static DesiredState desired(String yaml) {
    try {
      Path dir = Files.createTempDirectory("desired");
      Path file = Files.writeString(dir.resolve("stack.yaml"), yaml);
      try {
        return Registry.loader().load(List.of(dir));
      } finally {
        Files.delete(file);
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mutable picture of an account, turned into an ObservedState by {@link #observed()}. */
  public static final class Account {
    public final List<LoadBalancer> loadBalancers = new ArrayList<>();
    public final Map<String, List<Listener>> listeners = new HashMap<>();
    public final Map<String, List<Rule>> rules = new HashMap<>();
    public final List<TargetGroup> targetGroups = new ArrayList<>();
    public final Map<String, Map<String, String>> tags = new HashMap<>();
    public final Map<
            String,
            List<software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription>>
        targets = new HashMap<>();
    public final Map<String, List<String>> albIps = new HashMap<>();
    public final Map<String, String> ids =
        new HashMap<>(
            Map.of("vpc-main", VPC, "subnet-a", "subnet-0000000a", "subnet-b", "subnet-0000000b"));

    public ObservedState observed() {
      return ObservedState.of(
          new ElbSnapshot(loadBalancers, listeners, rules, targetGroups, tags, targets, albIps),
          new Network(ids, Map.of()));
    }

    /** What the state table holds; tags are trusted unless a test checks ownership. */
    public io.ecsgate.core.Inventory inventory = io.ecsgate.core.Inventory.UNCHECKED;

    public Plan plan(DesiredState desired, PlanOptions options) {
      return Registry.planner()
          .plan(new PlanContext(desired, observed(), OWNERSHIP.withInventory(inventory), options));
    }

    public String targetGroup(
        String name,
        String awsName,
        String protocol,
        int port,
        String healthCheckPath,
        boolean owned) {
      String arn =
          "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/"
              + awsName
              + "/"
              + Integer.toHexString(awsName.hashCode());
      targetGroups.add(
          TargetGroup.builder()
              .targetGroupArn(arn)
              .targetGroupName(awsName)
              .protocol(protocol)
              .port(port)
              .vpcId(VPC)
              .targetType("ip")
              .healthCheckPath(healthCheckPath)
              .healthCheckProtocol(protocol.startsWith("HTTP") ? protocol : "TCP")
              .build());
      tags.put(arn, owned ? OWNERSHIP.tags(TargetGroupSpec.KIND, name, Map.of()) : Map.of());
      return arn;
    }

    public String alb(String name, String forwardTo) {
      String arn =
          "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/" + name + "/abc";
      loadBalancers.add(
          LoadBalancer.builder()
              .loadBalancerArn(arn)
              .loadBalancerName(name)
              .type("application")
              .scheme("internal")
              .availabilityZones(
                  AvailabilityZone.builder().subnetId("subnet-0000000a").build(),
                  AvailabilityZone.builder().subnetId("subnet-0000000b").build())
              .build());
      tags.put(arn, OWNERSHIP.tags(LoadBalancerSpec.KIND, name, Map.of()));
      String listenerArn = arn.replace(":loadbalancer/", ":listener/") + "/80";
      listeners.put(
          arn,
          new ArrayList<>(
              List.of(
                  Listener.builder()
                      .listenerArn(listenerArn)
                      .loadBalancerArn(arn)
                      .port(80)
                      .protocol("HTTP")
                      .defaultActions(
                          Action.builder()
                              .type(ActionTypeEnum.FORWARD)
                              .targetGroupArn(forwardTo)
                              .build())
                      .build())));
      rules.put(
          listenerArn,
          new ArrayList<>(
              List.of(
                  Rule.builder()
                      .ruleArn(listenerArn + "/default")
                      .priority("default")
                      .isDefault(true)
                      .build())));
      return listenerArn;
    }

    public String rule(
        String listenerArn,
        String name,
        int priority,
        String path,
        String forwardTo,
        boolean owned) {
      String arn = listenerArn.replace(":listener/", ":listener-rule/") + "/" + name + priority;
      rules
          .get(listenerArn)
          .add(
              Rule.builder()
                  .ruleArn(arn)
                  .priority(String.valueOf(priority))
                  .isDefault(false)
                  .conditions(
                      RuleCondition.builder()
                          .field("path-pattern")
                          .pathPatternConfig(c -> c.values(path))
                          .build())
                  .actions(
                      Action.builder()
                          .type(ActionTypeEnum.FORWARD)
                          .targetGroupArn(forwardTo)
                          .build())
                  .build());
      tags.put(arn, owned ? OWNERSHIP.tags(ListenerRuleSpec.KIND, name, Map.of()) : Map.of());
      return arn;
    }
  }

  public static String stack(String... extraDocuments) {
    StringBuilder yaml =
        new StringBuilder(
            """
        apiVersion: ecsgate/v1
        kind: LoadBalancer
        metadata: {name: alb}
        spec:
          type: application
          subnets: [subnet-a, subnet-b]
          listeners:
            - port: 80
              defaultAction: {forward: web}
        ---
        apiVersion: ecsgate/v1
        kind: TargetGroup
        metadata: {name: web}
        spec: {vpc: vpc-main, protocol: HTTP, port: 80, healthCheck: {path: /health-check}}
        """);
    for (String document : extraDocuments) yaml.append("---\n").append(document);
    return yaml.toString();
  }

  public static String rule(String name, String priority, String path) {
    return "apiVersion: ecsgate/v1\nkind: ListenerRule\nmetadata: {name: "
        + name
        + "}\nspec:\n  loadBalancer: alb\n  port: 80\n"
        + (priority == null ? "" : "  priority: " + priority + "\n")
        + "  pathPatterns: ["
        + path
        + "]\n  forward: web\n";
  }
}
