package io.ecsgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Lints the Dockerfile without Docker (this machine cannot pull base images): stages, user, health
 * check, entry point.
 */
class DockerfileTest {
  static final Path DOCKERFILE = Path.of("Dockerfile");

  /** One instruction: keyword and arguments, continuation lines joined, comments dropped. */
  record Instruction(String keyword, String arguments) {}

  static List<Instruction> instructions(Path file) throws IOException {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) continue;
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString().strip();
      current.setLength(0);
      if (text.isEmpty()) continue;
      int space = text.indexOf(' ');
      instructions.add(
          new Instruction(
              text.substring(0, space).toUpperCase(Locale.ROOT),
              text.substring(space + 1).strip()));
    }
    return instructions;
  }

  /** The instructions of the last stage (what the image runs). */
  static List<Instruction> runtimeStage() throws IOException {
    List<Instruction> all = instructions(DOCKERFILE);
    int lastFrom = 0;
    for (int i = 0; i < all.size(); i++) if (all.get(i).keyword().equals("FROM")) lastFrom = i;
    return all.subList(lastFrom, all.size());
  }

  static List<String> execForm(String keyword) throws IOException {
    Instruction instruction =
        runtimeStage().stream()
            .filter(i -> i.keyword().equals(keyword))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertTrue(
        instruction.arguments().startsWith("["),
        keyword + " uses the exec form, so java is the process that gets SIGTERM");
    return new ObjectMapper()
        .readValue(instruction.arguments(), new TypeReference<List<String>>() {});
  }

  @Test
  void buildsWithMavenAndRunsOnAJre() throws IOException {
    List<String> froms =
        instructions(DOCKERFILE).stream()
            .filter(i -> i.keyword().equals("FROM"))
            .map(Instruction::arguments)
            .toList();
    assertEquals(2, froms.size(), froms::toString);
    assertTrue(froms.get(0).startsWith("maven:3.9-eclipse-temurin-17 AS build"), froms.get(0));
    assertEquals("eclipse-temurin:17-jre", froms.get(1));
    assertTrue(
        runtimeStage().stream()
            .anyMatch(
                i ->
                    i.keyword().equals("COPY")
                        && i.arguments().contains("--from=build")
                        && i.arguments().endsWith("/app/ecsgate.jar")),
        "the runtime stage copies only the jar from the build stage");
  }

  @Test
  void runsAsANonRootUser() throws IOException {
    String user =
        runtimeStage().stream()
            .filter(i -> i.keyword().equals("USER"))
            .reduce((a, b) -> b)
            .orElseThrow()
            .arguments();
    String name = user.split(":")[0];
    assertFalse(name.equals("root") || name.equals("0"), "USER " + user);
    int entrypoint = indexOf("ENTRYPOINT");
    assertTrue(indexOf("USER") < entrypoint, "USER is set before the entry point");
  }

  @Test
  void checksHealthOnTheMetricsPort() throws IOException {
    String healthcheck =
        runtimeStage().stream()
            .filter(i -> i.keyword().equals("HEALTHCHECK"))
            .findFirst()
            .orElseThrow()
            .arguments();
    assertTrue(healthcheck.contains("http://localhost:9100/healthz"), healthcheck);
    assertTrue(
        runtimeStage().stream()
            .anyMatch(i -> i.keyword().equals("EXPOSE") && i.arguments().equals("9100")));
    assertTrue(
        runtimeStage().stream()
            .anyMatch(
                i ->
                    i.keyword().equals("RUN")
                        && i.arguments().contains("install")
                        && i.arguments().contains("curl")),
        "the health check's curl is installed in the runtime image");
  }

  @Test
  void entryPointRunsTheJarWithContainerMemoryFlagsAndTheDaemonByDefault() throws IOException {
    List<String> entrypoint = execForm("ENTRYPOINT");
    assertEquals("java", entrypoint.get(0));
    assertTrue(
        entrypoint.stream().anyMatch(a -> a.startsWith("-Xmx")),
        () -> "the heap is bounded for the workload: " + entrypoint);
    assertTrue(entrypoint.contains("-XX:+ExitOnOutOfMemoryError"), entrypoint::toString);
    assertEquals(
        List.of("-jar", "/app/ecsgate.jar"),
        entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
    List<String> cmd = execForm("CMD");
    assertEquals("run", cmd.get(0));
    assertEquals("/config/desired-state", cmd.get(cmd.size() - 1));
  }

  /**
   * The image runs the daemon with the JVM flags {@code ./controller run} gives it ({@code
   * ./controller java-opts run}), and the same malloc arenas, so that the figures measured through
   * {@code ./controller} hold for the image.
   */
  @Test
  void entryPointHasTheDaemonFlagsOfTheController() throws IOException, InterruptedException {
    List<String> entrypoint = execForm("ENTRYPOINT");
    List<String> imageFlags = entrypoint.subList(1, entrypoint.indexOf("-jar"));
    Process process =
        new ProcessBuilder("bash", "controller", "java-opts", "run")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    assertEquals(0, process.waitFor());
    assertEquals(List.of(out.split("\\s+")), imageFlags);
    assertTrue(
        runtimeStage().stream()
            .anyMatch(i -> i.keyword().equals("ENV") && i.arguments().equals("MALLOC_ARENA_MAX=1")),
        "the image sets MALLOC_ARENA_MAX=1, as ./controller run does");
    assertTrue(
        Files.readString(Path.of("controller"))
            .contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-1}\""));
  }

  @Test
  void theDefaultCommandIsOneTheCliAccepts() throws IOException {
    CliContract.assertParses(execForm("CMD"));
  }

  @Test
  void theBuildContextLeavesOutLocalState() throws IOException {
    List<String> ignore =
        Files.readAllLines(Path.of(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertEquals("*", ignore.get(0), "everything is excluded first (target/, .venv/, .git/ ...)");
    assertTrue(ignore.containsAll(List.of("!pom.xml", "!src/main/")), ignore::toString);
    assertFalse(ignore.contains("!target/") || ignore.contains("!.venv/"), ignore::toString);
  }

  private static int indexOf(String keyword) throws IOException {
    List<Instruction> stage = runtimeStage();
    for (int i = stage.size() - 1; i >= 0; i--)
      if (stage.get(i).keyword().equals(keyword)) return i;
    return -1;
  }
}
