package io.ecsgate.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.scanner.ScannerImpl;

/**
 * Reads YAML text (one or many {@code ---} documents) into {@link YamlNode} trees that remember
 * line and column of every key and value. Syntax errors and duplicate keys become problems, and so
 * does every YAML feature that can hide what is declared: anchors, aliases, merge keys ({@code
 * <<}), explicit tags ({@code !Ref}, {@code !!str}), and keys that are not strings.
 *
 * <p>Plain (unquoted) scalars are typed by one small schema: {@code true} and {@code false} are
 * booleans, decimal integers without a leading zero are integers, decimal fractions are numbers,
 * {@code null}, {@code ~} and nothing are null; everything else ({@code yes}, {@code on}, {@code
 * True}, {@code 0777}, {@code 0x1F}) is a string, which a field expecting a boolean or an integer
 * refuses. Quoted scalars are always strings.
 */
public final class YamlDocuments {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final String HIDES = " (it can hide what is declared: write the value out)";

  /** Deeper than any desired state needs; deeper input would exhaust the stack. */
  static final int MAX_DEPTH = 64;

  private YamlDocuments() {}

  /** Reading stops at a node nested deeper than {@link #MAX_DEPTH}. */
  private static final class TooDeep extends RuntimeException {
    final Mark at;

    TooDeep(Mark at) {
      super(null, null, false, false);
      this.at = at;
    }
  }

  /**
   * Parses {@code text} read from {@code file}; returns the documents parsed before any syntax
   * error.
   */
  public static List<YamlNode> parse(String file, String text, Problems problems) {
    List<YamlNode> documents = new ArrayList<>();
    WholeTextReader reader = new WholeTextReader(file, text);
    int bad = reader.firstNonPrintable();
    if (bad >= 0) {
      problems.add(
          markOf(file, reader, bad),
          Problem.Rule.SYNTAX,
          String.format("special characters are not allowed (U+%04X)", reader.codePointAt(bad)));
      return documents;
    }
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    Events parser = new Events(new ParserImpl(new ScannerImpl(reader, options)));
    try {
      parser.getEvent(); // stream start
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        parser.getEvent(); // document start
        documents.add(read(file, parser, problems, 0));
        parser.getEvent(); // document end
      }
    } catch (TooDeep e) {
      problems.add(
          e.at,
          Problem.Rule.SYNTAX,
          "nested deeper than " + MAX_DEPTH + " levels of mappings and lists: refused");
    } catch (MarkedYAMLException e) {
      org.yaml.snakeyaml.error.Mark where =
          e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      // the text ended too early: point just after the last thing read, where more was expected
      if (where != null && where.getIndex() >= reader.length() && parser.lastEnd != null)
        where = parser.lastEnd;
      Mark at = where == null ? Mark.file(file) : mark(file, where);
      problems.add(at, Problem.Rule.SYNTAX, "YAML syntax error: " + message(e));
    } catch (YAMLException e) {
      problems.add(Mark.file(file), Problem.Rule.SYNTAX, "YAML syntax error: " + e.getMessage());
    }
    return documents;
  }

  private static YamlNode read(String file, Events parser, Problems problems, int depth) {
    Event event = parser.getEvent();
    Mark at = mark(file, event.getStartMark());
    if (depth > MAX_DEPTH) throw new TooDeep(at);
    if (event instanceof AliasEvent alias) {
      problems.add(
          at, Problem.Rule.SYNTAX, "alias *" + alias.getAnchor() + " is not allowed" + HIDES);
      return new YamlNode.Scalar("", YamlNode.Scalar.Kind.NULL, at);
    }
    if (event instanceof NodeEvent node && node.getAnchor() != null) {
      problems.add(
          at, Problem.Rule.SYNTAX, "anchor &" + node.getAnchor() + " is not allowed" + HIDES);
    }
    String tag =
        event instanceof ScalarEvent scalar
            ? scalar.getTag()
            : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
    if (tag != null) {
      problems.add(
          at,
          Problem.Rule.SYNTAX,
          "explicit tag "
              + tag.replaceFirst("^tag:yaml\\.org,2002:", "!!")
              + " is not allowed (ecsgate reads plain YAML values only)");
    }
    if (event instanceof ScalarEvent scalar) {
      String value = scalar.getValue();
      YamlNode.Scalar.Kind kind = scalar.isPlain() ? resolve(value) : YamlNode.Scalar.Kind.STRING;
      return new YamlNode.Scalar(kind == YamlNode.Scalar.Kind.NULL ? "" : value, kind, at);
    }
    if (event.is(Event.ID.SequenceStart)) {
      List<YamlNode> items = new ArrayList<>();
      while (!parser.checkEvent(Event.ID.SequenceEnd))
        items.add(read(file, parser, problems, depth + 1));
      parser.getEvent();
      return new YamlNode.Sequence(items, at);
    }
    if (event.is(Event.ID.MappingStart)) {
      LinkedHashMap<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
      while (!parser.checkEvent(Event.ID.MappingEnd)) {
        Event keyEvent = parser.peekEvent();
        YamlNode keyNode = read(file, parser, problems, depth + 1);
        YamlNode value = read(file, parser, problems, depth + 1);
        String key = key(keyEvent, keyNode, problems);
        if (key == null) continue;
        if (entries.containsKey(key)) {
          problems.add(keyNode.at(), Problem.Rule.SYNTAX, "duplicate key '" + key + "'");
        } else {
          entries.put(key, new YamlNode.Mapping.Entry(keyNode.at(), value));
        }
      }
      parser.getEvent();
      return new YamlNode.Mapping(entries, at);
    }
    problems.add(at, Problem.Rule.SYNTAX, "unsupported YAML value (" + event.getEventId() + ")");
    return new YamlNode.Scalar("", YamlNode.Scalar.Kind.NULL, at);
  }

  /** The key as a string, or null after reporting why it cannot be one. */
  private static String key(Event event, YamlNode node, Problems problems) {
    if (!(node instanceof YamlNode.Scalar scalar)) {
      problems.add(
          node.at(), Problem.Rule.SYNTAX, "a key must be a string, got " + node.typeName());
      return null;
    }
    if (event instanceof AliasEvent) return null; // reported as an alias
    switch (scalar.kind()) {
      case STRING -> {
        if (scalar.text().equals("<<") && event instanceof ScalarEvent plain && plain.isPlain()) {
          problems.add(node.at(), Problem.Rule.SYNTAX, "merge key '<<' is not allowed" + HIDES);
          return null;
        }
        return scalar.text();
      }
      case NULL -> {
        problems.add(
            node.at(), Problem.Rule.SYNTAX, "a null key is not allowed: keys must be strings");
        return null;
      }
      default -> {
        String text = ((ScalarEvent) event).getValue();
        problems.add(
            node.at(),
            Problem.Rule.SYNTAX,
            "key "
                + text
                + " is "
                + scalar.typeName()
                + ", not a string (quote it if a string is meant)");
        return null;
      }
    }
  }

  private static YamlNode.Scalar.Kind resolve(String value) {
    if (value.isEmpty() || value.equals("~") || value.equals("null"))
      return YamlNode.Scalar.Kind.NULL;
    if (value.equals("true") || value.equals("false")) return YamlNode.Scalar.Kind.BOOLEAN;
    if (INTEGER.matcher(value).matches()) return YamlNode.Scalar.Kind.INTEGER;
    if (DECIMAL.matcher(value).matches()) return YamlNode.Scalar.Kind.DECIMAL;
    return YamlNode.Scalar.Kind.STRING;
  }

  private static Mark mark(String file, org.yaml.snakeyaml.error.Mark mark) {
    return new Mark(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Mark markOf(String file, WholeTextReader reader, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index; i++) {
      if (reader.codePointAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Mark(file, line, column);
  }

  /** The parser's events, remembering where the last one read ends. */
  private static final class Events {
    private final Parser parser;
    private org.yaml.snakeyaml.error.Mark lastEnd;

    Events(Parser parser) {
      this.parser = parser;
    }

    Event getEvent() {
      Event event = parser.getEvent();
      lastEnd = event.getEndMark();
      return event;
    }

    Event peekEvent() {
      return parser.peekEvent();
    }

    boolean checkEvent(Event.ID id) {
      return parser.checkEvent(id);
    }
  }

  /** SnakeYAML's context ("while parsing a flow node") and problem ("expected ',' or ']'"). */
  private static String message(MarkedYAMLException e) {
    List<String> kept = new ArrayList<>();
    if (e.getContext() != null) kept.add(e.getContext().strip());
    if (e.getProblem() != null) kept.add(e.getProblem().strip());
    return kept.isEmpty() ? "malformed YAML" : String.join(": ", kept);
  }
}
