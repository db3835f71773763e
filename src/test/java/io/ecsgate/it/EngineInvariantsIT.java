package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.DesiredStateSource;
import io.ecsgate.controller.LoopEvents;
import io.ecsgate.controller.ReconcileLoop;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.controller.Sleeper;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Inventory;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * What the engine never does, whatever the kind: count a follow-up pass as a new observation,
 * delete past its budget, delete a resource before what uses it, delete most of a stack at once,
 * hide an owned resource from the plan, or write anything while an action is blocked.
 */
@ExtendWith(Emulator.class)
class EngineInvariantsIT {
  private static final String EXTRA_RULES =
      """
      ---
      apiVersion: ecsgate/v1
      kind: ListenerRule
      metadata: {name: extra1}
      spec:
        loadBalancer: ecs-fargate-elb
        port: 80
        priority: 30
        pathPatterns: [/extra1]
        forward: ecs-fargate-demo1-tg
      ---
      apiVersion: ecsgate/v1
      kind: ListenerRule
      metadata: {name: extra2}
      spec:
        loadBalancer: ecs-fargate-elb
        port: 80
        priority: 40
        pathPatterns: [/extra2]
        forward: ecs-fargate-demo1-tg
      """;

  @TempDir Path dir;
  private Emulator aws;
  private ElasticLoadBalancingV2Client elb;

  @BeforeEach
  void copyTheSeed(Emulator aws) throws IOException {
    this.aws = aws;
    this.elb = aws.clients().elb();
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
  }

  @Test
  void oneApplyCountsOneObservationForAMissingAlbIpWhileAScaledServiceHasANote() {
    apply();
    String ip = removeOneAlbInterface();
    // the scaler's count differs from the declared one: the plan carries a note for people
    aws.clients()
        .ecs()
        .updateService(r -> r.cluster("ecs-fargate-cluster").service(DEMO1).desiredCount(3));

    Cli.Result first = Cli.against(aws, "apply", dir.toString());
    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("belongs to the auto scaler"), first.out());
    assertTrue(nlbIps().contains(ip), "kept after 1 observation without it");

    assertEquals(0, Cli.against(aws, "apply", dir.toString()).exitCode());
    assertTrue(nlbIps().contains(ip), "kept after 2 observations without it");

    assertEquals(0, Cli.against(aws, "apply", dir.toString()).exitCode());
    assertFalse(nlbIps().contains(ip), "deregistered on the 3rd observation without it");
  }

  @Test
  void oneDaemonCycleCountsOneObservationForAMissingAlbIp() {
    apply();
    String ip = removeOneAlbInterface();
    aws.clients()
        .ecs()
        .updateService(r -> r.cluster("ecs-fargate-cluster").service(DEMO1).desiredCount(3));
    Daemon daemon = new Daemon(PlanOptions.DEFAULT);

    assertEquals("success", daemon.cycle().result());
    assertTrue(nlbIps().contains(ip), "kept after the 1st cycle without it");
    assertEquals("success", daemon.cycle().result());
    assertTrue(nlbIps().contains(ip), "kept after the 2nd cycle without it");
    assertEquals("success", daemon.cycle().result());
    assertFalse(nlbIps().contains(ip), "deregistered in the 3rd cycle without it");
  }

  @Test
  void maxDeletesOneMakesExactlyOneDeletionPerApplyAndPerCycle() throws IOException {
    Path rules = dir.resolve("listener-rules.yaml");
    String declared = Files.readString(rules);
    Files.writeString(rules, declared + EXTRA_RULES);
    apply();
    Files.writeString(rules, declared.split("---")[0]); // demo2, extra1 and extra2 removed
    int before = ruleCount();

    Cli.Result apply = Cli.against(aws, "apply", "--prune", "--max-deletes", "1", dir.toString());

    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    assertEquals(before - 1, ruleCount(), apply.out());
    assertTrue(apply.out().contains("deferred"), apply.out());

    Daemon daemon = new Daemon(new PlanOptions(true, 1));
    daemon.cycle();
    assertEquals(before - 2, ruleCount(), "one more in the first cycle");
    daemon.cycle();
    assertEquals(before - 3, ruleCount(), "and one in the next");
  }

  @Test
  void aServiceIsDeletedBeforeTheTargetGroupItUses() throws IOException {
    apply();
    String demo2Group = ownedTargetGroup("ecs-fargate-demo2-tg").targetGroupArn();
    keepOnlyTheFirstDocument("services.yaml"); // demo2's service
    keepOnlyTheFirstDocument("listener-rules.yaml"); // demo2's rule
    String groups = Files.readString(dir.resolve("target-groups.yaml"));
    Files.writeString(
        dir.resolve("target-groups.yaml"),
        List.of(groups.split("---")).stream()
            .filter(doc -> !doc.contains("ecs-fargate-demo2-tg"))
            .collect(Collectors.joining("---")));

    Cli.Result first = Cli.against(aws, "apply", "--prune", "--max-deletes", "1", dir.toString());

    assertEquals(0, first.exitCode(), first.out() + first.err());
    assertFalse(
        Inventory.owned(aws.clients()).containsKey("Service/" + DEMO2),
        "the service goes first: " + first.out());
    assertTrue(targetGroupExists(demo2Group), "its target group is still there");

    Cli.Result second = Cli.against(aws, "apply", "--prune", "--max-deletes", "1", dir.toString());
    assertTrue(targetGroupExists(demo2Group), "then the rule: " + second.out());
    Cli.against(aws, "apply", "--prune", "--max-deletes", "1", dir.toString());
    assertFalse(targetGroupExists(demo2Group), "the target group last");
  }

  @Test
  void shrinkingSevenFilesToOneIsRefusedWithoutAllowMassDelete() throws IOException {
    apply();
    Map<String, Integer> before = Inventory.owned(aws.clients());
    for (String file :
        List.of("api.yaml", "listener-rules.yaml", "load-balancers.yaml", "security-groups.yaml"))
      Files.delete(dir.resolve(file));
    for (String file : List.of("services.yaml", "target-groups.yaml"))
      Files.delete(dir.resolve(file));

    Cli.Result apply = Cli.against(aws, "apply", "--prune", "--max-deletes", "100", dir.toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("--allow-mass-delete"), apply.out());
    assertTrue(apply.out().contains("nothing was changed"), apply.out());
    assertEquals(before, Inventory.owned(aws.clients()));
  }

  @Test
  void planWithDetailedExitcodeExits2ForAnOwnedUndeclaredRuleWithoutPrune() throws IOException {
    apply();
    keepOnlyTheFirstDocument("listener-rules.yaml");

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", dir.toString());

    assertEquals(2, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("ListenerRule demo2"), plan.out());
    assertTrue(plan.out().contains("would be deleted with --prune"), plan.out());
    assertFalse(plan.out().contains("No changes"), plan.out());
  }

  @Test
  void applyAgainstAnAccountMissingTheDeclaredSubnetsMakesZeroWrites() throws IOException {
    for (String file : List.of("load-balancers.yaml", "services.yaml")) {
      Path path = dir.resolve(file);
      Files.writeString(
          path,
          Files.readString(path)
              .replace("public-subnet-a", "no-such-subnet-a")
              .replace("private-subnet-a", "no-such-subnet-a"));
    }

    Cli.Result apply = Cli.against(aws, "apply", dir.toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("no-such-subnet-a"), apply.out());
    assertTrue(apply.out().contains("nothing was changed"), apply.out());
    assertEquals(Map.of(), Inventory.owned(aws.clients()), "not one resource was created");
    assertEquals(0, elb.describeLoadBalancers().loadBalancers().size());
  }

  @Test
  void aSubnetIdThatDoesNotExistBlocksAndApplyWritesNothing() throws IOException {
    Path services = dir.resolve("services.yaml");
    Files.writeString(
        services,
        Files.readString(services).replace("private-subnet-a", "subnet-0123456789abcdef0"));

    Cli.Result apply = Cli.against(aws, "apply", dir.toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(
        apply.out().contains("no subnet has the ID 'subnet-0123456789abcdef0'"), apply.out());
    assertEquals(Map.of(), Inventory.owned(aws.clients()), "not one resource was created");
  }

  @Test
  void aTargetGroupInAnotherVpcThanItsLoadBalancerBlocksAndApplyWritesNothing() throws IOException {
    String otherVpc = aws.clients().ec2().createVpc(r -> r.cidrBlock("10.99.0.0/16")).vpc().vpcId();
    Path groups = dir.resolve("target-groups.yaml");
    Files.writeString(
        groups, Files.readString(groups).replaceFirst("vpc: ecs-fargate-vpc", "vpc: " + otherVpc));

    Cli.Result apply = Cli.against(aws, "apply", dir.toString());

    assertEquals(1, apply.exitCode(), apply.out() + apply.err());
    assertTrue(apply.out().contains("in VPC " + otherVpc), apply.out());
    assertTrue(apply.out().contains("AWS only forwards to a target group"), apply.out());
    assertEquals(Map.of(), Inventory.owned(aws.clients()), "not one resource was created");
  }

  @Test
  void thePlanNamesTheTaskDefinitionRevisionsAnImageChangeDeregisters() throws IOException {
    apply();
    PlanOptions keepTwo = new PlanOptions(false, 20, false, 2);
    Reconciler reconciler = Reconcilers.of(aws.clients());
    for (String version : List.of("1.28", "1.29")) {
      setDemo1Image(version);
      assertTrue(
          reconciler
              .converge(Registry.loader().load(List.of(dir)), keepTwo, Convergence.Progress.SILENT)
              .succeeded());
    }
    setDemo1Image("1.30");

    Cli.Result plan =
        Cli.against(aws, "plan", "--keep-task-definitions", "2", "--json", dir.toString());

    // revisions 1..3 are ACTIVE but for the ones already deregistered; registering 4 keeps 4 and 3
    assertTrue(plan.out().contains("\"name\" : \"ecs-fargate-demo1:2\""), plan.out());
    assertTrue(plan.out().contains("\"verb\" : \"delete\""), plan.out());
    assertFalse(plan.out().contains("\"name\" : \"ecs-fargate-demo1:3\""), plan.out());
  }

  // --- helpers

  private static final String DEMO1 = "ecs-fargate-demo1-service";
  private static final String DEMO2 = "ecs-fargate-demo2-service";

  private void apply() {
    Cli.Result apply = Cli.against(aws, "apply", dir.toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
  }

  private void keepOnlyTheFirstDocument(String file) throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(path, Files.readString(path).split("---")[0]);
  }

  private void setDemo1Image(String version) throws IOException {
    Path services = dir.resolve("services.yaml");
    String text = Files.readString(services);
    int demo1 = text.indexOf("SERVICE_NAME: demo1");
    int image = text.lastIndexOf("image: public.ecr.aws/nginx/nginx:", demo1);
    int end = text.indexOf('\n', image);
    Files.writeString(
        services,
        text.substring(0, image)
            + "image: public.ecr.aws/nginx/nginx:"
            + version
            + text.substring(end));
  }

  /** A daemon in this process with a clock of its own: each {@link #cycle} is one due cycle. */
  private final class Daemon {
    private final MutableClock clock =
        MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final ReconcileLoop loop;

    Daemon(PlanOptions options) {
      loop =
          new ReconcileLoop(
              DesiredStateSource.files(List.of(dir), Registry.loader()),
              Reconcilers.of(aws.clients()),
              new ReconcileLoop.Settings(
                  Duration.ofSeconds(30),
                  0,
                  Duration.ofSeconds(1),
                  false,
                  options,
                  Duration.ofMinutes(10)),
              clock,
              Sleeper.system(),
              new Random(1),
              LoopEvents.NONE);
    }

    ReconcileLoop.CycleReport cycle() {
      clock.add(Duration.ofSeconds(31));
      return loop.tick().orElseThrow();
    }
  }

  private String removeOneAlbInterface() {
    NetworkInterface gone = albInterfaces().get(0);
    aws.clients()
        .ec2()
        .deleteNetworkInterface(r -> r.networkInterfaceId(gone.networkInterfaceId()));
    assertTrue(nlbIps().contains(gone.privateIpAddress()));
    return gone.privateIpAddress();
  }

  private List<NetworkInterface> albInterfaces() {
    String arn =
        elb.describeLoadBalancers(r -> r.names("ecs-fargate-elb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    return aws.clients()
        .ec2()
        .describeNetworkInterfaces(
            r ->
                r.filters(
                    Filter.builder()
                        .name("description")
                        .values(ElbSnapshot.interfaceDescription(arn))
                        .build()))
        .networkInterfaces();
  }

  private Set<String> nlbIps() {
    String group = ownedTargetGroup("ecs-fargate-nlb-group").targetGroupArn();
    return elb
        .describeTargetHealth(r -> r.targetGroupArn(group))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private TargetGroup ownedTargetGroup(String name) {
    return elb.describeTargetGroups(r -> r.names(name)).targetGroups().get(0);
  }

  private boolean targetGroupExists(String arn) {
    return elb.describeTargetGroups().targetGroups().stream()
        .anyMatch(tg -> tg.targetGroupArn().equals(arn));
  }

  private int ruleCount() {
    String lb =
        elb.describeLoadBalancers(r -> r.names("ecs-fargate-elb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().get(0).listenerArn();
    return (int)
        elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
            .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
            .count();
  }
}
