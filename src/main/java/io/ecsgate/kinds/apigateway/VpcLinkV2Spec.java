package io.ecsgate.kinds.apigateway;

import io.ecsgate.core.Spec;
import io.ecsgate.kinds.network.NetworkRefs;
import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.SpecType;
import io.ecsgate.yaml.Tags;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway VPC link V2: network interfaces of API Gateway in {@code subnets}, with {@code
 * securityGroups}, through which a REST API reaches an application load balancer's listener
 * directly (no NLB). Its subnets and security groups cannot change on AWS once the link exists: a
 * change is blocked until the link is deleted.
 */
public record VpcLinkV2Spec(
    Metadata metadata, List<Ref> subnets, List<Ref> securityGroups, Map<String, String> tags)
    implements Spec, NetworkRefs {

  public static final String KIND = "VpcLinkV2";

  /** How its documents are read and checked. */
  public static final SpecType<VpcLinkV2Spec> TYPE =
      SpecType.of(KIND, VpcLinkV2Spec.class, VpcLinkV2Spec::read);

  public static VpcLinkV2Spec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkResourceName(metadata.name(), metadata.at(), problems);
    List<Ref> subnets = spec.refs("subnets");
    if (!spec.has("subnets"))
      problems.add(spec.at(), Problem.Rule.REQUIRED, "spec is missing required key 'subnets'");
    else if (subnets.isEmpty())
      problems.add(
          spec.at("subnets"), Problem.Rule.RANGE, "a VPC link V2 needs at least one subnet");
    List<Ref> securityGroups = spec.refs("securityGroups");
    Map<String, String> tags = Tags.read(spec, problems);
    return new VpcLinkV2Spec(metadata, subnets, securityGroups, tags);
  }
}
