package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Fixtures.desired;
import static io.ecsgate.testing.Fixtures.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Ids;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.Key;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Wait;
import io.ecsgate.testing.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

class NlbTargetsPlannerTest {
  private final Fixtures.Account account = new Fixtures.Account();
  private final String web = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
  private final String listener = account.alb("alb", web);
  private final String albArn =
      listener.substring(0, listener.lastIndexOf("/80")).replace(":listener/", ":loadbalancer/");

  private static final String IP_GROUP =
      """
      apiVersion: ecsgate/v1
      kind: TargetGroup
      metadata: {name: nlb-group}
      spec: {vpc: vpc-main, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}
      """;

  private String nlbGroup(String targetType) {
    String arn = account.targetGroup("nlb-group", "nlb-group", "TCP", 80, null, true);
    TargetGroup group = account.targetGroups.remove(account.targetGroups.size() - 1);
    account.targetGroups.add(group.toBuilder().targetType(targetType).build());
    return arn;
  }

  @Test
  void theAlbsIpsAreRegisteredAndRememberedInTheStateTable() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5", "10.0.2.6"));

    Plan plan = account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT);

    NlbTargetsStep step = assertInstanceOf(NlbTargetsStep.class, plan.actions().get(0).step());
    assertEquals(
        List.of(
            new NlbTargetsStep.Target("10.0.1.5", 80), new NlbTargetsStep.Target("10.0.2.6", 80)),
        step.register());
    assertEquals(Optional.of("10.0.1.5 10.0.2.6"), step.counters());
    assertEquals(List.of(), step.removeStateTags());
    assertEquals(
        Optional.of(new Inventory.Memo(AlbIpTracker.MEMO, group, "10.0.1.5 10.0.2.6")),
        step.memo(new Ids(Map.of(step.targetGroup(), group))));
    assertEquals(Key.of(TargetGroupSpec.KIND, "nlb-group"), step.targetGroup());
    assertTrue(group.contains("nlb-group"));
  }

  @Test
  void registeredAlbIpsWithTheirCountersInTheTablePlanNothing() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5"));
    account.targets.put(
        group, List.of(TargetDescription.builder().id("10.0.1.5").port(80).build()));
    account.inventory = memo(group, "10.0.1.5");

    assertEquals(List.of(), account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT).actions());
  }

  @Test
  void aMissCountIsWrittenToTheTableOnlyWhenItChanges() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5"));
    account.targets.put(
        group,
        List.of(
            TargetDescription.builder().id("10.0.1.5").port(80).build(),
            TargetDescription.builder().id("10.0.2.6").port(80).build()));
    account.inventory = memo(group, "10.0.1.5 10.0.2.6=1");

    NlbTargetsStep step =
        assertInstanceOf(
            NlbTargetsStep.class,
            account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT).actions().get(0).step());

    assertEquals(List.of(), step.register());
    assertEquals(List.of(), step.deregister(), "missing twice of three: kept");
    assertEquals(Optional.of("10.0.1.5 10.0.2.6=2"), step.counters());
  }

  @Test
  void aForgedTagNoLongerKeepsARogueTargetOnceTheTableHoldsTheCounters() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5"));
    account.targets.put(
        group,
        List.of(
            TargetDescription.builder().id("10.0.1.5").port(80).build(),
            TargetDescription.builder().id("10.0.1.77").port(80).build()));
    Map<String, String> tags = new HashMap<>(account.tags.get(group));
    tags.put(AlbIpTracker.STATE_TAG, "10.0.1.5 10.0.1.77");
    account.tags.put(group, tags);
    account.inventory = memo(group, "10.0.1.5");

    Plan plan = account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT);
    NlbTargetsStep step = assertInstanceOf(NlbTargetsStep.class, plan.actions().get(0).step());

    assertEquals(List.of(new NlbTargetsStep.Target("10.0.1.77", 80)), step.deregister());
    assertEquals(Optional.empty(), step.counters(), "the table's counters did not change");
    assertEquals(List.of(), step.removeStateTags(), "the tag is ignored, not rewritten");
  }

  @Test
  void anInvalidCounterInTheTableIsDroppedReportedAndRewritten() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5"));
    account.targets.put(
        group,
        List.of(
            TargetDescription.builder().id("10.0.1.5").port(80).build(),
            TargetDescription.builder().id("10.0.1.77").port(80).build()));
    account.inventory = memo(group, "10.0.1.5 10.0.1.77=-2147483000");

    Plan plan = account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT);
    NlbTargetsStep step = assertInstanceOf(NlbTargetsStep.class, plan.actions().get(0).step());

    assertEquals(List.of(new NlbTargetsStep.Target("10.0.1.77", 80)), step.deregister());
    assertEquals(Optional.of("10.0.1.5"), step.counters());
    assertTrue(
        plan.notes().stream().anyMatch(n -> n.contains("[10.0.1.77=-2147483000]")),
        plan.notes().toString());
  }

  @Test
  void withoutCountersInTheTableTheOldTagSeedsThemOnceAndIsRemoved() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5"));
    account.targets.put(
        group,
        List.of(
            TargetDescription.builder().id("10.0.1.5").port(80).build(),
            TargetDescription.builder().id("10.0.2.6").port(80).build(),
            TargetDescription.builder().id("10.0.1.77").port(80).build()));
    Map<String, String> tags = new HashMap<>(account.tags.get(group));
    tags.put(AlbIpTracker.STATE_TAG, "10.0.1.5 10.0.2.6 10.0.1.77=-2147483000");
    account.tags.put(group, tags);

    NlbTargetsStep step =
        assertInstanceOf(
            NlbTargetsStep.class,
            account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT).actions().get(0).step());

    assertEquals(
        List.of(new NlbTargetsStep.Target("10.0.1.77", 80)),
        step.deregister(),
        "the invalid seed keeps nothing; 10.0.2.6 is counted missing once");
    assertEquals(Optional.of("10.0.1.5 10.0.2.6=1"), step.counters());
    assertEquals(List.of(AlbIpTracker.STATE_TAG), step.removeStateTags());
  }

  /** The group's counters in the state table (ownership by the fixtures' tags). */
  private static Inventory memo(String group, String counters) {
    Inventory.Memo memo = new Inventory.Memo(AlbIpTracker.MEMO, group, counters);
    return new Inventory(java.util.Set.of(), Inventory.Source.UNCHECKED, Map.of(memo.item(), memo));
  }

  @Test
  void aTargetOnTheWrongPortIsReplaced() {
    String group = nlbGroup("ip");
    account.albIps.put(albArn, List.of("10.0.1.5"));
    account.targets.put(
        group, List.of(TargetDescription.builder().id("10.0.1.5").port(8080).build()));

    NlbTargetsStep step =
        assertInstanceOf(
            NlbTargetsStep.class,
            account.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT).actions().get(0).step());

    assertEquals(List.of(new NlbTargetsStep.Target("10.0.1.5", 80)), step.register());
    assertEquals(List.of(new NlbTargetsStep.Target("10.0.1.5", 8080)), step.deregister());
  }

  @Test
  void aGroupOfTypeAlbHoldsTheAlbItselfAndNothingElse() {
    String group = nlbGroup("alb");
    account.targets.put(
        group,
        List.of(
            TargetDescription.builder().id("arn:aws:elasticloadbalancing:other").port(80).build()));
    String yaml =
        IP_GROUP.replace(
            "{vpc: vpc-main, protocol: TCP, port: 80, targets: {ipsOfLoadBalancer: alb}}",
            "{vpc: vpc-main, targetType: alb, protocol: TCP, port: 80, targets: {loadBalancer: alb}}");

    NlbTargetsStep step =
        assertInstanceOf(
            NlbTargetsStep.class,
            account.plan(desired(stack(yaml)), PlanOptions.DEFAULT).actions().get(0).step());

    assertEquals(List.of(new NlbTargetsStep.Target(albArn, 80)), step.register());
    assertEquals(
        List.of(new NlbTargetsStep.Target("arn:aws:elasticloadbalancing:other", 80)),
        step.deregister());
    assertEquals(Optional.empty(), step.counters());
  }

  @Test
  void targetsWaitForAnAlbThatDoesNotExistYet() {
    Fixtures.Account empty = new Fixtures.Account();

    Plan plan = empty.plan(desired(stack(IP_GROUP)), PlanOptions.DEFAULT);

    assertTrue(plan.actions().stream().noneMatch(a -> a.step() instanceof NlbTargetsStep));
    assertEquals(
        List.of(
            new Wait(
                Key.of("NlbTargets", "nlb-group"),
                Key.of("LoadBalancer", "alb"),
                "targets of nlb-group wait for load balancer alb to exist")),
        plan.waits());
  }
}
