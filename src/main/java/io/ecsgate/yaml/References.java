package io.ecsgate.yaml;

import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Checks that cross-document references resolve and that the whole fits AWS's rules and quotas. */
final class References {
  private References() {}

  static void check(DesiredState state, DesiredStateLoader.Limits limits, Problems problems) {
    Map<String, LoadBalancerSpec> loadBalancers =
        unique(state.loadBalancers(), LoadBalancerSpec::metadata, LoadBalancerSpec.KIND, problems);
    Map<String, TargetGroupSpec> targetGroups =
        unique(state.targetGroups(), TargetGroupSpec::metadata, TargetGroupSpec.KIND, problems);
    unique(state.listenerRules(), ListenerRuleSpec::metadata, ListenerRuleSpec.KIND, problems);
    checkEcs(state, targetGroups, problems);

    for (LoadBalancerSpec lb : state.loadBalancers()) {
      for (LoadBalancerSpec.Listener listener : lb.listeners()) {
        listener
            .forward()
            .ifPresent(
                ref -> {
                  Optional<TargetGroupSpec> tg =
                      resolve(ref, targetGroups, TargetGroupSpec.KIND, problems);
                  tg.ifPresent(group -> checkServes(group, lb, ref, problems));
                });
      }
    }
    for (TargetGroupSpec tg : state.targetGroups()) {
      tg.targets()
          .ifPresent(
              targets ->
                  resolve(targets.loadBalancer(), loadBalancers, LoadBalancerSpec.KIND, problems)
                      .filter(lb -> !lb.isApplication())
                      .ifPresent(
                          lb ->
                              problems.add(
                                  targets.loadBalancer().at(),
                                  "targets of '"
                                      + tg.name()
                                      + "' must name an application load balancer; '"
                                      + lb.name()
                                      + "' is "
                                      + lb.type())));
    }

    checkApiGateway(state, loadBalancers, problems);

    Map<String, Map<Integer, ListenerRuleSpec>> priorities = new HashMap<>();
    Map<String, Integer> rulesPerLoadBalancer = new HashMap<>();
    for (ListenerRuleSpec rule : state.listenerRules()) {
      Optional<LoadBalancerSpec> lb =
          resolve(rule.loadBalancer(), loadBalancers, LoadBalancerSpec.KIND, problems);
      if (lb.isPresent()) {
        if (!lb.get().isApplication()) {
          problems.add(
              rule.loadBalancer().at(),
              "listener rules need an application load balancer; '"
                  + lb.get().name()
                  + "' is "
                  + lb.get().type());
        } else if (lb.get().listener(rule.port()).isEmpty()) {
          problems.add(
              rule.loadBalancer().at(),
              "load balancer '" + lb.get().name() + "' has no listener on port " + rule.port());
        }
        int count = rulesPerLoadBalancer.merge(lb.get().name(), 1, Integer::sum);
        if (count == limits.rulesPerLoadBalancer() + 1) {
          problems.add(
              rule.metadata().at(),
              "load balancer '"
                  + lb.get().name()
                  + "' has more than "
                  + limits.rulesPerLoadBalancer()
                  + " rules (its quota; raise it with --max-rules-per-load-balancer if your account allows more)");
        }
      }
      resolve(rule.forward(), targetGroups, TargetGroupSpec.KIND, problems)
          .ifPresent(
              tg -> lb.ifPresent(balancer -> checkServes(tg, balancer, rule.forward(), problems)));
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

  /**
   * Services name a declared cluster and bind to declared target groups of type ip; task families
   * are not shared.
   */
  private static void checkEcs(
      DesiredState state, Map<String, TargetGroupSpec> targetGroups, Problems problems) {
    Map<String, ClusterSpec> clusters =
        unique(state.clusters(), ClusterSpec::metadata, ClusterSpec.KIND, problems);
    unique(state.services(), ServiceSpec::metadata, ServiceSpec.KIND, problems);
    Map<String, ServiceSpec> families = new HashMap<>();
    Map<String, ServiceSpec> boundGroups = new HashMap<>();
    for (ServiceSpec service : state.services()) {
      resolve(service.cluster(), clusters, ClusterSpec.KIND, problems);
      String family = service.taskDefinition().family();
      ServiceSpec other = family.isEmpty() ? null : families.putIfAbsent(family, service);
      if (other != null) {
        problems.add(
            service.metadata().at(),
            "task definition family '"
                + family
                + "' is already used by service '"
                + other.name()
                + "'");
      }
      for (ServiceSpec.LoadBalancerBinding binding : service.loadBalancers()) {
        resolve(binding.targetGroup(), targetGroups, TargetGroupSpec.KIND, problems)
            .ifPresent(
                tg -> {
                  if (!tg.targetType().equals("ip")) {
                    problems.add(
                        binding.targetGroup().at(),
                        "target group '"
                            + tg.name()
                            + "' has targetType "
                            + tg.targetType()
                            + "; a Fargate service (awsvpc) registers its tasks by IP and needs targetType ip");
                  }
                  if (tg.targets().isPresent()) {
                    problems.add(
                        binding.targetGroup().at(),
                        "target group '"
                            + tg.name()
                            + "' already has targets managed by ecsgate (targets:); a service cannot register into it too");
                  }
                  ServiceSpec owner = boundGroups.putIfAbsent(tg.name(), service);
                  if (owner != null && owner != service) {
                    problems.add(
                        binding.targetGroup().at(),
                        "target group '"
                            + tg.name()
                            + "' is already bound to service '"
                            + owner.name()
                            + "'");
                  }
                });
      }
    }
  }

  /**
   * A VPC link targets a network load balancer; a REST API names a declared VPC link and backend.
   */
  private static void checkApiGateway(
      DesiredState state, Map<String, LoadBalancerSpec> loadBalancers, Problems problems) {
    Map<String, VpcLinkSpec> vpcLinks =
        unique(state.vpcLinks(), VpcLinkSpec::metadata, VpcLinkSpec.KIND, problems);
    unique(state.restApis(), RestApiSpec::metadata, RestApiSpec.KIND, problems);
    for (VpcLinkSpec link : state.vpcLinks()) {
      resolve(link.loadBalancer(), loadBalancers, LoadBalancerSpec.KIND, problems)
          .filter(LoadBalancerSpec::isApplication)
          .ifPresent(
              lb ->
                  problems.add(
                      link.loadBalancer().at(),
                      "a VPC link must target a network load balancer; '"
                          + lb.name()
                          + "' is "
                          + lb.type()));
    }
    for (RestApiSpec api : state.restApis()) {
      resolve(api.vpcLink(), vpcLinks, VpcLinkSpec.KIND, problems);
      api.backend()
          .loadBalancer()
          .ifPresent(ref -> resolve(ref, loadBalancers, LoadBalancerSpec.KIND, problems));
    }
  }

  /** A target group can only serve a load balancer of the matching layer. */
  private static void checkServes(
      TargetGroupSpec tg, LoadBalancerSpec lb, Ref ref, Problems problems) {
    if (tg.protocol().isEmpty()) return;
    if (lb.isApplication() && !tg.isLayer7()) {
      problems.add(
          ref.at(),
          "target group '"
              + tg.name()
              + "' uses "
              + tg.protocol()
              + "; an application load balancer forwards only to HTTP or HTTPS groups");
    }
    if (!lb.isApplication() && tg.isLayer7()) {
      problems.add(
          ref.at(),
          "target group '"
              + tg.name()
              + "' uses "
              + tg.protocol()
              + "; a network load balancer forwards only to TCP, TLS, UDP or TCP_UDP groups");
    }
  }

  private static <T> Map<String, T> unique(
      List<T> items, Function<T, Metadata> metadata, String kind, Problems problems) {
    Map<String, T> byName = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (T item : items) {
      Metadata meta = metadata.apply(item);
      T first = byName.putIfAbsent(meta.name(), item);
      if (first != null && reported.add(meta.name() + "@" + meta.at())) {
        problems.add(
            meta.at(),
            kind
                + " '"
                + meta.name()
                + "' is declared twice (first at "
                + metadata.apply(first).at()
                + ")");
      }
    }
    return byName;
  }

  private static <T> Optional<T> resolve(
      Ref ref, Map<String, T> byName, String kind, Problems problems) {
    if (ref.name().isEmpty()) return Optional.empty();
    T found = byName.get(ref.name());
    if (found == null) {
      problems.add(ref.at(), "no " + kind + " named '" + ref.name() + "' is declared");
    }
    return Optional.ofNullable(found);
  }
}
