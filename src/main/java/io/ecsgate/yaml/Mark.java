package io.ecsgate.yaml;

/**
 * A place in a desired-state file, printed as {@code path:line:column}. Lines and columns count
 * from 1.
 */
public record Mark(String file, int line, int column) {

  public static Mark file(String file) {
    return new Mark(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
