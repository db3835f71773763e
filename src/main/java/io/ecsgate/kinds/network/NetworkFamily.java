package io.ecsgate.kinds.network;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Family;
import io.ecsgate.core.Ownership;

/** EC2's part: names of VPCs, subnets and security groups resolved to IDs. Writes nothing. */
public final class NetworkFamily implements Family {
  @Override
  public Observation observation(AwsClients clients, Ownership ownership) {
    return new NetworkObservation(clients);
  }
}
