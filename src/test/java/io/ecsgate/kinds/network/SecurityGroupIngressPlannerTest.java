package io.ecsgate.kinds.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.SyntheticAccount;
import io.ecsgate.core.Action;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.core.Withheld;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.apigateway.ApiGatewaySnapshot;
import io.ecsgate.kinds.ecs.EcsSnapshot;
import io.ecsgate.kinds.elb.ElbSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's rule (the ALB's group admits the NLB's addresses on port 80) against its in-sync
 * account with one thing changed: only the difference is written, only ecsgate's tagged rules are
 * revoked, and a revocation goes through the guarded deletion path.
 */
class SecurityGroupIngressPlannerTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private static final String NAME = "ecs-fargate-elb-admits-nlb";
  private final DesiredState seed = Registry.loader().load(List.of(Path.of("desired-state")));
  private final ObservedState inSync = SyntheticAccount.inSync(seed, OWNERSHIP);
  private final Network network = Network.of(inSync);
  private final OwnedIngressRule first = network.ownedRules().get(0);

  private Plan plan(ObservedState observed, PlanOptions options) {
    return Registry.planner().plan(new PlanContext(seed, observed, OWNERSHIP, options));
  }

  private ObservedState with(UnaryOperator<Network> change) {
    return with(ElbSnapshot.of(inSync), change.apply(network));
  }

  private ObservedState with(ElbSnapshot elb, Network changed) {
    return ObservedState.of(elb, changed, EcsSnapshot.of(inSync), ApiGatewaySnapshot.of(inSync));
  }

  private static Network network(
      Network n, Map<String, Set<IngressPermission>> admitted, List<OwnedIngressRule> owned) {
    return new Network(n.ids(), n.problems(), n.vpcOfSubnet(), admitted, owned);
  }

  private List<Action> ingress(Plan plan) {
    return plan.actions().stream().filter(a -> a.kind().equals(NAME_KIND)).toList();
  }

  private static final String NAME_KIND = SecurityGroupIngressSpec.KIND;

  @Test
  void anAccountInSyncPlansNothingForTheRule() {
    assertEquals(2, network.ownedRules().size(), "one rule per NLB address");
    assertEquals(List.of(), ingress(plan(inSync, PlanOptions.DEFAULT)));
  }

  @Test
  void aMissingRuleIsOneAuthorizeOfExactlyThatPermissionTaggedAsOurs() {
    Map<String, Set<IngressPermission>> admitted = new HashMap<>(network.admitted());
    Set<IngressPermission> left = new HashSet<>(admitted.get(first.groupId()));
    left.remove(first.permission());
    admitted.put(first.groupId(), left);
    Plan plan =
        plan(
            with(n -> network(n, admitted, network.ownedRules().subList(1, 2))),
            PlanOptions.DEFAULT);

    List<Action> actions = ingress(plan);
    assertEquals(1, actions.size(), actions::toString);
    assertEquals(Verb.UPDATE, actions.get(0).verb());
    IngressSteps.Authorize step = (IngressSteps.Authorize) actions.get(0).step();
    assertEquals(first.groupId(), step.groupId());
    assertEquals(List.of(first.permission()), step.permissions());
    assertEquals(OWNERSHIP.tags(NAME_KIND, NAME, Map.of()), step.tags());
  }

  @Test
  void aRuleOfOursForAnAddressTheNlbNoLongerHasIsRevokedByIdAsAPart() {
    IngressPermission stale = IngressPermission.of("tcp", 80, "10.0.9.9/32");
    List<OwnedIngressRule> owned = new ArrayList<>(network.ownedRules());
    owned.add(new OwnedIngressRule("sgr-0000000000000stale", first.groupId(), NAME, stale));
    Plan plan = plan(with(n -> network(n, n.admitted(), owned)), PlanOptions.DEFAULT);

    List<Action> actions = ingress(plan);
    assertEquals(1, actions.size(), actions::toString);
    assertEquals(Deletes.PART, actions.get(0).deletes());
    assertEquals(
        new IngressSteps.Revoke(
            Key.of(NAME_KIND, NAME), Map.of(first.groupId(), List.of("sgr-0000000000000stale"))),
        actions.get(0).step());
  }

  @Test
  void whileTheNlbShowsNoAddressesNothingIsRevokedAndTheRuleWaits() {
    ElbSnapshot elb = ElbSnapshot.of(inSync);
    ElbSnapshot noIps =
        new ElbSnapshot(
            elb.loadBalancers(),
            elb.listeners(),
            elb.rules(),
            elb.targetGroups(),
            elb.tags(),
            elb.targets(),
            Map.of());
    Plan plan = plan(with(noIps, network), PlanOptions.DEFAULT);

    assertEquals(List.of(), ingress(plan));
    assertTrue(
        plan.waits().stream()
            .anyMatch(
                w ->
                    w.subject().equals(Key.of(NAME_KIND, NAME))
                        && w.on().equals(Key.of("LoadBalancer", "ecs-fargate-nlb"))),
        plan.waits()::toString);
  }

  @Test
  void aPermissionAUserRuleAlreadyAdmitsIsSatisfiedAndNoted() {
    // ecsgate's rule for the first address is gone, but a rule of the user's admits it exactly
    Plan plan =
        plan(
            with(n -> network(n, n.admitted(), network.ownedRules().subList(1, 2))),
            PlanOptions.DEFAULT);

    assertEquals(List.of(), ingress(plan));
    assertTrue(
        plan.notes().stream().anyMatch(n -> n.contains(first.permission().cidr())),
        plan.notes()::toString);
  }

  @Test
  void theRulesOfAnUndeclaredNameAreRevokedOnlyWithPrune() {
    List<OwnedIngressRule> owned = new ArrayList<>(network.ownedRules());
    owned.add(
        new OwnedIngressRule(
            "sgr-00000000000000old", "sg-0000000000000beef", "gone", first.permission()));
    ObservedState observed = with(n -> network(n, n.admitted(), owned));

    Plan kept = plan(observed, PlanOptions.DEFAULT);
    assertEquals(List.of(), ingress(kept));
    assertEquals(
        List.of(Withheld.Why.NEEDS_PRUNE),
        kept.withheld().stream()
            .filter(w -> w.action().kind().equals(NAME_KIND))
            .map(Withheld::why)
            .toList());

    Plan pruned = plan(observed, PlanOptions.DEFAULT.withPrune(true));
    List<Action> actions = ingress(pruned);
    assertEquals(1, actions.size(), actions::toString);
    assertEquals(Verb.DELETE, actions.get(0).verb());
    assertEquals("gone", actions.get(0).name());
    assertEquals(
        new IngressSteps.Revoke(
            Key.of(NAME_KIND, "gone"),
            Map.of("sg-0000000000000beef", List.of("sgr-00000000000000old"))),
        actions.get(0).step());
  }

  @Test
  void aCidrRuleAddedToTheYamlIsOneAuthorizeOfThatCidrAlone(@TempDir Path dir) throws IOException {
    for (Path file : Files.list(Path.of("desired-state")).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
    Path rules = dir.resolve("security-groups.yaml");
    Files.writeString(
        rules,
        Files.readString(rules) + "    - {port: 443, protocol: udp, from: {cidr: 10.0.0.0/16}}\n");
    DesiredState wider = Registry.loader().load(List.of(dir));

    Plan plan =
        Registry.planner().plan(new PlanContext(wider, inSync, OWNERSHIP, PlanOptions.DEFAULT));
    List<Action> actions = ingress(plan);
    assertEquals(1, actions.size(), actions::toString);
    assertEquals(
        List.of(IngressPermission.of("udp", 443, "10.0.0.0/16")),
        ((IngressSteps.Authorize) actions.get(0).step()).permissions());

    ObservedState widerInSync = SyntheticAccount.inSync(wider, OWNERSHIP);
    assertEquals(
        List.of(),
        ingress(
            Registry.planner()
                .plan(new PlanContext(wider, widerInSync, OWNERSHIP, PlanOptions.DEFAULT))));
  }

  @Test
  void aSecurityGroupThatDoesNotResolveBlocksTheRuleAndRevokesNothing() {
    Map<String, String> ids = new HashMap<>(network.ids());
    ids.remove("ecs-fargate-elb-grp");
    Plan plan =
        plan(
            with(
                n ->
                    new Network(
                        ids,
                        Map.of("ecs-fargate-elb-grp", "no security group has the ID or Name"),
                        n.vpcOfSubnet(),
                        n.admitted(),
                        n.ownedRules())),
            PlanOptions.DEFAULT);

    List<Action> actions = ingress(plan);
    assertEquals(1, actions.size(), actions::toString);
    assertTrue(actions.get(0).isBlocked());
  }

  private static Inventory inventoryWithout(ObservedState observed, String... untracked) {
    return io.ecsgate.testing.Inventories.allTaggedBut(observed, OWNERSHIP, untracked);
  }

  private Plan plan(ObservedState observed, Inventory inventory, PlanOptions options) {
    return Registry.planner()
        .plan(new PlanContext(seed, observed, OWNERSHIP.withInventory(inventory), options));
  }

  @Test
  void aRuleTaggedAsOursButNotInventoriedIsNeverRevokedAndIsReported() {
    IngressPermission stale = IngressPermission.of("tcp", 80, "10.0.9.9/32");
    List<OwnedIngressRule> tagged = new ArrayList<>(network.ownedRules());
    tagged.add(new OwnedIngressRule("sgr-000000000000planted", first.groupId(), NAME, stale));
    tagged.add(
        new OwnedIngressRule(
            "sgr-00000000000planted2", "sg-0000000000000beef", "gone", first.permission()));
    ObservedState observed = with(n -> network(n, n.admitted(), tagged));
    Inventory inventory =
        inventoryWithout(observed, "sgr-000000000000planted", "sgr-00000000000planted2");

    Plan plan = plan(observed, inventory, PlanOptions.DEFAULT.withPrune(true));

    assertEquals(List.of(), ingress(plan), "neither is revoked, with --prune too");
    assertEquals(List.of(), plan.withheld());
    assertEquals(
        List.of(
            new Inventory.Untracked(NAME_KIND, NAME, "sgr-000000000000planted"),
            new Inventory.Untracked(NAME_KIND, "gone", "sgr-00000000000planted2")),
        plan.untracked());
  }

  @Test
  void aStaleRuleInTheInventoryIsRevokedAsBefore() {
    IngressPermission stale = IngressPermission.of("tcp", 80, "10.0.9.9/32");
    List<OwnedIngressRule> tagged = new ArrayList<>(network.ownedRules());
    tagged.add(new OwnedIngressRule("sgr-0000000000000stale", first.groupId(), NAME, stale));
    ObservedState observed = with(n -> network(n, n.admitted(), tagged));

    Plan plan = plan(observed, inventoryWithout(observed), PlanOptions.DEFAULT);

    assertEquals(
        List.of(
            new IngressSteps.Revoke(
                Key.of(NAME_KIND, NAME),
                Map.of(first.groupId(), List.of("sgr-0000000000000stale")))),
        ingress(plan).stream().map(Action::step).toList());
  }

  @Test
  void adoptTakesOverTheUntrackedRulesOfItsNameThatAdmitADeclaredPermission(@TempDir Path dir)
      throws IOException {
    for (Path file : Files.list(Path.of("desired-state")).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
    Path ingress = dir.resolve("security-groups.yaml");
    Files.writeString(
        ingress,
        Files.readString(ingress).replace("name: " + NAME, "name: " + NAME + "\n  adopt: true"));
    DesiredState adopting = Registry.loader().load(List.of(dir));
    assertTrue(adopting.specs().stream().anyMatch(s -> s.metadata().adopt()), "adopt: true read");
    Inventory inventory = inventoryWithout(inSync, first.ruleId());

    Plan plan =
        Registry.planner()
            .plan(
                new PlanContext(
                    adopting, inSync, OWNERSHIP.withInventory(inventory), PlanOptions.DEFAULT));

    List<Action> actions = ingress(plan);
    assertEquals(1, actions.size(), actions::toString);
    assertEquals(Verb.ADOPT, actions.get(0).verb());
    assertEquals(
        new IngressSteps.Adopt(Key.of(NAME_KIND, NAME), List.of(first.ruleId())),
        actions.get(0).step());
    io.ecsgate.core.Ids ids = new io.ecsgate.core.Ids(Map.of());
    actions.get(0).step().run(null, ids);
    assertEquals(List.of(first.ruleId()), ids.createdFor(Key.of(NAME_KIND, NAME)));
  }
}
