package io.ecsgate.kinds.elb;

import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;

/** The calls the load balancer executor makes, listeners included. */
public sealed interface LoadBalancerStep extends Step {

  record Create(
      LoadBalancerSpec desired,
      List<String> subnetIds,
      List<String> securityGroupIds,
      Map<String, String> tags)
      implements LoadBalancerStep {}

  record SetSubnets(String arn, List<String> subnetIds) implements LoadBalancerStep {}

  record SetSecurityGroups(String arn, List<String> securityGroupIds) implements LoadBalancerStep {}

  record Delete(String arn) implements LoadBalancerStep {}

  record CreateListener(
      Key loadBalancer, LoadBalancerSpec.Listener desired, Map<String, String> tags)
      implements LoadBalancerStep {
    @Override
    public List<Key> needs() {
      return desired
          .forward()
          .map(f -> List.of(loadBalancer, Key.of(TargetGroupSpec.KIND, f.name())))
          .orElse(List.of(loadBalancer));
    }
  }

  record ModifyListener(String arn, LoadBalancerSpec.Listener desired) implements LoadBalancerStep {
    @Override
    public List<Key> needs() {
      return desired
          .forward()
          .map(f -> List.of(Key.of(TargetGroupSpec.KIND, f.name())))
          .orElse(List.of());
    }
  }

  record DeleteListener(String arn) implements LoadBalancerStep {}
}
