package io.ecsgate.kinds.apigateway;

import io.ecsgate.yaml.Fields;
import io.ecsgate.yaml.Metadata;
import io.ecsgate.yaml.Names;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.Ref;
import io.ecsgate.yaml.Tags;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway VPC link (the REST API kind, "V1") to a network load balancer declared in the same
 * desired state. Its target cannot change on AWS once the link exists: a new target replaces the
 * link.
 */
public record VpcLinkSpec(
    Metadata metadata, Ref loadBalancer, Optional<String> description, Map<String, String> tags) {

  public static final String KIND = "VpcLink";

  public String name() {
    return metadata.name();
  }

  public static VpcLinkSpec read(Metadata metadata, Fields spec) {
    Problems problems = spec.problems();
    Names.checkResourceName(metadata.name(), metadata.at(), problems);
    Ref loadBalancer = spec.requiredRef("loadBalancer");
    Optional<String> description = spec.string("description");
    Map<String, String> tags = Tags.read(spec, problems);
    return new VpcLinkSpec(metadata, loadBalancer, description, tags);
  }
}
