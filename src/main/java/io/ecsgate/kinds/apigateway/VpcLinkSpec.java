package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.References;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway VPC link (the REST API kind, "V1") to a network load balancer declared in the same
 * desired state. Its target cannot change on AWS once the link exists: a new target replaces the
 * link.
 */
public record VpcLinkSpec(
    Metadata metadata, Ref loadBalancer, Optional<String> description, Map<String, String> tags)
    implements Spec {

  public static final String KIND = "VpcLink";

  /** How its documents are read and checked. */
  public static final SpecType<VpcLinkSpec> TYPE =
      SpecType.of(KIND, VpcLinkSpec.class, VpcLinkSpec::read, VpcLinkSpec::check);

  public static VpcLinkSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkResourceName(metadata.name(), metadata.at(), problems);
    Ref loadBalancer = spec.requiredRef("loadBalancer");
    Optional<String> description = spec.string("description");
    Map<String, String> tags = Tags.read(spec, problems);
    return new VpcLinkSpec(metadata, loadBalancer, description, tags);
  }

  /** A VPC link targets a declared network load balancer. */
  static void check(
      List<VpcLinkSpec> specs, DesiredState desired, SpecType.Limits limits, Problems problems) {
    for (VpcLinkSpec link : specs) {
      References.resolve(
              link.loadBalancer(), desired, LoadBalancerSpec.class, LoadBalancerSpec.KIND, problems)
          .filter(LoadBalancerSpec::isApplication)
          .ifPresent(
              lb ->
                  problems.add(
                      link.loadBalancer().at(),
                      Problem.Rule.REFERENCE,
                      "a VPC link must target a network load balancer; '"
                          + lb.name()
                          + "' is "
                          + lb.type()));
    }
  }
}
