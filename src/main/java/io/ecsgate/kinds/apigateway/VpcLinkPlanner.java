package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Deletes;
import io.ecsgate.core.Key;
import io.ecsgate.core.Kind;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.PlanBuilder;
import io.ecsgate.core.PlanContext;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * VPC links: create when missing (tagged); a link whose NLB target differs cannot be changed on AWS
 * and is reported blocked. A link still PENDING is known but not usable: the REST API planner
 * defers the integrations that need it to a later pass, and everything else goes on.
 */
public final class VpcLinkPlanner implements Kind.Planner {
  private static final String KIND = VpcLinkSpec.KIND;

  @Override
  public void plan(PlanContext context, PlanBuilder out) {
    ApiGatewaySnapshot api = ApiGatewaySnapshot.of(context.observed());
    Ownership ownership = context.ownership();
    for (VpcLinkSpec desired : context.desired().all(VpcLinkSpec.class)) {
      Key key = ApiGatewayStep.vpcLink(desired.name());
      Optional<VpcLink> actual = ours(api, ownership, desired.name());
      Key nlb = Key.of(LoadBalancerSpec.KIND, desired.loadBalancer().name());
      if (actual.isEmpty()) {
        if (desired.metadata().suspend()) continue;
        boolean foreign = api.vpcLinks().stream().anyMatch(l -> desired.name().equals(l.name()));
        if (foreign) {
          out.add(
              Action.blocked(
                  KIND,
                  desired.name(),
                  "a VPC link named '"
                      + desired.name()
                      + "' exists and is not managed by ecsgate"
                      + (desired.metadata().adopt()
                          ? "; adopting VPC links is not supported yet"
                          : "")));
          continue;
        }
        if (out.idOf(nlb).isEmpty() && !out.isPending(nlb))
          continue; // the load balancer is blocked: reported there
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
        out.pending(key);
        continue;
      }
      VpcLink link = actual.get();
      out.known(key, link.id());
      if (desired.metadata().suspend()) continue;
      Optional<String> nlbArn = out.idOf(nlb);
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
      } else if ("FAILED".equals(link.statusAsString())) {
        out.add(
            Action.blocked(
                KIND,
                desired.name(),
                "VPC link " + link.id() + " FAILED: " + link.statusMessage()));
      }
    }
    {
      Set<String> declared =
          context.desired().all(VpcLinkSpec.class).stream()
              .map(VpcLinkSpec::name)
              .collect(Collectors.toSet());
      for (VpcLink link : api.vpcLinks()) {
        ownership
            .nameOf(link.tags(), KIND)
            .filter(name -> !declared.contains(name))
            .ifPresent(
                name ->
                    out.delete(
                        KIND,
                        name,
                        new ApiGatewayStep.DeleteVpcLink(link.id()),
                        Deletes.UNDECLARED,
                        "no longer declared"));
      }
    }
  }

  /** The link ecsgate's tags say is {@code VpcLink/<name>}. */
  static Optional<VpcLink> ours(ApiGatewaySnapshot api, Ownership ownership, String name) {
    return api.vpcLinks().stream()
        .filter(l -> ownership.isResource(l.tags(), KIND, name))
        .findFirst();
  }
}
