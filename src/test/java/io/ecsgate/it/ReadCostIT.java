package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.bench.ReadBound;
import io.ecsgate.bench.StackGenerator;
import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.TagAudit;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** Reads per no-op cycle equal the lowest number the API batch limits allow ({@link ReadBound}). */
@ExtendWith(Emulator.class)
class ReadCostIT {
  @TempDir Path dir;

  @Test
  void theSeedStackIsObservedWithTheFewestReads(Emulator aws) {
    DesiredState seed = Registry.loader().load(List.of(Emulator.seed()));
    long reads = noOpReads(aws, seed);
    // 2 load balancers (1 ALB listener), 3 target groups, 2 rules, 1 group of ALB IPs; VPC, subnet
    // and SG names: 11;
    // ECS: 1 DescribeClusters, 1 ListServices, 1 DescribeServices, 2 DescribeTaskDefinition, 1
    // DescribeScalableTargets,
    // 1 DescribeScalingPolicies: 7 (the services' subnets and security group go into the same EC2
    // look-ups);
    // API Gateway: GetVpcLinks, GetVpcLinks (V2), GetRestApis, GetResources (embed=methods),
    // GetStages, GetDeployment: 6; the ingress rules ecsgate tagged: 1 DescribeSecurityGroupRules
    // (the NLB's
    // addresses come with the ALB's in the one DescribeNetworkInterfaces)
    long bound = ReadBound.of(Registry.loader().load(List.of(Emulator.seed())));
    // and 1 Query of the inventory
    assertEquals(29, bound);
    System.out.println(
        "[read-cost] desired-state/: " + reads + " reads per no-op cycle, lower bound " + bound);
    assertEquals(bound, reads);
    long warm = warmNoOpReads(aws, seed);
    System.out.println(
        "[read-cost] desired-state/, controller loop: "
            + warm
            + " reads per no-op cycle, lower bound "
            + ReadBound.warm(seed));
    assertEquals(27, ReadBound.warm(seed)); // 20 without the API, + 6 API Gateway reads, + Query
    assertEquals(ReadBound.warm(seed), warm);
    long loop = loopNoOpReads(aws, seed);
    System.out.println(
        "[read-cost] desired-state/, controller loop between tag audits: "
            + loop
            + " reads per no-op cycle, lower bound "
            + ReadBound.loop(seed));
    // no DescribeTags (1), no ListServices (1), no ListTagsForResource of the 2 alarms
    assertEquals(23, ReadBound.loop(seed));
    assertEquals(ReadBound.loop(seed), loop);
  }

  @Test
  void aTagRemovedByHandIsNoticedAtTheNextTagAuditAndNotBefore(Emulator aws) {
    DesiredState seed = Registry.loader().load(List.of(Emulator.seed()));
    MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    Reconciler loop = Reconcilers.loop(aws.clients(), new TagAudit(Duration.ofMinutes(10), clock));
    assertTrue(loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    // the cycle after the one that created everything reads every tag of what it wrote
    assertFalse(
        loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .lastPlan()
            .hasDifferences());
    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    String group =
        elb.describeTargetGroups(r -> r.names("ecs-fargate-demo1-tg"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.removeTags(r -> r.resourceArns(group).tagKeys(Ownership.RESOURCE));

    clock.add(Duration.ofMinutes(10).minusSeconds(1));
    aws.calls().reset();
    Convergence between = loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertFalse(between.lastPlan().hasDifferences(), "the removal is not seen before the audit");
    assertEquals(0, aws.calls().count("DescribeTags"));
    assertEquals(0, aws.calls().count("ListServices"));
    assertEquals(ReadBound.loop(seed), aws.calls().reads());
    assertEquals(Map.of(), aws.calls().writeCalls());

    clock.add(Duration.ofSeconds(1));
    aws.calls().reset();
    Convergence audit = loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertEquals(1, aws.calls().count("DescribeTags"));
    assertEquals(1, aws.calls().count("ListServices"));
    assertEquals(ReadBound.warm(seed), aws.calls().reads());
    assertEquals(Map.of(), aws.calls().writeCalls(), "a group no longer tagged as ours: no write");
    assertTrue(
        audit.lastPlan().actions().stream()
            .anyMatch(
                a ->
                    a.isBlocked()
                        && a.key().kind().equals("TargetGroup")
                        && a.key().name().equals("ecs-fargate-demo1-tg")),
        () -> "the audit sees the group is no longer ecsgate's: " + audit.lastPlan());
  }

  @Test
  void betweenTagAuditsACycleThatWouldWriteReadsItsTagsAgainFirst(Emulator aws) {
    DesiredState seed = Registry.loader().load(List.of(Emulator.seed()));
    MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    Reconciler loop = Reconcilers.loop(aws.clients(), new TagAudit(Duration.ofMinutes(10), clock));
    assertTrue(loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    assertTrue(loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    ElasticLoadBalancingV2Client elb = aws.clients().elb();
    String group =
        elb.describeTargetGroups(r -> r.names("ecs-fargate-demo1-tg"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    // drift alone: the cycle that repairs it read the tags first (the first observation took the
    // old ones and planned the repair; ELB was read again, every tag of it, and planned again)
    elb.modifyTargetGroup(r -> r.targetGroupArn(group).healthCheckPath("/drifted"));
    clock.add(Duration.ofMinutes(1));
    aws.calls().reset();
    assertTrue(loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    assertEquals(1, aws.calls().count("DescribeTags"));
    assertEquals(
        Map.of("ElasticLoadBalancingV2:ModifyTargetGroup", 1L),
        aws.calls().writeCalls(),
        "repaired");
    // the next cycle reads every ELB tag (ecsgate wrote to ELB), and makes no write
    aws.calls().reset();
    assertFalse(
        loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .lastPlan()
            .hasDifferences());
    assertEquals(1, aws.calls().count("DescribeTags"));
    assertEquals(0, aws.calls().count("ListServices"), "ECS was not written: read by name");
    // then drift ecsgate would repair, with the ownership tag removed: the repair must not rest on
    // the old tags
    elb.modifyTargetGroup(r -> r.targetGroupArn(group).healthCheckPath("/drifted-again"));
    elb.removeTags(r -> r.resourceArns(group).tagKeys(Ownership.RESOURCE));
    clock.add(Duration.ofMinutes(1));
    aws.calls().reset();
    Convergence cycle = loop.converge(seed, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    // the first observation took the old tags and planned the repair; ELB was read again with its
    // tags, and the plan made on them writes nothing to the group that is no longer ours
    assertEquals(1, aws.calls().count("DescribeTags"));
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertTrue(cycle.lastPlan().isBlocked(), () -> cycle.lastPlan().toString());
  }

  @Test
  void convergingTheSeedStackFromEmptyReadsAgainOnlyWhatTheNextPassNeeds(Emulator aws) {
    DesiredState seed = Registry.loader().load(List.of(Emulator.seed()));
    List<Map<String, Long>> atObservation = new ArrayList<>();
    Convergence converged =
        Reconcilers.of(aws.clients())
            .converge(
                seed,
                PlanOptions.DEFAULT,
                new Convergence.Progress() {
                  @Override
                  public void observed(ObservedState observed) {
                    atObservation.add(aws.calls().snapshot());
                  }

                  @Override
                  public void planned(Plan plan, int pass) {}

                  @Override
                  public void outcome(Outcome outcome) {}
                });
    assertTrue(converged.succeeded(), () -> converged.lastPlan().toString());
    System.out.println(
        "[read-cost] seed stack from empty: "
            + converged.passes()
            + " passes, "
            + aws.calls().reads()
            + " reads, "
            + aws.calls().writes()
            + " writes; by operation: "
            + aws.calls().snapshot());
    System.out.println(
        "[read-cost] seed stack from empty, writes in order: " + aws.calls().writeOrder());
    assertEquals(2, converged.passes());
    // the second pass reads again ELB (the ALB's IPs for the NLB's targets, the NLB's for the ALB's
    // security group), ECS and API Gateway, which the first wrote; the network family wrote
    // nothing in the first pass (its ingress rule waited on the NLB) and is not read again
    for (String lookUp :
        List.of(
            "DescribeVpcs",
            "DescribeSubnets",
            "DescribeSecurityGroups",
            "DescribeSecurityGroupRules")) assertEquals(1, aws.calls().count(lookUp), lookUp);
    assertEquals(2, aws.calls().count("DescribeLoadBalancers"));
    // 29 of the stack without step scaling and ingress rules: + 1 DescribeAlarms a pass, + the 2
    // alarms' tags in the second, + 1 DescribeSecurityGroupRules, + 1 GetVpcLinks of API Gateway
    // V2 a pass; and the state table's: the inventory's Query, and DescribeTable twice as the
    // first entry creates the table (its existence, then waiting until it is active)
    assertTrue(
        aws.calls().reads() <= 39,
        () -> aws.calls().reads() + " reads (at most 36 of the stack and 3 of the state table)");
    assertEquals(
        List.of(
            "CreateCluster",
            "CreateTargetGroup",
            "CreateTargetGroup",
            "CreateTargetGroup",
            "CreateLoadBalancer",
            "CreateLoadBalancer",
            "CreateListener",
            "CreateListener",
            "CreateRule",
            "CreateRule",
            "RegisterTaskDefinition",
            "RegisterTaskDefinition",
            "CreateService",
            "CreateService",
            "RegisterScalableTarget",
            "PutScalingPolicy",
            "RegisterScalableTarget",
            "PutScalingPolicy",
            "PutScalingPolicy",
            "PutMetricAlarm",
            "PutMetricAlarm",
            "CreateVpcLink",
            "CreateRestApi",
            // the ALB-IP counts go to the state table, not to an AddTags of the NLB group
            "RegisterTargets",
            "AuthorizeSecurityGroupIngress",
            "CreateResource",
            "PutMethod",
            "PutIntegration",
            "CreateResource",
            "PutMethod",
            "PutIntegration",
            "CreateDeployment",
            "CreateStage",
            "UpdateStage"),
        aws.calls().writeOrder().stream()
            .filter(op -> !java.util.Set.of("CreateTable", "PutItem", "DeleteItem").contains(op))
            .toList(),
        "the same writes of the stack in the same order as when every pass read everything");
  }

  @Test
  void fiftyTargetGroupsAndAHundredRulesAreObservedWithTheFewestReads(Emulator aws)
      throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            """
        apiVersion: ecsgate/v1
        kind: LoadBalancer
        metadata: {name: big-alb}
        spec:
          type: application
          subnets: [public-subnet-a, public-subnet-b]
          listeners: [{port: 80, defaultAction: {fixedResponse: {statusCode: 404}}}]
        """);
    for (int g = 0; g < 50; g++) {
      yaml.append("---\napiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: svc-")
          .append(g)
          .append("}\n")
          .append(
              "spec: {vpc: ecs-fargate-vpc, protocol: HTTP, port: 80, healthCheck: {path: /health}}\n");
      for (int r = 0; r < 2; r++) {
        yaml.append("---\napiVersion: ecsgate/v1\nkind: ListenerRule\nmetadata: {name: svc-")
            .append(g)
            .append("-")
            .append(r)
            .append("}\n")
            .append("spec: {loadBalancer: big-alb, port: 80, priority: ")
            .append(g * 2 + r + 1)
            .append(", pathPatterns: [/svc-")
            .append(g)
            .append("/v")
            .append(r)
            .append("/*], forward: svc-")
            .append(g)
            .append("}\n");
      }
    }
    Files.writeString(dir.resolve("big.yaml"), yaml);

    DesiredState desired = Registry.loader().load(List.of(dir));
    long reads = noOpReads(aws, desired);

    // 1 + 1 + 1 listener + 1 rules + ceil(151/20)=8 tags + VPC and subnet names = 14, and the three
    // API Gateway lists that show owned VPC links (V1 and V2) and REST APIs in every plan, and the
    // one DescribeSecurityGroupRules that shows owned ingress rules in every plan = 18
    long bound = ReadBound.of(desired);
    assertEquals(19, bound); // with the inventory's Query
    System.out.println(
        "[read-cost] 50 target groups, 100 rules: "
            + reads
            + " reads per no-op cycle, lower bound "
            + bound);
    assertEquals(bound, reads);
  }

  @Test
  void aRestApiWithAHundredRoutesIsObservedWithTheFewestReads(Emulator aws) throws IOException {
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
    StringBuilder routes = new StringBuilder();
    for (int r = 0; r < 100; r++) {
      routes
          .append("    - {path: '/svc-")
          .append(r / 2)
          .append(r % 2 == 0 ? "'" : "/{item_id}'")
          .append(", methods: [GET]}\n");
    }
    Path api = dir.resolve("api.yaml");
    Files.writeString(api, Files.readString(api).replace("  stage:\n", routes + "  stage:\n"));

    DesiredState desired = Registry.loader().load(List.of(dir));
    long reads = noOpReads(aws, desired);

    long bound =
        ReadBound.of(
            desired); // the seed's 20 + GetVpcLinks (V1 and V2) + GetRestApis + one GetResources
    // page (103 resources) + GetStages + GetDeployment + the inventory's Query
    assertEquals(29, bound);
    System.out.println(
        "[read-cost] REST API with 102 routes (103 resources): "
            + reads
            + " reads per no-op cycle, lower bound "
            + bound);
    assertEquals(bound, reads);
  }

  @Test
  void fiftyGeneratedServicesWithTheirEcsServicesAreObservedWithTheFewestReads(Emulator aws)
      throws IOException {
    DesiredState desired =
        Registry.loader().load(List.of(StackGenerator.write(50, dir.resolve("stack"))));
    long reads = noOpReads(aws, desired);

    // ELB: 2 load balancers, 51 groups, 50 rules (12); ECS: 1 DescribeClusters, 1 ListServices, 5
    // DescribeServices, 50 DescribeTaskDefinition, 1 DescribeScalableTargets, 8
    // DescribeScalingPolicies (four names a service: 4 batches of 50 names, 18 to 20 policies
    // found in each), and for the 25 services on step scaling 1 DescribeAlarms and 50
    // ListTagsForResource (117)
    long bound = ReadBound.of(desired);
    assertEquals(117, ReadBound.ecs(desired));
    System.out.println(
        "[read-cost] 50 generated services: "
            + reads
            + " reads per no-op cycle, lower bound "
            + bound);
    assertEquals(bound, reads);
    long warm = warmNoOpReads(aws, desired);
    System.out.println(
        "[read-cost] 50 generated services, controller loop: "
            + warm
            + " reads per no-op cycle, lower bound "
            + ReadBound.warm(desired));
    assertEquals(ReadBound.warm(desired), warm);
    long loop = loopNoOpReads(aws, desired);
    System.out.println(
        "[read-cost] 50 generated services, controller loop between tag audits: "
            + loop
            + " reads per no-op cycle, lower bound "
            + ReadBound.loop(desired)
            + "; ELB reads "
            + elbReads(aws)
            + ", bound "
            + ReadBound.elb(desired, false));
    assertEquals(ReadBound.loop(desired), loop);
    assertEquals(ReadBound.elb(desired, false), elbReads(aws));
  }

  /**
   * Reads of a no-op cycle of the controller loop between tag audits: the cycle after the one after
   * converging (that one read every tag of what the converging cycle wrote).
   */
  private static long loopNoOpReads(Emulator aws, DesiredState desired) {
    Reconciler reconciler =
        Reconcilers.loop(
            aws.clients(),
            new TagAudit(
                Duration.ofHours(1),
                MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));
    assertTrue(
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    assertTrue(
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    aws.calls().reset();
    assertTrue(
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(0, aws.calls().count("DescribeTags"));
    assertEquals(0, aws.calls().count("ListServices"));
    System.out.println("[read-cost] between tag audits, by operation: " + aws.calls().snapshot());
    return aws.calls().reads();
  }

  /**
   * The Elastic Load Balancing reads counted since the last reset (the account shares 10 a second).
   */
  static long elbReads(Emulator aws) {
    return aws.calls().snapshot().entrySet().stream()
        .filter(e -> e.getKey().startsWith("ElasticLoadBalancingV2:"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Reads of a no-op cycle by a controller that has never seen the stack (a one-shot plan or apply,
   * a restart).
   */
  private static long noOpReads(Emulator aws, DesiredState desired) {
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
    aws.calls().reset();
    Convergence noOp =
        Reconcilers.of(aws.clients())
            .converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertTrue(noOp.succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    System.out.println("[read-cost] by operation: " + aws.calls().snapshot());
    return aws.calls().reads();
  }

  /**
   * Reads of a no-op cycle by a controller that ran the cycle before (the controller loop's steady
   * state).
   */
  private static long warmNoOpReads(Emulator aws, DesiredState desired) {
    Reconciler reconciler = Reconcilers.of(aws.clients());
    assertTrue(
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    aws.calls().reset();
    assertTrue(
        reconciler.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(0, aws.calls().count("DescribeTaskDefinition"));
    return aws.calls().reads();
  }
}
