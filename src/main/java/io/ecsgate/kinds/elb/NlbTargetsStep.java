package io.ecsgate.kinds.elb;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Ids;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.Key;
import io.ecsgate.core.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registers and deregisters targets of one target group; the Applier then keeps the ALB-IP counters
 * ({@link AlbIpTracker#text}) in the state table as the group's memo ({@code counters} empty:
 * unchanged). {@code removeStateTags}: the tags an older ecsgate kept them in, removed once the
 * table holds them.
 */
public record NlbTargetsStep(
    Key targetGroup,
    List<Target> register,
    List<Target> deregister,
    Optional<String> counters,
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
    java.util.Objects.requireNonNull(counters);
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
    ElbRequests.retag(aws.elb(), arn, Map.of(), removeStateTags);
    return "registered " + register.size() + ", deregistered " + deregister.size();
  }

  @Override
  public Optional<Inventory.Memo> memo(Ids ids) {
    return counters.map(text -> new Inventory.Memo(AlbIpTracker.MEMO, ids.get(targetGroup), text));
  }
}
