package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.network.Network;
import io.ecsgate.yaml.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLinkStatus;

/**
 * VPC links V2: create when missing (tagged, in the declared subnets with the declared security
 * groups), adopt with {@code adopt: true} (the only link V2 of the declared name: TagResource), tag
 * with user tags it lacks, delete when no longer declared. A link whose subnets or security groups
 * differ cannot be changed on AWS (UpdateVpcLink changes only the name) and is reported blocked, as
 * is a link that FAILED and a declaration whose subnets or groups do not resolve. A link not yet
 * AVAILABLE is known but not usable: the REST API planner defers the integrations that need it.
 */
public final class VpcLinkV2Planner implements Kind.Planner {
  private static final String KIND = VpcLinkV2Spec.KIND;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    List<VpcLink> actual = ApiGatewaySnapshot.of(context.observed()).vpcLinksV2();
    new Owned<>(
            KIND,
            "VPC link V2",
            new Owned.Identity<>(VpcLink::vpcLinkId, VpcLink::tags, VpcLink::name),
            new Rules(context.ownership(), Network.of(context.observed())))
        .plan(context, context.desired().all(VpcLinkV2Spec.class), actual, out);
  }

  /** Can integrations use the link yet? */
  static boolean isAvailable(VpcLink link) {
    return link.vpcLinkStatus() == VpcLinkStatus.AVAILABLE;
  }

  private record Rules(Ownership ownership, Network network)
      implements ApiGatewayRules<VpcLinkV2Spec, VpcLink> {
    @Override
    public void create(VpcLinkV2Spec desired, PlanBuilder out) {
      List<String> unresolved = unresolved(desired);
      if (!unresolved.isEmpty()) {
        out.add(Action.blocked(KIND, desired.name(), String.join("; ", unresolved)));
        return;
      }
      List<String> subnets = network.ids(desired.subnets());
      List<String> groups = network.ids(desired.securityGroups());
      out.add(
          Action.create(
              KIND,
              desired.name(),
              new ApiGatewayStep.CreateVpcLinkV2(
                  desired.name(),
                  subnets,
                  groups,
                  ownership.tags(KIND, desired.name(), desired.tags())),
              List.of(
                  Change.of("subnets", "(none)", String.join(",", subnets)),
                  Change.of("securityGroups", "(none)", String.join(",", groups)))));
    }

    @Override
    public List<Change> fixedFieldChanges(VpcLinkV2Spec desired, VpcLink actual) {
      List<Change> changes = new ArrayList<>();
      if (!unresolved(desired).isEmpty()) return changes; // reported by update
      differs(changes, "subnets", actual.subnetIds(), network.ids(desired.subnets()));
      differs(
          changes,
          "securityGroups",
          actual.securityGroupIds(),
          network.ids(desired.securityGroups()));
      return changes;
    }

    @Override
    public void cannotChangeInPlace(
        VpcLinkV2Spec desired, VpcLink actual, List<Change> changes, PlanBuilder out) {
      out.add(
          Action.blocked(
              KIND,
              desired.name(),
              "VPC link V2 "
                  + actual.vpcLinkId()
                  + " differs in "
                  + String.join(", ", changes.stream().map(Change::field).toList())
                  + "; a link's subnets and security groups cannot change: delete the link to"
                  + " have it recreated"));
    }

    @Override
    public void update(VpcLinkV2Spec desired, VpcLink link, PlanBuilder out) {
      List<String> unresolved = unresolved(desired);
      if (!unresolved.isEmpty())
        out.add(Action.blocked(KIND, desired.name(), String.join("; ", unresolved)));
      else if (link.vpcLinkStatus() == VpcLinkStatus.FAILED)
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                "VPC link V2 " + link.vpcLinkId() + " FAILED: " + link.vpcLinkStatusMessage()));
    }

    @Override
    public Optional<Step> tag(VpcLink actual, Map<String, String> add) {
      return Optional.of(new ApiGatewayStep.TagVpcLinkV2(actual.vpcLinkId(), add));
    }

    @Override
    public Step remove(VpcLink actual) {
      return new ApiGatewayStep.DeleteVpcLinkV2(actual.vpcLinkId());
    }

    @Override
    public String arnPath(VpcLink actual) {
      return "/vpclinks/" + actual.vpcLinkId();
    }

    private List<String> unresolved(VpcLinkV2Spec desired) {
      List<String> problems = new ArrayList<>();
      for (Ref ref : desired.subnets()) network.unresolved(ref).ifPresent(problems::add);
      for (Ref ref : desired.securityGroups()) network.unresolved(ref).ifPresent(problems::add);
      return problems;
    }

    private static void differs(
        List<Change> changes, String field, List<String> actual, List<String> desired) {
      TreeSet<String> is = new TreeSet<>(actual == null ? List.of() : actual);
      TreeSet<String> wanted = new TreeSet<>(desired);
      if (!is.equals(wanted))
        changes.add(Change.of(field, String.join(",", is), String.join(",", wanted)));
    }
  }
}
