package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.AlbIpTracker;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.state.StateTable;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Out-of-band drift on the ALB/NLB path, repaired by one apply with the fewest calls. */
@ExtendWith(Emulator.class)
class LoadBalancingDriftIT {
  @TempDir Path dir;
  private Emulator aws;
  private ElasticLoadBalancingV2Client elb;
  private Reconciler reconciler;

  @BeforeEach
  void convergeTheSeedStack(Emulator aws) throws IOException {
    this.aws = aws;
    this.elb = aws.clients().elb();
    this.reconciler = Reconcilers.of(aws.clients());
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
    assertTrue(converge().succeeded());
    aws.calls().reset();
  }

  @Test
  void aHealthCheckPathChangedByHandIsRestoredWithOneModifyTargetGroup() {
    elb.modifyTargetGroup(
        r ->
            r.targetGroupArn(targetGroup("ecs-fargate-demo1-tg").targetGroupArn())
                .healthCheckPath("/"));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    assertEquals(Map.of("ElasticLoadBalancingV2:ModifyTargetGroup", 1L), aws.calls().writeCalls());
    assertEquals("/health-check", targetGroup("ecs-fargate-demo1-tg").healthCheckPath());
  }

  @Test
  void aRulePathChangedByHandIsRestoredWithOneModifyRule() {
    Rule demo1 = ruleAt(10);
    elb.modifyRule(
        r ->
            r.ruleArn(demo1.ruleArn())
                .conditions(
                    c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/hijacked"))));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    assertEquals(Map.of("ElasticLoadBalancingV2:ModifyRule", 1L), aws.calls().writeCalls());
    assertEquals(
        List.of("/demo1", "/demo1/*"), ruleAt(10).conditions().get(0).pathPatternConfig().values());
  }

  @Test
  void aDeletedRuleIsCreatedAgainWithOneCreateRule() {
    elb.deleteRule(r -> r.ruleArn(ruleAt(20).ruleArn()));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    // and the rule's inventory entry: marked pending, recorded, the mark removed
    assertEquals(
        Map.of(
            "ElasticLoadBalancingV2:CreateRule", 1L,
            "DynamoDb:PutItem", 2L,
            "DynamoDb:DeleteItem", 1L),
        aws.calls().writeCalls());
    assertEquals(
        List.of("/demo2", "/demo2/*"), ruleAt(20).conditions().get(0).pathPatternConfig().values());
  }

  @Test
  void shuffledPrioritiesAreRestoredWithOneSetRulePriorities() {
    Rule demo1 = ruleAt(10);
    Rule demo2 = ruleAt(20);
    elb.setRulePriorities(
        r ->
            r.rulePriorities(
                RulePriorityPair.builder().ruleArn(demo1.ruleArn()).priority(20).build(),
                RulePriorityPair.builder().ruleArn(demo2.ruleArn()).priority(10).build()));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    assertEquals(Map.of("ElasticLoadBalancingV2:SetRulePriorities", 1L), aws.calls().writeCalls());
    assertEquals(demo1.ruleArn(), ruleAt(10).ruleArn());
    assertEquals(demo2.ruleArn(), ruleAt(20).ruleArn());
  }

  @Test
  void aRogueIpInTheNlbGroupIsDeregisteredAtOnce() {
    String nlbGroup = targetGroup("ecs-fargate-nlb-group").targetGroupArn();
    Set<String> albIps = registeredIps(nlbGroup);
    assertEquals(albIps, albInterfaceIps(), "the NLB group holds exactly the ALB's IPs");
    elb.registerTargets(r -> r.targetGroupArn(nlbGroup).targets(t -> t.id("10.0.1.99").port(80)));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    assertEquals(Map.of("ElasticLoadBalancingV2:DeregisterTargets", 1L), aws.calls().writeCalls());
    assertEquals(albIps, registeredIps(nlbGroup));
  }

  @Test
  void aForgedCounterTagNoLongerKeepsARogueTarget() {
    String nlbGroup = targetGroup("ecs-fargate-nlb-group").targetGroupArn();
    Set<String> albIps = registeredIps(nlbGroup);
    // issue 12: a counter that never reaches the deregistration threshold, written as a tag
    elb.addTags(
        r ->
            r.resourceArns(nlbGroup)
                .tags(
                    t ->
                        t.key(AlbIpTracker.STATE_TAG)
                            .value(String.join(" ", albIps) + " 10.0.1.77=-2147483000 10.0.1.78")));
    elb.registerTargets(
        r ->
            r.targetGroupArn(nlbGroup)
                .targets(t -> t.id("10.0.1.77").port(80), t -> t.id("10.0.1.78").port(80)));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    assertEquals(
        Map.of("ElasticLoadBalancingV2:DeregisterTargets", 1L),
        aws.calls().writeCalls(),
        "the table holds the counters: the tag is read by no one and nothing else is written");
    assertEquals(albIps, registeredIps(nlbGroup), "both rogue targets go at once");
    assertEquals(
        Optional.of(String.join(" ", new TreeSet<>(albIps))),
        counters(nlbGroup),
        "the state table's counters, as ecsgate wrote them");
  }

  @Test
  void aGroupWithoutCountersInTheTableIsSeededOnceFromItsValidatedTagWhichIsThenRemoved() {
    String nlbGroup = targetGroup("ecs-fargate-nlb-group").targetGroupArn();
    Set<String> albIps = registeredIps(nlbGroup);
    // as an ecsgate before the state table left it: no counters in the table, the tag instead
    aws.clients()
        .dynamoDb()
        .deleteItem(
            r ->
                r.tableName(StateTable.DEFAULT_NAME)
                    .key(
                        Map.of(
                            "stack",
                            AttributeValue.fromS(Ownership.DEFAULT_CONTROLLER_ID),
                            "item",
                            AttributeValue.fromS("memo/" + AlbIpTracker.MEMO + "/" + nlbGroup))));
    elb.addTags(
        r ->
            r.resourceArns(nlbGroup)
                .tags(
                    t ->
                        t.key(AlbIpTracker.STATE_TAG)
                            .value(String.join(" ", albIps) + " 10.0.1.77=-2147483000")));
    elb.registerTargets(r -> r.targetGroupArn(nlbGroup).targets(t -> t.id("10.0.1.77").port(80)));
    aws.calls().reset();

    assertTrue(converge().succeeded());

    assertEquals(albIps, registeredIps(nlbGroup), "the invalid seed keeps no target");
    assertEquals(Optional.of(String.join(" ", new TreeSet<>(albIps))), counters(nlbGroup));
    assertFalse(
        elb.describeTags(r -> r.resourceArns(nlbGroup)).tagDescriptions().get(0).tags().stream()
            .anyMatch(t -> t.key().startsWith(AlbIpTracker.STATE_TAG)),
        "the tag is removed once the table holds the counters");
    aws.calls().reset();
    assertTrue(converge().succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls(), "then a cycle is a no-op");
  }

  /** The ALB-IP counters the state table holds for {@code group}. */
  private Optional<String> counters(String group) {
    Map<String, AttributeValue> item =
        aws.clients()
            .dynamoDb()
            .getItem(
                r ->
                    r.tableName(StateTable.DEFAULT_NAME)
                        .key(
                            Map.of(
                                "stack",
                                AttributeValue.fromS(Ownership.DEFAULT_CONTROLLER_ID),
                                "item",
                                AttributeValue.fromS("memo/" + AlbIpTracker.MEMO + "/" + group))))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("value").s());
  }

  @Test
  void aReplacedAlbInterfaceIsRegisteredAtOnceAndTheOldIpLeavesOnTheThirdCycleWithoutIt() {
    String nlbGroup = targetGroup("ecs-fargate-nlb-group").targetGroupArn();
    NetworkInterface old = albInterfaces().get(0);
    String oldIp = old.privateIpAddress();
    // what AWS does when an ALB node is replaced: the interface goes, a new one with a new IP comes
    aws.clients().ec2().deleteNetworkInterface(r -> r.networkInterfaceId(old.networkInterfaceId()));
    String newIp =
        aws.clients()
            .ec2()
            .createNetworkInterface(r -> r.subnetId(old.subnetId()).description(old.description()))
            .networkInterface()
            .privateIpAddress();
    aws.calls().reset();

    assertTrue(converge().succeeded());
    assertTrue(
        registeredIps(nlbGroup).containsAll(Set.of(newIp, oldIp)),
        "new IP registered in the same cycle, old one kept");
    assertEquals(1, aws.calls().count("RegisterTargets"));
    assertEquals(0, aws.calls().count("DeregisterTargets"));

    Map<String, Integer> known = AlbIpTracker.parse(counters(nlbGroup).orElseThrow()).known();
    assertEquals(0, known.get(newIp), "the state table counts " + known);
    assertEquals(1, known.get(oldIp), "the state table counts " + known);

    reconciler = Reconcilers.of(aws.clients()); // a restart: the counters are the table's
    assertTrue(converge().succeeded());
    assertTrue(
        registeredIps(nlbGroup).contains(oldIp),
        "still kept after the second observation without it");

    reconciler = Reconcilers.of(aws.clients());
    assertTrue(converge().succeeded());
    assertFalse(
        registeredIps(nlbGroup).contains(oldIp),
        "deregistered on the third observation without it");
    assertEquals(albInterfaceIps(), registeredIps(nlbGroup));
    assertEquals(1, aws.calls().count("DeregisterTargets"));
  }

  @Test
  void aPortChangeReplacesTheGroupAndDeletesTheOldOneOnlyAfterEveryReferenceMoved()
      throws IOException {
    String oldArn = targetGroup("ecs-fargate-demo1-tg").targetGroupArn();
    Path file = dir.resolve("target-groups.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replaceFirst("port: 80\n  healthCheck:", "port: 8080\n  healthCheck:"));

    assertTrue(converge().succeeded());

    List<String> writes = aws.calls().writeOrder();
    // the listener, the rule and the ECS service bound to the group all move to the new group
    // before the old one goes; the inventory marks the new group pending before its create,
    // records it after, and forgets the old one after its delete
    assertEquals(
        List.of(
            "PutItem",
            "CreateTargetGroup",
            "PutItem",
            "DeleteItem",
            "ModifyListener",
            "ModifyRule",
            "UpdateService",
            "DeleteTargetGroup",
            "DeleteItem"),
        writes);
    TargetGroup replacement = ownedTargetGroups("ecs-fargate-demo1-tg").get(0);
    assertEquals(8080, replacement.port());
    assertTrue(
        elb.describeTargetGroups().targetGroups().stream()
            .noneMatch(tg -> tg.targetGroupArn().equals(oldArn)));
    assertEquals(replacement.targetGroupArn(), ruleAt(10).actions().get(0).targetGroupArn());
    assertEquals(1, ownedTargetGroups("ecs-fargate-demo1-tg").size());

    aws.calls().reset();
    assertTrue(converge().succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  @Test
  void resourcesCreatedOutsideEcsgateAreUntouchedEvenWithPrune() {
    String vpc = aws.id("ecs-fargate-vpc");
    String foreignGroup =
        elb.createTargetGroup(
                r ->
                    r.name("hand-made-tg")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpc)
                        .targetType("ip")
                        .healthCheckPath("/x"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    String listener =
        elb.describeListeners(
                r -> r.loadBalancerArn(loadBalancer("ecs-fargate-elb").loadBalancerArn()))
            .listeners()
            .get(0)
            .listenerArn();
    String foreignRule =
        elb.createRule(
                r ->
                    r.listenerArn(listener)
                        .priority(30)
                        .conditions(
                            c ->
                                c.field("path-pattern").pathPatternConfig(p -> p.values("/manual")))
                        .actions(a -> a.type("forward").targetGroupArn(foreignGroup)))
            .rules()
            .get(0)
            .ruleArn();
    aws.calls().reset();

    assertTrue(converge().succeeded());
    assertTrue(
        reconciler
            .converge(desired(), PlanOptions.DEFAULT.withPrune(true), Convergence.Progress.SILENT)
            .succeeded());

    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(
        "/x",
        elb.describeTargetGroups(r -> r.targetGroupArns(foreignGroup))
            .targetGroups()
            .get(0)
            .healthCheckPath());
    Rule rule = elb.describeRules(r -> r.ruleArns(foreignRule)).rules().get(0);
    assertEquals("30", rule.priority());
    assertEquals(List.of("/manual"), rule.conditions().get(0).pathPatternConfig().values());
  }

  @Test
  void aPriorityTakenByARuleEcsgateDoesNotOwnIsAClearError() throws IOException {
    elb.deleteRule(r -> r.ruleArn(ruleAt(20).ruleArn()));
    String listener =
        elb.describeListeners(
                r -> r.loadBalancerArn(loadBalancer("ecs-fargate-elb").loadBalancerArn()))
            .listeners()
            .get(0)
            .listenerArn();
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(20)
                .conditions(
                    c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/manual")))
                .actions(
                    a ->
                        a.type("forward")
                            .targetGroupArn(targetGroup("ecs-fargate-demo2-tg").targetGroupArn())));

    Cli.Result apply = Cli.against(aws, "apply", dir.toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(
        apply
            .out()
            .contains(
                "priority 20 on listener ecs-fargate-elb:80 is taken by a rule ecsgate does not manage"),
        apply.out());
    assertEquals(List.of("/manual"), ruleAt(20).conditions().get(0).pathPatternConfig().values());
  }

  @Test
  void pruneDeletesOwnedResourcesRemovedFromTheYaml() throws IOException {
    Path rules = dir.resolve("listener-rules.yaml");
    Files.writeString(rules, Files.readString(rules).split("---")[0]); // demo2's rule removed
    String demo2Rule = ruleAt(20).ruleArn();

    assertTrue(converge().succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls(), "without --prune nothing is deleted");

    Cli.Result apply = Cli.against(aws, "apply", "--prune", dir.toString());

    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertTrue(
        elb.describeRules(r -> r.listenerArn(ruleListener())).rules().stream()
            .noneMatch(r -> r.ruleArn().equals(demo2Rule)));
    assertEquals(
        List.of("/demo1", "/demo1/*"), ruleAt(10).conditions().get(0).pathPatternConfig().values());
  }

  @Test
  void pruneRefusesAnEmptyDesiredStateAndDeletesNothing() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    int before = elb.describeTargetGroups().targetGroups().size();

    Cli.Result apply = Cli.against(aws, "apply", "--prune", empty.toString());

    assertEquals(1, apply.exitCode());
    assertTrue(apply.err().contains("the desired state is empty"), apply.err());
    assertEquals(before, elb.describeTargetGroups().targetGroups().size());
  }

  private Convergence converge() {
    return reconciler.converge(desired(), PlanOptions.DEFAULT, Convergence.Progress.SILENT);
  }

  private DesiredState desired() {
    return Registry.loader().load(List.of(dir));
  }

  private TargetGroup targetGroup(String name) {
    return ownedTargetGroups(name).get(0);
  }

  private List<TargetGroup> ownedTargetGroups(String name) {
    return elb.describeTargetGroups().targetGroups().stream()
        .filter(
            tg ->
                elb
                    .describeTags(r -> r.resourceArns(tg.targetGroupArn()))
                    .tagDescriptions()
                    .get(0)
                    .tags()
                    .stream()
                    .anyMatch(
                        t ->
                            t.key().equals(Ownership.RESOURCE)
                                && t.value().equals("TargetGroup/" + name)))
        .toList();
  }

  private LoadBalancer loadBalancer(String name) {
    return elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0);
  }

  private String ruleListener() {
    return elb.describeListeners(
            r -> r.loadBalancerArn(loadBalancer("ecs-fargate-elb").loadBalancerArn()))
        .listeners()
        .get(0)
        .listenerArn();
  }

  private Rule ruleAt(int priority) {
    return elb.describeRules(r -> r.listenerArn(ruleListener())).rules().stream()
        .filter(r -> r.priority().equals(String.valueOf(priority)))
        .findFirst()
        .orElseThrow();
  }

  private Set<String> registeredIps(String targetGroupArn) {
    return elb
        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private List<NetworkInterface> albInterfaces() {
    String description =
        ElbSnapshot.interfaceDescription(loadBalancer("ecs-fargate-elb").loadBalancerArn());
    return aws.clients()
        .ec2()
        .describeNetworkInterfaces(
            r -> r.filters(Filter.builder().name("description").values(description).build()))
        .networkInterfaces();
  }

  private Set<String> albInterfaceIps() {
    return albInterfaces().stream()
        .map(NetworkInterface::privateIpAddress)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
