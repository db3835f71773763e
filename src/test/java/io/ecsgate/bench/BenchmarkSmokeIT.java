package io.ecsgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Emulator;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's measurements at a small size, in every CI run, so that the claims in
 * bench/RESULTS.md stay true.
 */
@ExtendWith(Emulator.class)
class BenchmarkSmokeIT {
  @TempDir Path dir;

  @Test
  void tenServicesStayWithinTheReadBoundAndChangeOneFieldWithOneWrite(Emulator aws)
      throws IOException {
    Benchmark.Figures figures = Benchmark.measure(aws, 10, dir);

    assertEquals(0, figures.noOpWrites());
    assertEquals(1, figures.oneFieldWrites());
    assertTrue(
        figures.ratio() <= 1.1, "reads " + figures.noOpReads() + " vs bound " + figures.bound());
    assertEquals(figures.loopBound(), figures.loopReads(), "the loop between tag audits");
    assertTrue(figures.loopElbReads() < figures.auditElbReads(), figures.toString());
    assertTrue(
        figures.coldRatio() <= 1.1,
        "one-shot reads " + figures.coldReads() + " vs bound " + figures.coldBound());
    assertTrue(
        figures.daemon().peakRssMib() > 0, "the daemon's peak RSS was read: " + figures.daemon());
    assertTrue(figures.speed().plan().cpu().min() > 0, "plan's CPU time: " + figures.speed());
    assertTrue(figures.speed().apply().wall().min() > 0, "apply's wall time: " + figures.speed());
    assertTrue(figures.speed().daemon().rssMib() > 0, "the daemon's RSS: " + figures.speed());
  }

  @Test
  void planningTwoThousandResourcesInSyncFindsNothingToDo() throws IOException {
    Benchmark.PlanTiming timing = Benchmark.planTime(dir, 1000, 1, 1);

    assertTrue(timing.resources() > 2000, "resources: " + timing.resources());
  }
}
