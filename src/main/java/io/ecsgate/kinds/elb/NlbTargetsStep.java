package io.ecsgate.kinds.elb;

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
}
