package io.ecsgate.kinds.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** The ELB snapshot's look-ups pick the one of several by name or ARN, and none that is absent. */
class ElbSnapshotTest {
  private static final LoadBalancer A =
      LoadBalancer.builder().loadBalancerName("a").loadBalancerArn("arn:lb/app/a/1").build();
  private static final LoadBalancer B =
      LoadBalancer.builder().loadBalancerName("b").loadBalancerArn("arn:lb/app/b/2").build();
  private static final TargetGroup T1 = TargetGroup.builder().targetGroupArn("arn:tg/1").build();
  private static final TargetGroup T2 = TargetGroup.builder().targetGroupArn("arn:tg/2").build();
  private static final ElbSnapshot ELB =
      new ElbSnapshot(
          List.of(A, B), Map.of(), Map.of(), List.of(T1, T2), Map.of(), Map.of(), Map.of());

  @Test
  void lookupsPickTheOneOfSeveral() {
    assertEquals(Optional.of(B), ELB.loadBalancerNamed("b"));
    assertEquals(Optional.empty(), ELB.loadBalancerNamed("c"));
    assertEquals(Optional.of(B), ELB.loadBalancerByArn("arn:lb/app/b/2"));
    assertEquals(Optional.empty(), ELB.loadBalancerByArn("arn:lb/app/c/3"));
    assertEquals(Optional.of(T2), ELB.targetGroupByArn("arn:tg/2"));
    assertEquals(Optional.empty(), ELB.targetGroupByArn("arn:tg/3"));
  }

  @Test
  void aLoadBalancersInterfacesAreDescribedByTheTailOfItsArn() {
    assertEquals(
        "ELB app/alb/50dc6c495c0c9188",
        ElbSnapshot.interfaceDescription(
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/alb/50dc6c495c0c9188"));
    assertEquals(
        "ELB net/nlb/1",
        ElbSnapshot.interfaceDescription(
            "arn:aws:elasticloadbalancing:r:1:loadbalancer/net/nlb/1"));
  }
}
