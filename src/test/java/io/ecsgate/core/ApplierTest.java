package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplierTest {
  @Test
  void onceTheLeaseIsLostNoFurtherStepRuns() {
    List<String> written = new ArrayList<>();
    int[] checks = {0};
    Fence lostAfterTheFirstStep =
        () -> {
          if (checks[0]++ >= 1) throw new Fence.LeaseLost("lease lost");
        };
    List<Action> actions = new ArrayList<>();
    for (String name : List.of("a", "b", "c"))
      actions.add(
          Action.update(
              "TargetGroup",
              name,
              (aws, ids) -> {
                written.add(name);
                return "ok";
              },
              List.of(Change.of("port", "80", "81"))));
    ApplyResult result =
        new Applier(null, lostAfterTheFirstStep, InventoryStore.UNCHECKED, java.util.Set.of())
            .apply(new Plan(actions, Map.of(), List.of()), outcome -> {});
    assertEquals(List.of("a"), written, "only the step before the loss ran");
    assertEquals(
        List.of(Outcome.Status.DONE, Outcome.Status.SKIPPED, Outcome.Status.SKIPPED),
        result.outcomes().stream().map(Outcome::status).toList());
    assertTrue(result.outcomes().get(1).message().contains("lease lost"));
  }
}
