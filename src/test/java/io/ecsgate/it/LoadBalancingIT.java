package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Reconcilers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Emulator.class)
class LoadBalancingIT {

  private static DesiredState seed() {
    return Registry.loader().load(List.of(Emulator.seed()));
  }

  @Test
  void applyFromEmptyConvergesAndSecondPlanHasNoChanges(Emulator aws) {
    Cli.Result apply = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());

    Cli.Result plan = Cli.against(aws, "plan", "--detailed-exitcode", Emulator.seed().toString());
    assertEquals(0, plan.exitCode(), plan.out() + plan.err());
    assertTrue(plan.out().contains("No changes"), plan.out());
  }

  @Test
  void noOpApplyMakesZeroWrites(Emulator aws) {
    Reconciler reconciler = Reconcilers.of(aws.clients());
    assertTrue(
        reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    aws.calls().reset();

    Convergence again =
        reconciler.converge(seed(), PlanOptions.DEFAULT, Convergence.Progress.SILENT);

    assertTrue(again.succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
    System.out.println(
        "no-op cycle reads for desired-state/: "
            + aws.calls().snapshot()
            + " total "
            + aws.calls().reads());
  }
}
