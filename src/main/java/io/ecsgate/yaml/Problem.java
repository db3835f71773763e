package io.ecsgate.yaml;

/**
 * One thing wrong with the desired state, at a place in a file, and which sort of {@link Rule} it
 * breaks.
 */
public record Problem(Mark at, String message, Rule rule) implements Comparable<Problem> {

  /** A problem with a rule of its own ({@link Rule#CONSTRAINT}). */
  public Problem(Mark at, String message) {
    this(at, message, Rule.CONSTRAINT);
  }

  /**
   * The sort of rule a problem breaks. The first ones are what a JSON Schema of one document can
   * express (schema/ecsgate.schema.json does, and a test holds it to the loader); the others need
   * the YAML text, the files, several values compared, or other documents.
   */
  public enum Rule {
    TYPE("a value of the wrong type"),
    REQUIRED("a required key missing or empty, or not exactly one of two keys"),
    UNKNOWN_KEY("a key the kind does not know"),
    ENUM("a value outside the allowed set"),
    RANGE("a number, a length or a count outside its range"),
    PATTERN("a name, path, ARN or code not in its form"),
    CONDITIONAL(
        "a key or value allowed only with a given value of another field (HTTPS needs"
            + " certificateArn, the memory a Fargate cpu size offers)"),
    SYNTAX(
        "YAML that ecsgate does not read (syntax errors, anchors, aliases, merge keys, tags, keys"
            + " that are not strings, duplicate keys, deep nesting): a schema sees the document"
            + " only once it is parsed"),
    SPELLING(
        "a scalar spelled otherwise than ecsgate reads it (True, yes, 0777, 0x50, 1e3): a schema"
            + " sees the value a YAML parser made of it, and YAML 1.1 and 1.2 parsers make"
            + " different ones"),
    FILE("a file that cannot be read, is too large, or is not UTF-8 text"),
    CONSTRAINT(
        "a rule between values: one compared with another (a timeout below its interval), a sum"
            + " of sizes, a list that needs one item of a sort, a path parameter another field"
            + " uses"),
    REFERENCE("a name that another document or part must declare, with the properties it needs"),
    UNIQUE("a name, port, priority, route or condition declared twice"),
    CROSS_DOCUMENT(
        "a rule over all documents (the desired state may not be empty, a quota of rules per load"
            + " balancer)");

    private final String description;

    Rule(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    /** A JSON Schema of one document can express the rule. */
    public boolean schemaExpressible() {
      return ordinal() <= CONDITIONAL.ordinal();
    }
  }

  @Override
  public String toString() {
    return at + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int byFile = at.file().compareTo(other.at.file());
    if (byFile != 0) return byFile;
    if (at.line() != other.at.line()) return Integer.compare(at.line(), other.at.line());
    if (at.column() != other.at.column()) return Integer.compare(at.column(), other.at.column());
    return message.compareTo(other.message);
  }
}
