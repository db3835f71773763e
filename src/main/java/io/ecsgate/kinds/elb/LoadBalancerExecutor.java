package io.ecsgate.kinds.elb;

import io.ecsgate.core.Action;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;

/** Load balancers and their listeners. */
public final class LoadBalancerExecutor implements Executor {
  private final ElasticLoadBalancingV2Client elb;

  public LoadBalancerExecutor(ElasticLoadBalancingV2Client elb) {
    this.elb = elb;
  }

  @Override
  public boolean handles(Step step) {
    return step instanceof LoadBalancerStep;
  }

  @Override
  public String execute(Action action, Ids ids) {
    LoadBalancerStep step = (LoadBalancerStep) action.step();
    if (step instanceof LoadBalancerStep.Create create) {
      LoadBalancerSpec desired = create.desired();
      CreateLoadBalancerRequest.Builder request =
          CreateLoadBalancerRequest.builder()
              .name(desired.name())
              .type(desired.type())
              .scheme(desired.scheme())
              .subnets(create.subnetIds())
              .tags(ElbTagsExecutor.tags(create.tags()));
      if (!create.securityGroupIds().isEmpty()) request.securityGroups(create.securityGroupIds());
      String arn = elb.createLoadBalancer(request.build()).loadBalancers().get(0).loadBalancerArn();
      ids.put(Key.of(LoadBalancerSpec.KIND, desired.name()), arn);
      return "created " + arn;
    }
    if (step instanceof LoadBalancerStep.SetSubnets set) {
      elb.setSubnets(r -> r.loadBalancerArn(set.arn()).subnets(set.subnetIds()));
      return "subnets set";
    }
    if (step instanceof LoadBalancerStep.SetSecurityGroups set) {
      elb.setSecurityGroups(
          r -> r.loadBalancerArn(set.arn()).securityGroups(set.securityGroupIds()));
      return "security groups set";
    }
    if (step instanceof LoadBalancerStep.Delete delete) {
      elb.deleteLoadBalancer(r -> r.loadBalancerArn(delete.arn()));
      return "deleted " + delete.arn();
    }
    if (step instanceof LoadBalancerStep.CreateListener create) {
      LoadBalancerSpec.Listener listener = create.desired();
      String lbArn = ids.get(create.loadBalancer());
      String arn =
          elb.createListener(
                  r -> {
                    r.loadBalancerArn(lbArn)
                        .port(listener.port())
                        .protocol(listener.protocol())
                        .defaultActions(defaultAction(listener, ids))
                        .tags(ElbTagsExecutor.tags(create.tags()));
                    listener
                        .certificateArn()
                        .ifPresent(
                            cert ->
                                r.certificates(Certificate.builder().certificateArn(cert).build()));
                  })
              .listeners()
              .get(0)
              .listenerArn();
      ids.put(LoadBalancerPlanner.listenerKey(create.loadBalancer().name(), listener.port()), arn);
      return "created " + arn;
    }
    if (step instanceof LoadBalancerStep.ModifyListener modify) {
      LoadBalancerSpec.Listener listener = modify.desired();
      elb.modifyListener(
          r -> {
            r.listenerArn(modify.arn())
                .port(listener.port())
                .protocol(listener.protocol())
                .defaultActions(defaultAction(listener, ids));
            listener
                .certificateArn()
                .ifPresent(
                    cert -> r.certificates(Certificate.builder().certificateArn(cert).build()));
          });
      return "modified " + modify.arn();
    }
    LoadBalancerStep.DeleteListener delete = (LoadBalancerStep.DeleteListener) step;
    elb.deleteListener(r -> r.listenerArn(delete.arn()));
    return "deleted " + delete.arn();
  }

  private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action>
      defaultAction(LoadBalancerSpec.Listener listener, Ids ids) {
    if (listener.forward().isPresent()) {
      String tg = ids.get(Key.of(TargetGroupSpec.KIND, listener.forward().get().name()));
      return List.of(
          software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
              .type(ActionTypeEnum.FORWARD)
              .targetGroupArn(tg)
              .build());
    }
    LoadBalancerSpec.FixedResponse fixed = listener.fixedResponse().orElseThrow();
    return List.of(
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
            .type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(
                c ->
                    c.statusCode(String.valueOf(fixed.statusCode()))
                        .contentType(fixed.contentType())
                        .messageBody(fixed.messageBody()))
            .build());
  }
}
