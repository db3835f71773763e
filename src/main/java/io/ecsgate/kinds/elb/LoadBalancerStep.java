package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;

/** Load balancers and their listeners. */
public sealed interface LoadBalancerStep extends Step {

  record Create(
      LoadBalancerSpec desired,
      List<String> subnetIds,
      List<String> securityGroupIds,
      Map<String, String> tags)
      implements LoadBalancerStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      CreateLoadBalancerRequest.Builder request =
          CreateLoadBalancerRequest.builder()
              .name(desired.name())
              .type(desired.type())
              .scheme(desired.scheme())
              .subnets(subnetIds)
              .tags(ElbRequests.tags(tags));
      if (!securityGroupIds.isEmpty()) request.securityGroups(securityGroupIds);
      String arn =
          aws.elb().createLoadBalancer(request.build()).loadBalancers().get(0).loadBalancerArn();
      ids.put(Key.of(LoadBalancerSpec.KIND, desired.name()), arn);
      return "created " + arn;
    }
  }

  record SetSubnets(String arn, List<String> subnetIds) implements LoadBalancerStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb().setSubnets(r -> r.loadBalancerArn(arn).subnets(subnetIds));
      return "subnets set";
    }
  }

  record SetSecurityGroups(String arn, List<String> securityGroupIds) implements LoadBalancerStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb().setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(securityGroupIds));
      return "security groups set";
    }
  }

  record Delete(String arn) implements LoadBalancerStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb().deleteLoadBalancer(r -> r.loadBalancerArn(arn));
      return "deleted " + arn;
    }
  }

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

    @Override
    public String run(AwsClients aws, Ids ids) {
      CreateListenerRequest.Builder request =
          CreateListenerRequest.builder()
              .loadBalancerArn(ids.get(loadBalancer))
              .tags(ElbRequests.tags(tags));
      ElbRequests.listener(request, desired, ids);
      String arn = aws.elb().createListener(request.build()).listeners().get(0).listenerArn();
      ids.put(LoadBalancerPlanner.listenerKey(loadBalancer.name(), desired.port()), arn);
      return "created " + arn;
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

    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb()
          .modifyListener(
              ElbRequests.listener(ModifyListenerRequest.builder().listenerArn(arn), desired, ids)
                  .build());
      return "modified " + arn;
    }
  }

  record DeleteListener(String arn) implements LoadBalancerStep {
    @Override
    public String run(AwsClients aws, Ids ids) {
      aws.elb().deleteListener(r -> r.listenerArn(arn));
      return "deleted " + arn;
    }
  }
}
