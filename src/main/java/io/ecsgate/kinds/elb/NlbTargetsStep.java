package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;

/**
 * Registers and deregisters targets of one target group, and records the IP-tracking state in its
 * tags ({@code state} empty: unchanged).
 */
public record NlbTargetsStep(
    Key targetGroup,
    List<Target> register,
    List<Target> deregister,
    Map<String, String> stateTags,
    List<String> removeStateTags)
    implements Step {

  public record Target(String id, int port) {
    @Override
    public String toString() {
      return id + ":" + port;
    }
  }

  public NlbTargetsStep {
    register = List.copyOf(register);
    deregister = List.copyOf(deregister);
    stateTags = Map.copyOf(stateTags);
    removeStateTags = List.copyOf(removeStateTags);
  }

  @Override
  public List<Key> needs() {
    return List.of(targetGroup);
  }

  /** Registers first, then deregisters: the group never holds fewer live targets than it needs. */
  @Override
  public String run(AwsClients aws, Ids ids) {
    String arn = ids.get(targetGroup);
    if (!register.isEmpty())
      aws.elb().registerTargets(r -> r.targetGroupArn(arn).targets(ElbRequests.targets(register)));
    if (!deregister.isEmpty())
      aws.elb()
          .deregisterTargets(r -> r.targetGroupArn(arn).targets(ElbRequests.targets(deregister)));
    ElbRequests.retag(aws.elb(), arn, stateTags, removeStateTags);
    return "registered " + register.size() + ", deregistered " + deregister.size();
  }
}
