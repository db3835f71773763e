package io.ecsgate.bench;

import io.ecsgate.aws.Elbv2Reads;
import io.ecsgate.model.DesiredState;
import io.ecsgate.model.Ref;
import io.ecsgate.model.TargetGroupSpec;

/**
 * The fewest reads a no-op cycle can make for a desired state, given the API's batch and page limits.
 * With L load balancers (A of them with ALB listeners: DescribeRules is per listener), G target
 * groups, R rules, T target groups whose targets ecsgate manages, V kinds of network reference
 * written as names rather than IDs:
 *
 * <pre>
 *   ceil(L/400) DescribeLoadBalancers + ceil(G/400) DescribeTargetGroups + L DescribeListeners
 *   + A DescribeRules + ceil((L+G+R)/20) DescribeTags + T DescribeTargetHealth
 *   + 1 DescribeNetworkInterfaces if any group holds ALB IPs + V EC2 name look-ups
 * </pre>
 */
public final class ReadBound {
  private ReadBound() {}

  public static long of(DesiredState desired) {
    int loadBalancers = desired.loadBalancers().size();
    int albListeners = desired.loadBalancers().stream().filter(lb -> lb.isApplication()).mapToInt(lb -> lb.listeners().size()).sum();
    int groups = desired.targetGroups().size();
    int rules = desired.listenerRules().size();
    int managedTargets = (int) desired.targetGroups().stream().filter(tg -> tg.targets().isPresent()).count();
    boolean albIps = desired.targetGroups().stream().anyMatch(tg -> tg.targets().orElse(null) instanceof TargetGroupSpec.IpsOfLoadBalancer);
    int namedKinds = 0;
    if (desired.targetGroups().stream().map(TargetGroupSpec::vpc).anyMatch(ReadBound::isName)) namedKinds++;
    if (desired.loadBalancers().stream().flatMap(lb -> lb.subnets().stream()).anyMatch(ReadBound::isName)) namedKinds++;
    if (desired.loadBalancers().stream().flatMap(lb -> lb.securityGroups().stream()).anyMatch(ReadBound::isName)) namedKinds++;
    return ceil(loadBalancers, Elbv2Reads.PAGE_SIZE) + ceil(groups, Elbv2Reads.PAGE_SIZE) + loadBalancers + albListeners
        + ceil(loadBalancers + groups + rules, Elbv2Reads.TAGS_BATCH) + managedTargets + (albIps ? 1 : 0) + namedKinds;
  }

  private static boolean isName(Ref ref) {
    return !ref.name().matches("(vpc|subnet|sg)-[0-9a-f]{8,17}");
  }

  private static long ceil(int count, int perCall) {
    return Math.max(1, (count + perCall - 1) / perCall);
  }

}
