package io.ecsgate.kinds.elb;

import io.ecsgate.core.Spec;
import io.ecsgate.yaml.Ref;
import java.util.List;

/**
 * A spec of another family that needs the private IPs of declared load balancers (a security group
 * rule that admits an NLB's addresses): the ELB family reads them with the ALB IPs of target
 * groups, in the same DescribeNetworkInterfaces call, into {@link ElbSnapshot#albIps()}.
 */
public interface LoadBalancerIpRefs extends Spec {
  List<Ref> loadBalancersWhoseIpsAreNeeded();
}
