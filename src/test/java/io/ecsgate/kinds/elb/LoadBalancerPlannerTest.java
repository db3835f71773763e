package io.ecsgate.kinds.elb;

import static io.ecsgate.testing.Fixtures.desired;
import static io.ecsgate.testing.Fixtures.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.Action;
import io.ecsgate.core.Key;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Verb;
import io.ecsgate.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancerPlannerTest {

  @Test
  void aLoadBalancerNamedLikeADeclaredOneThatIsNotOursIsBlocked() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);
    account.tags.put(account.loadBalancers.get(0).loadBalancerArn(), Map.of());

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT.withPrune(true));

    List<Action> balancers = ofKind(plan, LoadBalancerSpec.KIND);
    assertEquals(1, balancers.size(), plan.actions().toString());
    assertEquals(Verb.BLOCKED, balancers.get(0).verb());
    assertEquals(
        "a load balancer named 'alb' exists and is not managed by ecsgate; set metadata.adopt: true"
            + " to take it over",
        balancers.get(0).reason());
    assertEquals(List.of(), ofKind(plan, LoadBalancerPlanner.LISTENER));
  }

  @Test
  void adoptTagsTheLoadBalancerAndPlansItsListeners() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    String listener = account.alb("alb", tg);
    account.tags.put(account.loadBalancers.get(0).loadBalancerArn(), Map.of());

    Plan plan =
        account.plan(
            desired(stack().replace("metadata: {name: alb}", "metadata: {name: alb, adopt: true}")),
            PlanOptions.DEFAULT);

    assertEquals(
        List.of(Verb.ADOPT),
        plan.actions().stream().map(Action::verb).toList(),
        plan.actions().toString());
    ElbTagsStep tags = assertInstanceOf(ElbTagsStep.class, plan.actions().get(0).step());
    assertEquals("LoadBalancer/alb", tags.add().get("ecsgate:resource"));
    assertEquals(listener, plan.knownIds().get(LoadBalancerPlanner.listenerKey("alb", 80)));
  }

  @Test
  void anUnresolvedSubnetBlocksTheLoadBalancerAndKeepsItsListenersKnown() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    String listener = account.alb("alb", tg);

    Plan plan =
        account.plan(
            desired(stack().replace("subnet-b]", "subnet-gone]")),
            PlanOptions.DEFAULT.withPrune(true));

    List<Action> balancers = ofKind(plan, LoadBalancerSpec.KIND);
    assertEquals(1, balancers.size(), plan.actions().toString());
    assertEquals(Verb.BLOCKED, balancers.get(0).verb());
    assertTrue(balancers.get(0).reason().contains("subnet-gone"), balancers.get(0).reason());
    assertEquals(
        account.loadBalancers.get(0).loadBalancerArn(),
        plan.knownIds().get(Key.of(LoadBalancerSpec.KIND, "alb")));
    assertEquals(listener, plan.knownIds().get(LoadBalancerPlanner.listenerKey("alb", 80)));
  }

  @Test
  void aSchemeChangeIsReportedNeverReplaced() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);

    Plan plan =
        account.plan(
            desired(
                stack()
                    .replace("type: application", "type: application\n  scheme: internet-facing")),
            PlanOptions.DEFAULT);

    Action blocked = ofKind(plan, LoadBalancerSpec.KIND).get(0);
    assertEquals(Verb.BLOCKED, blocked.verb());
    assertEquals(
        "scheme: internal -> internet-facing: cannot change on an existing load balancer (it would"
            + " get a new DNS name); rename it to create a new one",
        blocked.reason());
    assertTrue(plan.actions().stream().noneMatch(a -> a.verb() == Verb.DELETE));
  }

  @Test
  void aMissingLoadBalancerIsCreatedWithItsListeners() {
    Fixtures.Account account = new Fixtures.Account();
    account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);

    Plan plan = account.plan(desired(stack()), PlanOptions.DEFAULT);

    assertEquals(
        List.of(LoadBalancerSpec.KIND, LoadBalancerPlanner.LISTENER),
        plan.actions().stream().map(Action::kind).toList(),
        plan.actions().toString());
    assertInstanceOf(LoadBalancerStep.Create.class, plan.actions().get(0).step());
    assertInstanceOf(LoadBalancerStep.CreateListener.class, plan.actions().get(1).step());
  }

  private static List<Action> ofKind(Plan plan, String kind) {
    return plan.actions().stream().filter(a -> a.kind().equals(kind)).toList();
  }

  @Test
  void subnetsAndSecurityGroupsThatDifferAreEachOneSetCallAndInSyncOnesNone() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);
    account.ids.put("subnet-c", "subnet-0000000c");
    account.ids.put("sg-web", "sg-00000001");

    assertEquals(List.of(), account.plan(desired(stack()), PlanOptions.DEFAULT).actions());

    Plan plan =
        account.plan(
            desired(
                stack()
                    .replace(
                        "subnets: [subnet-a, subnet-b]",
                        "subnets: [subnet-b, subnet-c]\n  securityGroups: [sg-web]")),
            PlanOptions.DEFAULT);

    List<Action> balancers = ofKind(plan, LoadBalancerSpec.KIND);
    assertEquals(
        List.of(
            "subnets: [subnet-0000000a, subnet-0000000b] -> [subnet-0000000b, subnet-0000000c]",
            "securityGroups: [] -> [sg-00000001]"),
        balancers.stream().map(a -> a.changes().get(0).toString()).toList());
    assertInstanceOf(LoadBalancerStep.SetSubnets.class, balancers.get(0).step());
    assertInstanceOf(LoadBalancerStep.SetSecurityGroups.class, balancers.get(1).step());
  }

  @Test
  void anUnresolvedSecurityGroupBlocksTheLoadBalancer() {
    Fixtures.Account account = new Fixtures.Account();
    String tg = account.targetGroup("web", "web", "HTTP", 80, "/health-check", true);
    account.alb("alb", tg);

    Plan plan =
        account.plan(
            desired(
                stack()
                    .replace(
                        "subnets: [subnet-a, subnet-b]",
                        "subnets: [subnet-a, subnet-b]\n  securityGroups: [sg-missing]")),
            PlanOptions.DEFAULT);

    List<Action> balancers = ofKind(plan, LoadBalancerSpec.KIND);
    assertEquals(1, balancers.size(), plan.actions().toString());
    assertEquals(Verb.BLOCKED, balancers.get(0).verb());
    assertTrue(balancers.get(0).reason().contains("sg-missing"), balancers.get(0).reason());
  }
}
