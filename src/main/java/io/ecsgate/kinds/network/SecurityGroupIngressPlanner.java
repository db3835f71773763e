package io.ecsgate.kinds.network;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps each declared rule set on its security group with the fewest writes: one
 * AuthorizeSecurityGroupIngress for what is missing, one RevokeSecurityGroupIngress (by rule ID,
 * through {@link PlanBuilder#removePart}) for rules of ecsgate's that are no longer declared. A
 * rule is ecsgate's when its tags name the declaration and the inventory holds its rule ID (each
 * rule is one entry, {@code SecurityGroupIngress/<name>} and the rule ID, written when it is
 * authorized). A rule that is not ecsgate's is never revoked, even one tagged as ecsgate's but not
 * inventoried (reported as untracked; {@code metadata.adopt: true} takes over those that admit a
 * declared permission in the declared group); one that admits exactly a declared permission already
 * satisfies it (AWS refuses a duplicate), and the plan notes it. While a load balancer a rule names
 * does not exist or shows no addresses yet, what can be added is added and nothing is revoked. The
 * rules of a declaration that is gone are deleted as {@link Deletes#UNDECLARED} (with {@code
 * --prune}).
 */
public final class SecurityGroupIngressPlanner implements Kind.Planner {
  public static final String KIND = SecurityGroupIngressSpec.KIND;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    Network network = Network.of(context.observed());
    ElbSnapshot elb = ElbSnapshot.of(context.observed());
    Map<String, List<OwnedIngressRule>> owned = new TreeMap<>();
    Map<String, List<OwnedIngressRule>> untracked = new TreeMap<>();
    for (OwnedIngressRule rule : network.ownedRules())
      (rule.ownedBy(context.ownership()) ? owned : untracked)
          .computeIfAbsent(rule.resource(), k -> new ArrayList<>())
          .add(rule);
    Set<String> declared = new TreeSet<>();
    for (SecurityGroupIngressSpec spec : context.desired().all(SecurityGroupIngressSpec.class)) {
      declared.add(spec.name());
      if (spec.metadata().suspend()) continue;
      plan(
          spec,
          network,
          elb,
          owned.getOrDefault(spec.name(), List.of()),
          untracked.getOrDefault(spec.name(), List.of()),
          context,
          out);
    }
    owned.forEach(
        (name, rules) -> {
          if (declared.contains(name)) return;
          out.delete(
              KIND,
              name,
              revoke(name, rules),
              Deletes.UNDECLARED,
              rules.stream().map(r -> removed(r)).toList(),
              "no longer declared: its " + rules.size() + " rule(s) are revoked");
        });
  }

  private void plan(
      SecurityGroupIngressSpec spec,
      Network network,
      ElbSnapshot elb,
      List<OwnedIngressRule> owned,
      List<OwnedIngressRule> untracked,
      PlanContext context,
      PlanBuilder out) {
    Optional<String> groupId = network.id(spec.securityGroup());
    if (groupId.isEmpty()) {
      out.add(
          Action.blocked(
              KIND,
              spec.name(),
              network
                  .problem(spec.securityGroup())
                  .orElse("security group '" + spec.securityGroup().name() + "' did not resolve")));
      return;
    }
    Set<IngressPermission> wanted = new LinkedHashSet<>();
    boolean complete = true;
    for (SecurityGroupIngressSpec.Rule rule : spec.rules()) {
      if (rule.from() instanceof SecurityGroupIngressSpec.Cidr cidr) {
        wanted.add(IngressPermission.of(rule.protocol(), rule.port(), cidr.cidr()));
        continue;
      }
      String lbName =
          ((SecurityGroupIngressSpec.IpsOfLoadBalancer) rule.from()).loadBalancer().name();
      Key lb = Key.of(LoadBalancerSpec.KIND, lbName);
      List<String> ips = out.idOf(lb).map(arn -> elb.albIps().get(arn)).orElse(List.of());
      List<String> ipv4 = ips.stream().filter(ip -> ip.indexOf(':') < 0).toList();
      if (ipv4.isEmpty()) {
        complete = false;
        out.waitFor(
            Key.of(KIND, spec.name()),
            lb,
            "ingress " + spec.name() + " waits for the addresses of load balancer " + lbName);
        continue;
      }
      for (String ip : ipv4)
        wanted.add(IngressPermission.of(rule.protocol(), rule.port(), ip + "/32"));
    }

    Set<IngressPermission> kept = new LinkedHashSet<>();
    // adopt: true takes over the rules tagged with this name but not inventoried, in the declared
    // group, that admit a declared permission (they carry the tags already: only the entries)
    List<String> adopted = new ArrayList<>();
    if (spec.metadata().adopt())
      for (OwnedIngressRule rule : untracked)
        if (rule.groupId().equals(groupId.get())
            && wanted.contains(rule.permission())
            && kept.add(rule.permission())) adopted.add(rule.ruleId());
    if (!adopted.isEmpty())
      out.add(
          Action.adopt(
              KIND, spec.name(), new IngressSteps.Adopt(Key.of(KIND, spec.name()), adopted)));
    List<OwnedIngressRule> revoke = new ArrayList<>();
    for (OwnedIngressRule rule : owned) {
      boolean wantedHere =
          rule.groupId().equals(groupId.get()) && wanted.contains(rule.permission());
      if (wantedHere && kept.add(rule.permission())) continue;
      revoke.add(rule);
    }
    Set<IngressPermission> admitted = network.admittedBy(groupId.get());
    List<IngressPermission> authorize = new ArrayList<>();
    for (IngressPermission permission : wanted) {
      if (kept.contains(permission)) continue;
      if (admitted.contains(permission)) {
        out.note(
            KIND
                + " "
                + spec.name()
                + ": "
                + permission
                + " is already admitted by a rule of "
                + groupId.get()
                + " that ecsgate does not own; it is left as it is");
        continue;
      }
      authorize.add(permission);
    }
    if (!authorize.isEmpty()) {
      List<Change> changes =
          authorize.stream().map(p -> Change.of("ingress " + p, Change.NONE, "admitted")).toList();
      IngressSteps.Authorize step =
          new IngressSteps.Authorize(
              Key.of(KIND, spec.name()),
              groupId.get(),
              authorize,
              context.ownership().tags(KIND, spec.name(), Map.of()));
      out.add(
          owned.isEmpty() && adopted.isEmpty()
              ? Action.create(KIND, spec.name(), step, changes)
              : Action.update(KIND, spec.name(), step, changes));
    }
    if (!revoke.isEmpty() && complete)
      out.removePart(
          KIND,
          spec.name(),
          revoke(spec.name(), revoke),
          revoke.stream().map(SecurityGroupIngressPlanner::removed).toList());
  }

  private static Change removed(OwnedIngressRule rule) {
    return Change.of(
        "ingress " + rule.permission() + " (" + rule.ruleId() + " in " + rule.groupId() + ")",
        "admitted",
        Change.NONE);
  }

  private static IngressSteps.Revoke revoke(String name, List<OwnedIngressRule> rules) {
    Map<String, List<String>> byGroup = new TreeMap<>();
    for (OwnedIngressRule rule : rules)
      byGroup.computeIfAbsent(rule.groupId(), k -> new ArrayList<>()).add(rule.ruleId());
    return new IngressSteps.Revoke(Key.of(KIND, name), byGroup);
  }
}
