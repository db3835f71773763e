package io.ecsgate.yaml;

import static io.ecsgate.yaml.Problem.Rule.ENUM;
import static io.ecsgate.yaml.Problem.Rule.RANGE;
import static io.ecsgate.yaml.Problem.Rule.REQUIRED;
import static io.ecsgate.yaml.Problem.Rule.SPELLING;
import static io.ecsgate.yaml.Problem.Rule.TYPE;
import static io.ecsgate.yaml.Problem.Rule.UNKNOWN_KEY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Strict reader of one YAML mapping. Every accessor records the key as known; {@link #end()}
 * reports the keys nobody asked for as unknown. Wrong types and missing required keys become
 * problems, and the accessor then returns an empty or default value so that reading goes on and
 * every problem is found in one pass.
 */
public final class Fields {
  /** A scalar that a reader would take for a number: 0777, 0x1F, 1e3, 1.5, +80, 1_000. */
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?\\.?[0-9][0-9A-Za-z_.+-]*");

  /**
   * What YAML 1.1 reads as a boolean: written for a boolean, it is a matter of spelling ({@code
   * True}, {@code yes}), not of type.
   */
  private static final Pattern YAML_1_1_BOOLEAN =
      Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF");

  private final YamlNode.Mapping node;
  private final String where;
  private final Problems problems;
  private final Set<String> known = new LinkedHashSet<>();

  public Fields(YamlNode.Mapping node, String where, Problems problems) {
    this.node = node;
    this.where = where;
    this.problems = problems;
  }

  /**
   * Reads {@code value} as a mapping, reporting a problem (and returning empty) when it is not one.
   */
  public static Optional<Fields> of(YamlNode value, String where, Problems problems) {
    if (value instanceof YamlNode.Mapping mapping)
      return Optional.of(new Fields(mapping, where, problems));
    problems.add(value.at(), TYPE, where + " must be a mapping, got " + value.typeName());
    return Optional.empty();
  }

  public Mark at() {
    return node.at();
  }

  public Problems problems() {
    return problems;
  }

  public boolean has(String key) {
    known.add(key);
    YamlNode.Mapping.Entry entry = node.entries().get(key);
    return entry != null && !isNull(entry.value());
  }

  /** Where the value of {@code key} is written, or where this mapping starts when it is absent. */
  public Mark at(String key) {
    YamlNode.Mapping.Entry entry = node.entries().get(key);
    return entry == null ? node.at() : entry.value().at();
  }

  public Optional<YamlNode> node(String key) {
    known.add(key);
    YamlNode.Mapping.Entry entry = node.entries().get(key);
    if (entry == null || isNull(entry.value())) return Optional.empty();
    return Optional.of(entry.value());
  }

  public Optional<String> string(String key) {
    return node(key).flatMap(value -> scalar(key, value, "a string", YamlNode.Scalar.Kind.STRING));
  }

  public String requiredString(String key) {
    Optional<String> value = string(key);
    if (value.isEmpty() && !present(key)) missing(key);
    if (value.isPresent() && value.get().isBlank()) {
      problems.add(at(key), REQUIRED, key + " must not be empty");
      return "";
    }
    return value.orElse("");
  }

  /** A string that must be one of {@code allowed} (compared case-sensitively, as AWS does). */
  public Optional<String> oneOf(String key, Set<String> allowed) {
    Optional<String> value = string(key);
    if (value.isPresent() && !allowed.contains(value.get())) {
      problems.add(
          at(key),
          ENUM,
          key
              + " must be one of "
              + String.join(", ", new TreeSet<>(allowed))
              + ", got '"
              + value.get()
              + "'");
      return Optional.empty();
    }
    return value;
  }

  public String requiredOneOf(String key, Set<String> allowed) {
    if (!present(key)) {
      known.add(key);
      missing(key);
      return "";
    }
    return oneOf(key, allowed).orElse("");
  }

  public Optional<Integer> integer(String key, int min, int max) {
    Optional<YamlNode> node = node(key);
    if (node.isPresent()
        && node.get() instanceof YamlNode.Scalar scalar
        && scalar.kind() != YamlNode.Scalar.Kind.INTEGER
        && NUMBER_LIKE.matcher(scalar.text()).matches()) {
      problems.add(
          scalar.at(),
          SPELLING,
          key
              + " must be a decimal integer (no leading zero, 0x, exponent or fraction), got '"
              + scalar.text()
              + "'");
      return Optional.empty();
    }
    Optional<String> text =
        node.flatMap(value -> scalar(key, value, "an integer", YamlNode.Scalar.Kind.INTEGER));
    if (text.isEmpty()) return Optional.empty();
    long value;
    try {
      value = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      value = Long.MAX_VALUE;
    }
    if (value < min || value > max) {
      problems.add(
          at(key), RANGE, key + " must be between " + min + " and " + max + ", got " + text.get());
      return Optional.empty();
    }
    return Optional.of((int) value);
  }

  public int requiredInteger(String key, int min, int max) {
    Optional<Integer> value = integer(key, min, max);
    if (value.isEmpty() && !present(key)) missing(key);
    return value.orElse(min);
  }

  public boolean bool(String key, boolean otherwise) {
    Optional<YamlNode> value = node(key);
    if (value.isEmpty()) return otherwise;
    if (value.get() instanceof YamlNode.Scalar scalar
        && scalar.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
      return scalar.text().equals("true");
    }
    String got =
        value.get() instanceof YamlNode.Scalar scalar
            ? "'" + scalar.text() + "'"
            : value.get().typeName();
    boolean spelling =
        value.get() instanceof YamlNode.Scalar scalar
            && YAML_1_1_BOOLEAN.matcher(scalar.text()).matches();
    problems.add(
        value.get().at(),
        spelling ? SPELLING : TYPE,
        key + " must be true or false (no other spelling is accepted), got " + got);
    return otherwise;
  }

  public Optional<Fields> mapping(String key) {
    return node(key).flatMap(value -> Fields.of(value, key, problems));
  }

  public Fields requiredMapping(String key) {
    Optional<Fields> value = mapping(key);
    if (value.isEmpty() && !present(key)) missing(key);
    return value.orElseGet(
        () ->
            new Fields(new YamlNode.Mapping(new LinkedHashMap<>(), at(key)), key, new Problems()));
  }

  public List<YamlNode> list(String key) {
    Optional<YamlNode> value = node(key);
    if (value.isEmpty()) return List.of();
    if (value.get() instanceof YamlNode.Sequence sequence) return sequence.items();
    problems.add(value.get().at(), TYPE, key + " must be a list, got " + value.get().typeName());
    return List.of();
  }

  /**
   * A list of strings; a single string is not accepted, so that a typo cannot silently become a
   * list.
   */
  public List<String> strings(String key) {
    List<String> values = new ArrayList<>();
    for (YamlNode item : list(key)) {
      scalar(key, item, "a list of strings", YamlNode.Scalar.Kind.STRING).ifPresent(values::add);
    }
    return values;
  }

  public List<Ref> refs(String key) {
    List<Ref> refs = new ArrayList<>();
    for (YamlNode item : list(key)) {
      scalar(key, item, "a list of names", YamlNode.Scalar.Kind.STRING)
          .ifPresent(name -> refs.add(new Ref(name, item.at())));
    }
    return refs;
  }

  public Optional<Ref> ref(String key) {
    return string(key).map(name -> new Ref(name, at(key)));
  }

  public Ref requiredRef(String key) {
    return new Ref(requiredString(key), at(key));
  }

  public <T> List<T> mappings(String key, Function<Fields, T> reader) {
    List<T> values = new ArrayList<>();
    for (YamlNode item : list(key)) {
      Fields.of(item, key + " item", problems)
          .ifPresent(
              fields -> {
                values.add(reader.apply(fields));
                fields.end();
              });
    }
    return values;
  }

  /** A mapping of string keys to string values, such as tags or environment variables. */
  public Map<String, String> stringMap(String key) {
    Map<String, String> values = new LinkedHashMap<>();
    Optional<YamlNode> value = node(key);
    if (value.isEmpty()) return values;
    if (!(value.get() instanceof YamlNode.Mapping mapping)) {
      problems.add(
          value.get().at(),
          TYPE,
          key + " must be a mapping of names to strings, got " + value.get().typeName());
      return values;
    }
    mapping
        .entries()
        .forEach(
            (name, entry) -> {
              if (entry.value() instanceof YamlNode.Scalar scalar
                  && scalar.kind() != YamlNode.Scalar.Kind.NULL
                  && !(entry.value() instanceof YamlNode.Mapping)) {
                values.put(name, scalar.text());
              } else {
                problems.add(
                    entry.value().at(),
                    TYPE,
                    key + "." + name + " must be a string, got " + entry.value().typeName());
              }
            });
    return values;
  }

  /** Reports every key of this mapping that no accessor asked for. */
  public void end() {
    for (Map.Entry<String, YamlNode.Mapping.Entry> entry : node.entries().entrySet()) {
      if (!known.contains(entry.getKey())) {
        problems.add(
            entry.getValue().keyAt(),
            UNKNOWN_KEY,
            "unknown key '"
                + entry.getKey()
                + "' in "
                + where
                + " (known keys: "
                + String.join(", ", known)
                + ")");
      }
    }
  }

  private boolean present(String key) {
    return node.entries().containsKey(key) && !isNull(node.entries().get(key).value());
  }

  private void missing(String key) {
    problems.add(node.at(), REQUIRED, where + " is missing required key '" + key + "'");
  }

  private Optional<String> scalar(
      String key, YamlNode value, String expected, YamlNode.Scalar.Kind kind) {
    if (value instanceof YamlNode.Scalar scalar
        && (scalar.kind() == kind
            // numbers and booleans written where a string is expected are still strings, as YAML
            // users expect
            || (kind == YamlNode.Scalar.Kind.STRING
                && scalar.kind() != YamlNode.Scalar.Kind.NULL))) {
      return Optional.of(scalar.text());
    }
    problems.add(value.at(), TYPE, key + " must be " + expected + ", got " + value.typeName());
    return Optional.empty();
  }

  private static boolean isNull(YamlNode value) {
    return value instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.NULL;
  }
}
