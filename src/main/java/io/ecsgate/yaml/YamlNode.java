package io.ecsgate.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers where it was written, so that errors can point at it. */
public sealed interface YamlNode {

  Mark at();

  /**
   * What a user would call this value's type, for messages such as "expected a list, got a string".
   */
  String typeName();

  record Scalar(String text, Kind kind, Mark at) implements YamlNode {
    public enum Kind {
      STRING,
      INTEGER,
      DECIMAL,
      BOOLEAN,
      NULL
    }

    @Override
    public String typeName() {
      return switch (kind) {
        case STRING -> "a string";
        case INTEGER -> "an integer";
        case DECIMAL -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "nothing (null)";
      };
    }
  }

  record Sequence(List<YamlNode> items, Mark at) implements YamlNode {
    @Override
    public String typeName() {
      return "a list";
    }
  }

  /**
   * A mapping; keys keep their own marks so that an unknown key is reported where it is written.
   */
  record Mapping(LinkedHashMap<String, Entry> entries, Mark at) implements YamlNode {
    public record Entry(Mark keyAt, YamlNode value) {}

    public Map<String, Entry> asMap() {
      return entries;
    }

    @Override
    public String typeName() {
      return "a mapping";
    }
  }
}
