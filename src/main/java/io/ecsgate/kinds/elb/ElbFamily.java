package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Executor;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;
import java.util.List;

/** Elastic Load Balancing: load balancers and listeners, target groups and their targets, rules. */
public final class ElbFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return new ElbObservation(clients, ownership);
  }

  @Override
  public List<Executor> executors(AwsClients clients) {
    return List.of(
        new TargetGroupExecutor(clients.elb()),
        new LoadBalancerExecutor(clients.elb()),
        new ListenerRuleExecutor(clients.elb()),
        new NlbTargetsExecutor(clients.elb()),
        new ElbTagsExecutor(clients.elb()));
  }
}
