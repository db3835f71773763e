package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while the daemon reads AWS: the reads are abandoned, exit 0 within 2 s. */
@ExtendWith(Emulator.class)
class StopIT {

  @Test
  void sigtermDuringTheReadsExitsZeroWithinTwoSecondsAndTheCycleIsNotAFailure(
      Emulator aws, @TempDir Path dir) throws Exception {
    try (Stream<Path> files = Files.list(Emulator.seed())) {
      for (Path file : files.toList()) Files.copy(file, dir.resolve(file.getFileName()));
    }
    try (FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1);
        Daemon daemon = Daemon.start(proxy.endpoint(), dir.toString(), "--interval=1s")) {
      daemon.await(Duration.ofSeconds(90), "the seed stack converged", daemon::converged);
      // every AWS answer now takes 5 s: the next cycle hangs in its reads
      proxy.rates(new FaultProxy.Rates(0, 0, 0, 5000));
      int before = proxy.delayed();
      daemon.await(Duration.ofSeconds(10), "a read held back", () -> proxy.delayed() > before);
      long signalled = System.nanoTime();
      daemon.process().destroy(); // SIGTERM
      assertTrue(daemon.process().waitFor(10, TimeUnit.SECONDS), "exited\n" + daemon.tail());
      long millis = (System.nanoTime() - signalled) / 1_000_000;
      System.out.println("[stop] SIGTERM during the reads to exit: " + millis + " ms");
      assertEquals(0, daemon.process().exitValue(), daemon.tail());
      assertTrue(millis < 2000, "exit within 2 s of SIGTERM, took " + millis + " ms");
      String log = daemon.log();
      String afterSignal = log.substring(log.lastIndexOf("stop requested (signal)"));
      assertTrue(afterSignal.contains("no write in flight, reads abandoned"), afterSignal);
      assertTrue(afterSignal.contains("cycle stopped"), afterSignal);
      assertFalse(afterSignal.contains("cycle failure"), afterSignal);
    }
  }
}
