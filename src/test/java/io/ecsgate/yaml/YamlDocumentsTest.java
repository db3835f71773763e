package io.ecsgate.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on inputs the corpus cannot hold: deep nesting, long scalars, special characters. */
class YamlDocumentsTest {
  @Test
  void nestingDeeperThanTheLimitIsAProblemNotAStackOverflow() {
    Problems problems = new Problems();
    String deep = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";

    YamlDocuments.parse("deep.yaml", deep, problems);

    assertEquals(
        List.of(
            "deep.yaml:1:"
                + (4 + YamlDocuments.MAX_DEPTH)
                + ": nested deeper than 64 levels of mappings and lists: refused"),
        problems.sorted().stream().map(Problem::toString).toList());
  }

  @Test
  void aLongPlainScalarIsReadWhole() {
    Problems problems = new Problems();
    String value = "x".repeat(4 * 1024 * 1024);

    List<YamlNode> documents =
        YamlDocuments.parse("long.yaml", "a: " + value + "\nb: 1\n", problems);

    assertTrue(problems.isEmpty(), problems.sorted().toString());
    YamlNode.Mapping mapping = (YamlNode.Mapping) documents.get(0);
    assertEquals(value, ((YamlNode.Scalar) mapping.entries().get("a").value()).text());
    assertEquals(new Mark("long.yaml", 2, 1), mapping.entries().get("b").keyAt());
  }

  @Test
  void aSpecialCharacterIsReportedWhereItIs() {
    Problems problems = new Problems();

    YamlDocuments.parse("bell.yaml", "a: b\nc: d\u0007\n", problems);

    assertEquals(
        List.of("bell.yaml:2:5: special characters are not allowed (U+0007)"),
        problems.sorted().stream().map(Problem::toString).toList());
  }

  @Test
  void plainScalarsAreTypedByOneSmallSchema() {
    Problems problems = new Problems();
    List<YamlNode> documents =
        YamlDocuments.parse(
            "t.yaml",
            "a: true\nb: yes\nc: 0777\nd: 12\ne: 1.5\nf: ~\ng: 'true'\nh: True\ni: -3\n",
            problems);

    YamlNode.Mapping mapping = (YamlNode.Mapping) documents.get(0);
    StringBuilder kinds = new StringBuilder();
    mapping
        .entries()
        .forEach(
            (key, entry) ->
                kinds
                    .append(key)
                    .append('=')
                    .append(((YamlNode.Scalar) entry.value()).kind())
                    .append(' '));
    assertEquals(
        "a=BOOLEAN b=STRING c=STRING d=INTEGER e=DECIMAL f=NULL g=STRING h=STRING i=INTEGER ",
        kinds.toString());
    assertTrue(problems.isEmpty());
  }
}
