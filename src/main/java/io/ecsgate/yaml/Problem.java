package io.ecsgate.yaml;

/** One thing wrong with the desired state, at a place in a file. */
public record Problem(Mark at, String message) implements Comparable<Problem> {

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
