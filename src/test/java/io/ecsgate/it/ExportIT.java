package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Emulator.class)
class ExportIT {
  private static final Set<String> ELB_KINDS =
      Set.of(LoadBalancerSpec.KIND, TargetGroupSpec.KIND, ListenerRuleSpec.KIND);

  @Test
  void exportOfTheStackEcsgateBuiltMeansWhatItWasBuiltFrom(Emulator aws, @TempDir Path dir)
      throws Exception {
    Cli.Result apply = Cli.against(aws, "apply", Emulator.seed().toString());
    assertEquals(0, apply.exitCode(), apply.out() + apply.err());
    Path out = dir.resolve("exported");

    // the NLB reaches its group of ALB IPs, the ALB, its rules and both service groups
    Cli.Result export =
        Cli.against(aws, "export", "--load-balancer", "ecs-fargate-nlb", "--out", out.toString());

    assertEquals(0, export.exitCode(), export.out() + export.err());
    DesiredState original = Registry.loader().load(List.of(Emulator.seed()));
    DesiredState exported = Registry.loader().load(List.of(out));
    assertEquals(Models.of(original, ELB_KINDS), Models.of(exported, ELB_KINDS));
    assertEquals(
        Set.of("load-balancers.yaml", "target-groups.yaml", "listener-rules.yaml"),
        Set.of(out.toFile().list()));
    assertTrue(
        Files.readString(out.resolve("load-balancers.yaml")).contains("adopt: true"),
        Files.readString(out.resolve("load-balancers.yaml")));
    System.out.println(Files.readString(out.resolve("target-groups.yaml")));
  }

  @Test
  void aStartingPointAwsDoesNotHaveWritesNothingAndExits1(Emulator aws, @TempDir Path dir) {
    Path out = dir.resolve("exported");

    Cli.Result export =
        Cli.against(aws, "export", "--load-balancer", "no-such-lb", "--out", out.toString());

    assertEquals(1, export.exitCode(), export.out() + export.err());
    assertTrue(export.err().contains("LoadBalancer/no-such-lb not found"), export.err());
    assertTrue(Files.notExists(out));
  }
}
