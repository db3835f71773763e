package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;

/**
 * Elastic Load Balancing: load balancers and listeners, target groups and their targets, rules. Its
 * steps make their own calls ({@link io.ecsgate.core.Step#run}).
 */
public final class ElbFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return new ElbObservation(clients, ownership);
  }
}
