package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Cli;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.MotoServer;
import org.junit.jupiter.api.Test;

/** README's first command, `./controller demo`, end to end against the emulator. */
class DemoIT {

  @Test
  void theDemoBuildsTheSeedStackRepairsTheDriftAndEndsWithNoDifference() {
    MotoServer moto = MotoServer.get();
    moto.reset(); // the demo makes its own network, as on a new emulator

    Cli.Result demo =
        Cli.run(
            "demo",
            "--endpoint-url=" + moto.endpoint(),
            "--region=" + Emulator.REGION,
            "--desired=" + Emulator.seed());

    assertEquals(0, demo.exitCode(), demo.out() + demo.err());
    assertTrue(demo.out().contains("== 8. apply repairs it"), demo.out());
    assertTrue(demo.out().contains("   exit code 0"), demo.out());
    moto.reset();
  }
}
