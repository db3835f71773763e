package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ElbSnapshot;
import io.ecsgate.state.StateTable;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The walk-through's rule on the seed stack: the ALB's security group admits each address of the
 * NLB on port 80. Converged from empty, a no-op, a revoked rule put back with one write, a user's
 * rules left alone, a changed NLB address followed, and the rules of a removed declaration revoked
 * only with {@code --prune}.
 */
@ExtendWith(Emulator.class)
class SecurityGroupIngressIT {
  private static final String DECLARED = "ecs-fargate-elb-admits-nlb";

  @TempDir Path dir;
  private Emulator aws;
  private Ec2Client ec2;
  private Reconciler reconciler;
  private String albGroup;

  @BeforeEach
  void copyTheSeed(Emulator aws) throws IOException {
    this.aws = aws;
    this.ec2 = aws.clients().ec2();
    this.reconciler = Reconcilers.of(aws.clients(), new Ownership("ecsgate"));
    this.albGroup = aws.id("ecs-fargate-elb-grp");
    for (Path file : Files.list(Emulator.seed()).toList())
      Files.copy(file, dir.resolve(file.getFileName()));
  }

  @Test
  void fromEmptyTheAlbGroupAdmitsEachNlbAddressOnPort80TaggedThenANoOpWritesNothing() {
    converge(PlanOptions.DEFAULT);

    Set<String> nlbIps = nlbIps();
    assertEquals(2, nlbIps.size(), "one interface per subnet of the NLB");
    assertEquals(cidrs(nlbIps), port80Cidrs());
    for (SecurityGroupRule rule : rules()) {
      Map<String, String> tags = tags(rule);
      assertEquals("ecsgate", tags.get(Ownership.MANAGED_BY), rule.toString());
      assertEquals("SecurityGroupIngress/" + DECLARED, tags.get(Ownership.RESOURCE));
    }

    aws.calls().reset();
    converge(PlanOptions.DEFAULT);
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(1, aws.calls().count("DescribeSecurityGroupRules"));
  }

  @Test
  void aRuleRevokedByHandIsAuthorizedAgainWithOneWrite() {
    converge(PlanOptions.DEFAULT);
    SecurityGroupRule gone = rules().get(0);
    ec2.revokeSecurityGroupIngress(
        r -> r.groupId(albGroup).securityGroupRuleIds(gone.securityGroupRuleId()));
    assertEquals(1, rules().size());
    aws.calls().reset();

    converge(PlanOptions.DEFAULT);

    // and the new rule's inventory entry
    assertEquals(
        Map.of("Ec2:AuthorizeSecurityGroupIngress", 1L, "DynamoDb:PutItem", 1L),
        aws.calls().writeCalls());
    assertEquals(cidrs(nlbIps()), port80Cidrs());
  }

  @Test
  void rulesAUserAddedAreLeftAloneAndOneThatAdmitsADeclaredAddressSatisfiesIt() {
    converge(PlanOptions.DEFAULT);
    // someone replaces ecsgate's rule for one NLB address with their own, and opens 443 to the VPC
    SecurityGroupRule ours = rules().get(0);
    ec2.revokeSecurityGroupIngress(
        r -> r.groupId(albGroup).securityGroupRuleIds(ours.securityGroupRuleId()));
    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(albGroup)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(80)
                            .toPort(80)
                            .ipRanges(i -> i.cidrIp(ours.cidrIpv4())),
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(443)
                            .toPort(443)
                            .ipRanges(i -> i.cidrIp("10.0.0.0/16"))));
    aws.calls().reset();

    Convergence result = converge(PlanOptions.DEFAULT.withPrune(true));

    assertEquals(
        Map.of(), aws.calls().writeCalls(), "nothing to add, and nothing of theirs revoked");
    assertTrue(
        result.lastPlan().notes().stream()
            .anyMatch(n -> n.contains(ours.cidrIpv4()) && n.contains("does not own")),
        () -> result.lastPlan().notes().toString());
    assertEquals(cidrs(nlbIps()), port80Cidrs());
    assertTrue(
        ec2
            .describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(albGroup)))
            .securityGroupRules()
            .stream()
            .anyMatch(r -> Integer.valueOf(443).equals(r.fromPort())),
        "the user's 443 rule is still there");
  }

  @Test
  void aChangedNlbAddressIsFollowedWithOneAuthorizeAndOneRevoke() {
    converge(PlanOptions.DEFAULT);
    // the emulator's stand-in for AWS moving an NLB interface: one goes, another comes
    NetworkInterface old = nlbInterfaces().get(0);
    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(old.networkInterfaceId()));
    String moved =
        ec2.createNetworkInterface(r -> r.subnetId(old.subnetId()).description(old.description()))
            .networkInterface()
            .privateIpAddress();
    aws.calls().reset();

    converge(PlanOptions.DEFAULT);

    assertEquals(
        Map.of(
            "Ec2:AuthorizeSecurityGroupIngress", 1L,
            "Ec2:RevokeSecurityGroupIngress", 1L,
            // the new rule's inventory entry written, the old one's removed
            "DynamoDb:PutItem", 1L,
            "DynamoDb:DeleteItem", 1L),
        aws.calls().writeCalls());
    assertEquals(cidrs(nlbIps()), port80Cidrs());
    assertTrue(port80Cidrs().contains(moved + "/32"));
    assertTrue(!port80Cidrs().contains(old.privateIpAddress() + "/32"));
  }

  @Test
  void theRulesOfARemovedDeclarationAreRevokedOnlyWithPrune() throws IOException {
    converge(PlanOptions.DEFAULT);
    Files.delete(dir.resolve("security-groups.yaml"));
    aws.calls().reset();

    Convergence kept = converge(PlanOptions.DEFAULT);
    assertEquals(Map.of(), aws.calls().writeCalls());
    Plan plan = kept.lastPlan();
    assertEquals(
        List.of("SecurityGroupIngress/" + DECLARED),
        plan.withheld().stream()
            .map(w -> w.action().kind() + "/" + w.action().name())
            .filter(k -> k.startsWith("SecurityGroupIngress/"))
            .toList());
    assertEquals(2, rules().size());

    aws.calls().reset();
    converge(PlanOptions.DEFAULT.withPrune(true));
    // one call for both rules, and each rule's inventory entry removed
    assertEquals(
        Map.of("Ec2:RevokeSecurityGroupIngress", 1L, "DynamoDb:DeleteItem", 2L),
        aws.calls().writeCalls());
    assertEquals(List.of(), rules());
  }

  @Test
  void rulesTaggedButNotInventoriedAreLeftAloneReportedAndTakenOverWithAdopt() throws IOException {
    converge(PlanOptions.DEFAULT);
    List<String> ours = rules().stream().map(SecurityGroupRule::securityGroupRuleId).toList();
    assertEquals(2, ours.size());
    // as an ecsgate before the inventory left them: tagged, without entries
    for (String rule : ours)
      aws.clients()
          .dynamoDb()
          .deleteItem(
              r ->
                  r.tableName(StateTable.DEFAULT_NAME)
                      .key(
                          Map.of(
                              "stack", AttributeValue.fromS("ecsgate"),
                              "item",
                                  AttributeValue.fromS("inventory/SecurityGroupIngress/" + rule))));
    aws.calls().reset();

    Plan plan = converge(PlanOptions.DEFAULT.withPrune(true)).lastPlan();

    assertEquals(Map.of(), aws.calls().writeCalls(), "not revoked, not authorized again");
    assertEquals(
        new TreeSet<>(ours),
        plan.untracked().stream()
            .filter(u -> u.kind().equals("SecurityGroupIngress"))
            .map(u -> u.id())
            .collect(Collectors.toCollection(TreeSet::new)));

    Path file = dir.resolve("security-groups.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("name: " + DECLARED, "name: " + DECLARED + "\n  adopt: true"));
    aws.calls().reset();
    Plan adopted = converge(PlanOptions.DEFAULT).lastPlan();

    assertEquals(
        Map.of("DynamoDb:PutItem", 2L),
        aws.calls().writeCalls(),
        "the two entries, and no EC2 write: the rules carry the tags already");
    aws.calls().reset();
    Plan after = converge(PlanOptions.DEFAULT).lastPlan();
    assertEquals(Map.of(), aws.calls().writeCalls());
    assertEquals(List.of(), after.untracked(), String.valueOf(adopted));
  }

  private Convergence converge(PlanOptions options) {
    Convergence result =
        reconciler.converge(
            Registry.loader().load(List.of(dir)), options, Convergence.Progress.SILENT);
    assertTrue(result.succeeded(), String.valueOf(result.lastPlan()));
    return result;
  }

  /** ecsgate's rules in the ALB's group. */
  private List<SecurityGroupRule> rules() {
    return ec2.describeSecurityGroupRules(
            r ->
                r.filters(
                    f -> f.name("group-id").values(albGroup),
                    f -> f.name("tag:" + Ownership.MANAGED_BY).values("ecsgate")))
        .securityGroupRules();
  }

  /** Every CIDR the ALB's group admits on tcp/80, whoever added the rule. */
  private Set<String> port80Cidrs() {
    return ec2
        .describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(albGroup)))
        .securityGroupRules()
        .stream()
        .filter(r -> !r.isEgress() && "tcp".equals(r.ipProtocol()))
        .filter(r -> Integer.valueOf(80).equals(r.fromPort()) && r.cidrIpv4() != null)
        .map(SecurityGroupRule::cidrIpv4)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private List<NetworkInterface> nlbInterfaces() {
    String nlb =
        aws.clients()
            .elb()
            .describeLoadBalancers(r -> r.names("ecs-fargate-nlb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    return ec2.describeNetworkInterfaces(
            r ->
                r.filters(f -> f.name("description").values(ElbSnapshot.interfaceDescription(nlb))))
        .networkInterfaces();
  }

  private Set<String> nlbIps() {
    return nlbInterfaces().stream()
        .map(NetworkInterface::privateIpAddress)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> cidrs(Set<String> ips) {
    return ips.stream().map(ip -> ip + "/32").collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, String> tags(SecurityGroupRule rule) {
    Map<String, String> tags = new TreeMap<>();
    for (Tag tag : rule.tags()) tags.put(tag.key(), tag.value());
    return tags;
  }
}
