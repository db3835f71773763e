package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page of a running daemon in a real browser: headless Chromium (Debian's {@code
 * chromium}) loads {@code GET /}; the rendered document must show the revision, the last cycles and
 * each resource's state. A screenshot is saved as {@code target/status-page.png}.
 */
@ExtendWith(Emulator.class)
class StatusPageIT {
  static final Path SCREENSHOT = Path.of("target", "status-page.png");

  static Path chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) return candidate;
      }
    }
    throw new AssertionError(
        "no chromium on the PATH: install Debian's chromium package (./controller test does)");
  }

  /** Runs headless Chromium with {@code args}; returns its standard output. */
  static String chromium(Path profile, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium().toString(),
                "--headless",
                "--no-sandbox", // as root (CI), Chromium's sandbox cannot start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(profile, "chromium-", ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    assertEquals(0, process.exitValue(), "chromium failed: " + Files.readString(out));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void headlessChromiumRendersTheStatusPageOfARunningDaemon(Emulator aws, @TempDir Path dir)
      throws Exception {
    try (Daemon daemon =
        Daemon.start(URI.create(aws.endpoint()), Emulator.seed().toString(), "--interval=2s")) {
      daemon.await(Duration.ofSeconds(90), "the seed stack converged", daemon::converged);
      String revision = daemon.status().path("revision").asText();
      String page = "http://127.0.0.1:" + daemon.port() + "/";
      Path profile = Files.createDirectory(dir.resolve("profile"));
      String dom = chromium(profile, "--dump-dom", page);
      for (String expected :
          List.of(
              "<code id=\"revision\">" + revision + "</code>",
              "<td>success</td>",
              "ListenerRule",
              "demo1",
              "TargetGroup",
              "ecs-fargate-demo1-tg",
              "class=\"state Synced\">Synced"))
        assertTrue(dom.contains(expected), expected + " in the rendered page:\n" + dom);
      assertTrue(!dom.contains("<script"), "no script");

      Files.deleteIfExists(SCREENSHOT);
      chromium(
          profile, "--window-size=1280,1400", "--screenshot=" + SCREENSHOT.toAbsolutePath(), page);
      assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of the page in " + SCREENSHOT);
      System.out.println(
          "[status page] rendered by Chromium; screenshot "
              + SCREENSHOT
              + " ("
              + Files.size(SCREENSHOT)
              + " bytes)");
    }
  }
}
