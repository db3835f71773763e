package io.ecsgate.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads YAML text (one or many {@code ---} documents) into {@link YamlNode} trees that remember
 * line and column of every key and value. Syntax errors and duplicate keys become problems.
 */
public final class YamlDocuments {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlDocuments() {}

  /**
   * Parses {@code text} read from {@code file}; returns the documents parsed before any syntax
   * error.
   */
  public static List<YamlNode> parse(String file, String text, Problems problems) {
    List<YamlNode> documents = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        documents.add(read(file, parser, token, problems));
      }
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      Mark at = where == null ? Mark.file(file) : mark(file, where);
      problems.add(at, "YAML syntax error: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      problems.add(Mark.file(file), "cannot read: " + e.getMessage());
    }
    return documents;
  }

  private static YamlNode read(String file, JsonParser parser, JsonToken token, Problems problems)
      throws IOException {
    Mark at = mark(file, parser.currentTokenLocation());
    switch (token) {
      case START_OBJECT -> {
        LinkedHashMap<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Mark keyAt = mark(file, parser.currentTokenLocation());
          YamlNode value = read(file, parser, parser.nextToken(), problems);
          if (entries.containsKey(key)) {
            problems.add(keyAt, "duplicate key '" + key + "'");
          } else {
            entries.put(key, new YamlNode.Mapping.Entry(keyAt, value));
          }
        }
        return new YamlNode.Mapping(entries, at);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(file, parser, next, problems));
        }
        return new YamlNode.Sequence(items, at);
      }
      case VALUE_STRING -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Kind.STRING, at);
      }
      case VALUE_NUMBER_INT -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Kind.INTEGER, at);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Kind.DECIMAL, at);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Kind.BOOLEAN, at);
      }
      case VALUE_NULL -> {
        return new YamlNode.Scalar("", YamlNode.Scalar.Kind.NULL, at);
      }
      default -> {
        problems.add(at, "unsupported YAML value (" + token + ")");
        return new YamlNode.Scalar("", YamlNode.Scalar.Kind.NULL, at);
      }
    }
  }

  private static Mark mark(String file, JsonLocation location) {
    return new Mark(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /**
   * SnakeYAML's messages span lines: context ("while parsing a flow node"), positions and a
   * snippet, then the problem ("expected ',' or ']', but got ..."). Keep the context and the
   * problem.
   */
  private static String firstLine(String message) {
    if (message == null) return "malformed YAML";
    List<String> kept = new ArrayList<>();
    for (String line : message.split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("in '") || text.startsWith("^") || line.startsWith(" "))
        continue;
      kept.add(text);
    }
    return kept.isEmpty() ? message.strip() : String.join(": ", kept);
  }
}
