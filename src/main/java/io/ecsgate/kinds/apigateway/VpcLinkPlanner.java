package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Owned;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.Step;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * VPC links: create when missing (tagged), adopt with {@code adopt: true} (the only link of the
 * declared name: TagResource), tag with user tags it lacks, delete when no longer declared. A link
 * whose NLB target differs cannot be changed on AWS and is reported blocked, as is a link that
 * FAILED. A link still PENDING is known but not usable: the REST API planner defers the
 * integrations that need it to a later pass, and everything else goes on.
 */
public final class VpcLinkPlanner implements Kind.Planner {
  private static final String KIND = VpcLinkSpec.KIND;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    List<VpcLink> actual = ApiGatewaySnapshot.of(context.observed()).vpcLinks();
    new Owned<>(
            KIND,
            "VPC link",
            new Owned.Identity<>(VpcLink::id, VpcLink::tags, VpcLink::name),
            new Rules(context.ownership()))
        .plan(context, context.desired().all(VpcLinkSpec.class), actual, out);
  }

  /** Can integrations use the link yet? */
  static boolean isAvailable(VpcLink link) {
    return "AVAILABLE".equals(link.statusAsString());
  }

  /** A link is created for a load balancer, tagged and deleted; its target never changes. */
  private record Rules(Ownership ownership) implements ApiGatewayRules<VpcLinkSpec, VpcLink> {
    @Override
    public void create(VpcLinkSpec desired, PlanBuilder out) {
      Key nlb = loadBalancer(desired);
      if (isBlocked(nlb, out)) return; // reported there
      out.add(
          Action.create(
              KIND,
              desired.name(),
              new ApiGatewayStep.CreateVpcLink(
                  desired.name(),
                  nlb,
                  desired.description().orElse(null),
                  ownership.tags(KIND, desired.name(), desired.tags())),
              List.of(Change.of("target", "(none)", desired.loadBalancer().name()))));
    }

    @Override
    public void update(VpcLinkSpec desired, VpcLink link, PlanBuilder out) {
      Optional<String> nlbArn = out.idOf(loadBalancer(desired));
      if (nlbArn.isPresent() && !link.targetArns().contains(nlbArn.get())) {
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                "VPC link "
                    + link.id()
                    + " targets "
                    + link.targetArns()
                    + ", not load balancer "
                    + desired.loadBalancer().name()
                    + "; a link's target cannot change: delete the link to have it recreated"));
      } else if (hasFailed(link)) {
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                "VPC link " + link.id() + " FAILED: " + link.statusMessage()));
      }
    }

    @Override
    public Step remove(VpcLink actual) {
      return new ApiGatewayStep.DeleteVpcLink(actual.id());
    }

    @Override
    public String arnPath(VpcLink actual) {
      return "/vpclinks/" + actual.id();
    }
  }

  private static Key loadBalancer(VpcLinkSpec desired) {
    return Key.of(LoadBalancerSpec.KIND, desired.loadBalancer().name());
  }

  /** Is the link's load balancer neither there nor created by this plan (it is blocked)? */
  private static boolean isBlocked(Key loadBalancer, PlanBuilder out) {
    return out.idOf(loadBalancer).isEmpty() && !out.isPending(loadBalancer);
  }

  private static boolean hasFailed(VpcLink link) {
    return "FAILED".equals(link.statusAsString());
  }
}
