package io.ecsgate.yaml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.ecsgate.bench.StackGenerator;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import io.ecsgate.testing.JsonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * schema/ecsgate.schema.json and the loader agree: what the loader accepts passes the schema, and
 * every bad-input corpus file the loader refuses on a rule a schema can express ({@link
 * Problem.Rule#schemaExpressible}) fails it. The corpus files refused for another reason are listed
 * in schema/README.md with it.
 */
class DesiredStateSchemaTest {
  private static final Schema SCHEMA = JsonSchemas.load(JsonSchemas.DESIRED_STATE);
  private static final Path README = Path.of("schema/README.md");
  private static final String START = "<!-- corpus-not-in-schema: start -->";
  private static final String END = "<!-- corpus-not-in-schema: end -->";

  @TempDir Path dir;

  @Test
  void theSchemaShippedInTheJarIsTheRepositoryFile() throws IOException {
    try (InputStream in =
        DesiredStateSchemaTest.class.getResourceAsStream("/schema/ecsgate.schema.json")) {
      assertArrayEquals(
          Files.readAllBytes(JsonSchemas.DESIRED_STATE),
          Objects.requireNonNull(in, "schema/ecsgate.schema.json on the classpath").readAllBytes(),
          "src/main/resources/schema/ecsgate.schema.json must be a copy of schema/ecsgate.schema.json");
    }
  }

  @Test
  void ecsgateSchemaPrintsTheRepositoryFile() {
    Cli.Result result = Cli.run("schema");

    assertEquals(0, result.exitCode(), result.err());
    assertEquals(JsonSchemas.read(JsonSchemas.DESIRED_STATE), result.out());
  }

  @Test
  void theSchemaIsValidDraft07() {
    assertEquals(List.of(), JsonSchemas.metaSchemaErrors(JsonSchemas.DESIRED_STATE));
  }

  static Stream<Path> examples() throws IOException {
    List<Path> all = new ArrayList<>();
    for (String dir : List.of("desired-state", "examples/vpc-link-v2"))
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        all.addAll(files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
      }
    all.add(BadInputCorpus.BASE);
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyValidExampleLoadsAndPassesTheSchema(Path file) {
    Registry.loader().load(List.of(file.getParent()));
    assertPasses(file.toString(), JsonSchemas.read(file));
  }

  @Test
  void theExamplesInTheDesiredStateDirectoryNameTheSchema() throws IOException {
    for (Path file : examples().filter(f -> f.startsWith("desired-state")).toList())
      assertEquals(
          "# yaml-language-server: $schema=../schema/ecsgate.schema.json",
          Files.readAllLines(file).get(0),
          file + " names the schema for yaml-language-server");
  }

  @Test
  void aGeneratedBenchmarkStackPassesTheSchema() throws IOException {
    Path stack = StackGenerator.write(3, dir);
    Registry.loader().load(List.of(stack));
    try (Stream<Path> files = Files.walk(stack)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList())
        assertPasses(file.toString(), JsonSchemas.read(file));
    }
  }

  /**
   * README's examples of every kind, which refer to documents the README does not all show: the
   * loader finds nothing wrong in them but references, and the schema nothing at all.
   */
  @Test
  void theReadmeExamplesPassTheSchema() throws IOException {
    Matcher block =
        Pattern.compile("```yaml\n(apiVersion: ecsgate/v1\n.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("README.md")));
    int count = 0;
    while (block.find()) {
      count++;
      Path file = dir.resolve("readme-" + count + ".yaml");
      Files.writeString(file, block.group(1));
      assertPasses("README example " + count, block.group(1));
    }
    assertTrue(count >= 7, "README shows every kind: found " + count + " examples");
    try {
      Registry.loader().load(List.of(dir));
    } catch (InvalidDesiredStateException e) {
      List<Problem> other =
          e.problems().stream().filter(p -> p.rule() != Problem.Rule.REFERENCE).toList();
      assertEquals(List.of(), other, "README examples break only references");
    }
  }

  static Stream<Refused> expressible() {
    return refused().filter(r -> r.problem().rule().schemaExpressible());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expressible")
  void aCorpusFileRefusedOnASchemaRuleFailsTheSchema(Refused refused) {
    String text = JsonSchemas.read(refused.bad().file());
    List<String> errors = new ArrayList<>();
    for (JsonNode document : JsonSchemas.yamlDocuments(text))
      SCHEMA.validate(document).forEach(e -> errors.add(e.toString()));
    assertFalse(
        errors.isEmpty(),
        refused
            + ": the loader refuses it ("
            + refused.problem().rule()
            + ": "
            + refused.problem()
            + ") and the schema accepts it");
  }

  @Test
  void theCorpusFilesNoSchemaCanCatchAreListedWithTheirReason() throws IOException {
    Map<Problem.Rule, List<Refused>> byRule = new TreeMap<>();
    refused()
        .filter(r -> !r.problem().rule().schemaExpressible())
        .forEach(r -> byRule.computeIfAbsent(r.problem().rule(), k -> new ArrayList<>()).add(r));
    StringBuilder table =
        new StringBuilder("| rule | why a JSON Schema cannot tell | corpus files |\n");
    table.append("|---|---|---|\n");
    byRule.forEach(
        (rule, cases) ->
            table
                .append("| ")
                .append(rule.name().toLowerCase(Locale.ROOT))
                .append(" | ")
                .append(rule.description())
                .append(" | ")
                .append(
                    cases.stream().map(r -> "`" + r.bad() + "`").collect(Collectors.joining(", ")))
                .append(" |\n"));
    String readme = Files.readString(README);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertTrue(start >= 0 && end > start, README + " has the markers " + START + " and " + END);
    assertEquals(
        table.toString(),
        readme.substring(start + START.length() + 1, end),
        README + " lists the corpus files no schema can catch; write this between the markers");
  }

  /** A corpus file and the problem the loader reports for it (the one its first line expects). */
  record Refused(BadInputCorpus bad, Problem problem) {
    @Override
    public String toString() {
      return bad.toString();
    }
  }

  static Stream<Refused> refused() {
    return BadInputCorpus.cases().map(DesiredStateSchemaTest::refusedFor);
  }

  private static Refused refusedFor(BadInputCorpus bad) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("corpus");
      Path path = bad.layOut(dir);
      String file = dir.resolve("case").resolve(bad.file().getFileName()).toString();
      try {
        Registry.loader().load(List.of(path));
      } catch (InvalidDesiredStateException e) {
        return e.problems().stream()
            .filter(
                p ->
                    p.at().file().equals(file)
                        && p.at().line() == bad.line()
                        && p.at().column() == bad.column()
                        && p.message().contains(bad.message()))
            .findFirst()
            .map(p -> new Refused(bad, p))
            .orElseThrow(() -> new AssertionError(bad + ": its expected problem is not reported"));
      }
      throw new AssertionError(bad + " loads");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList())
        Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertPasses(String name, String yaml) {
    List<JsonNode> documents = JsonSchemas.yamlDocuments(yaml);
    assertFalse(documents.isEmpty(), name + " has documents");
    for (JsonNode document : documents) {
      List<Error> errors = SCHEMA.validate(document);
      assertEquals(
          List.of(),
          errors.stream().map(Error::toString).collect(Collectors.toList()),
          name
              + ": "
              + document.path("kind").asText()
              + " "
              + document.path("metadata").path("name").asText());
    }
  }
}
