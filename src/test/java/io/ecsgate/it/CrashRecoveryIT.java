package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import io.ecsgate.testing.Inventory;
import io.ecsgate.testing.Reconcilers;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGKILL of a real {@code ecsgate apply} process right after each of its writes reached AWS (and
 * before it learned the answer), then a fresh start: it must converge with exactly one of each
 * declared resource and nothing it cannot later clean up.
 */
@ExtendWith(Emulator.class)
class CrashRecoveryIT {

  @Test
  void applyKilledAfterAnyWriteConvergesOnRestartWithoutDuplicates(Emulator aws) throws Exception {
    DesiredState desired = Registry.loader().load(List.of(Emulator.seed()));
    Reconciler direct = Reconcilers.of(aws.clients());
    assertTrue(
        direct.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
    Map<String, Integer> expected = Inventory.owned(aws.clients());

    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1)) {
      aws.resetAccount();
      proxy.crashAfterWrite(Integer.MAX_VALUE, () -> {});
      Process clean = apply(proxy);
      assertEquals(0, clean.waitFor(), "a clean apply through the proxy");
      int writes = proxy.writesSeen();
      assertTrue(writes >= 10, "the seed stack takes " + writes + " writes from empty");

      List<String> report = new ArrayList<>();
      for (int crashPoint = 1; crashPoint <= writes; crashPoint++) {
        aws.resetAccount();
        AtomicReference<Process> running = new AtomicReference<>();
        proxy.crashAfterWrite(crashPoint, () -> kill(running.get()));
        Process process = apply(proxy);
        running.set(process);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "apply process did not end");
        int exit = process.exitValue();

        Convergence restart =
            direct.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT);

        assertTrue(
            restart.succeeded(),
            "restart after crash point " + crashPoint + ": " + restart.lastPlan().actions());
        assertEquals(expected, Inventory.owned(aws.clients()), "after crash point " + crashPoint);
        aws.calls().reset();
        assertTrue(
            direct.converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT).succeeded());
        assertEquals(
            Map.of(), aws.calls().writeCalls(), "converged after crash point " + crashPoint);
        report.add(crashPoint + ":exit " + exit + "/restart " + restart.changes() + " changes");
      }
      System.out.println("[crash] " + writes + " crash points: " + report);
    }
  }

  private static Process apply(FaultProxy proxy) throws IOException {
    Path jar = Path.of("target", "ecsgate.jar").toAbsolutePath();
    assertTrue(
        Files.exists(jar), "the runnable jar is built by mvn package before the integration tests");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-jar",
                jar.toString(),
                "apply",
                Emulator.seed().toString(),
                "--endpoint-url=" + proxy.endpoint(),
                "--region=" + Emulator.REGION)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.to(
                    new File(System.getProperty("java.io.tmpdir"), "ecsgate-crash-apply.log")));
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    return builder.start();
  }

  private static void kill(Process process) {
    if (process == null) return;
    process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
