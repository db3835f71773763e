package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * promtool from PATH (./controller test installs Debian's prometheus package when it is missing).
 */
final class Promtool {
  private Promtool() {}

  static boolean available() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) return true;
    }
    return false;
  }

  /**
   * Runs promtool; returns its output; fails the test on a non-zero exit. Skips the test when
   * promtool is not installed.
   */
  static String run(String... args) throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        available(), "promtool is not installed (./controller test installs it)");
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    assertEquals(0, process.exitValue(), () -> String.join(" ", command) + "\n" + output);
    return output;
  }
}
