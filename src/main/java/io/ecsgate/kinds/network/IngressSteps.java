package io.ecsgate.kinds.network;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The two writes of {@code SecurityGroupIngress}: one call per security group each. */
public final class IngressSteps {
  private IngressSteps() {}

  /**
   * Adds the rules in one AuthorizeSecurityGroupIngress, each tagged at creation with {@code tags}
   * (the ownership tags: only rules carrying them are ever revoked).
   */
  public record Authorize(
      Key declaration,
      String groupId,
      List<IngressPermission> permissions,
      Map<String, String> tags)
      implements Step {
    public Authorize {
      permissions = List.copyOf(permissions);
      tags = Map.copyOf(tags);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      Map<List<Object>, List<IpRange>> byPort = new LinkedHashMap<>();
      for (IngressPermission p : permissions)
        byPort
            .computeIfAbsent(
                List.of(p.protocol(), p.fromPort(), p.toPort()), k -> new ArrayList<>())
            .add(IpRange.builder().cidrIp(p.cidr()).build());
      List<IpPermission> request = new ArrayList<>();
      byPort.forEach(
          (key, ranges) ->
              request.add(
                  IpPermission.builder()
                      .ipProtocol((String) key.get(0))
                      .fromPort((Integer) key.get(1))
                      .toPort((Integer) key.get(2))
                      .ipRanges(ranges)
                      .build()));
      List<Tag> tagList =
          new TreeMap<>(tags)
              .entrySet().stream()
                  .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                  .toList();
      List<SecurityGroupRule> added =
          aws.ec2()
              .authorizeSecurityGroupIngress(
                  r ->
                      r.groupId(groupId)
                          .ipPermissions(request)
                          .tagSpecifications(
                              TagSpecification.builder()
                                  .resourceType(ResourceType.SECURITY_GROUP_RULE)
                                  .tags(tagList)
                                  .build()))
              .securityGroupRules();
      added.forEach(rule -> ids.created(declaration, rule.securityGroupRuleId()));
      return "authorized "
          + added.stream().map(SecurityGroupRule::securityGroupRuleId).toList()
          + " in "
          + groupId;
    }
  }

  /** Revokes rules by ID, one RevokeSecurityGroupIngress per group. */
  public record Revoke(Key declaration, Map<String, List<String>> ruleIdsByGroup) implements Step {
    public Revoke {
      ruleIdsByGroup = Map.copyOf(new TreeMap<>(ruleIdsByGroup));
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      new TreeMap<>(ruleIdsByGroup)
          .forEach(
              (group, rules) -> {
                aws.ec2()
                    .revokeSecurityGroupIngress(r -> r.groupId(group).securityGroupRuleIds(rules));
                rules.forEach(rule -> ids.removed(declaration, rule));
              });
      return "revoked " + new TreeMap<>(ruleIdsByGroup);
    }
  }

  /**
   * Takes over rules that already carry this declaration's tags but that the inventory does not
   * hold ({@code metadata.adopt: true}): no AWS call, only their inventory entries.
   */
  public record Adopt(Key declaration, List<String> ruleIds) implements Step {
    public Adopt {
      ruleIds = List.copyOf(ruleIds);
    }

    @Override
    public String run(AwsClients aws, Ids ids) {
      ruleIds.forEach(rule -> ids.created(declaration, rule));
      return "adopted " + ruleIds;
    }
  }
}
