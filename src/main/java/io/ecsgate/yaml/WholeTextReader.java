package io.ecsgate.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's reader over a text that is already in memory, as code points in one array.
 * SnakeYAML's own {@link StreamReader} reads 1024 characters at a time and copies its whole window
 * on every read while a scalar is scanned, so that reading one long scalar takes time quadratic in
 * its length (4 MiB: 13 s); this one never copies, so parsing is linear. The caller checks that
 * every code point is printable ({@link #firstNonPrintable()}) before parsing, as StreamReader
 * would while reading.
 */
final class WholeTextReader extends StreamReader {
  private final String name;
  private final int[] data;
  private final int length;
  private int pointer;
  private int line;
  private int column;

  WholeTextReader(String name, String text) {
    super("");
    this.name = name;
    this.data = text.codePoints().toArray();
    this.length = data.length;
  }

  /** The index of the first code point YAML does not allow, or -1. */
  int firstNonPrintable() {
    for (int i = 0; i < length; i++) if (!StreamReader.isPrintable(data[i])) return i;
    return -1;
  }

  /** How many code points the text has. */
  int length() {
    return length;
  }

  /** The code point at {@code index}, which must be in range. */
  int codePointAt(int index) {
    return data[index];
  }

  @Override
  public Mark getMark() {
    return new Mark(name, pointer, line, column, data, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int count) {
    for (int i = 0; i < count && pointer < length; i++) {
      int c = data[pointer++];
      if (Constant.LINEBR.has(c) || (c == '\r' && pointer < length && data[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return pointer < length ? data[pointer] : 0;
  }

  @Override
  public int peek(int index) {
    return pointer + index < length ? data[pointer + index] : 0;
  }

  @Override
  public String prefix(int count) {
    if (count == 0) return "";
    return new String(data, pointer, Math.min(count, length - pointer));
  }

  @Override
  public String prefixForward(int count) {
    String prefix = prefix(count);
    pointer += count;
    column += count;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return 0;
  }

  @Override
  public void resetDocumentIndex() {}

  @Override
  public int getIndex() {
    return pointer;
  }

  @Override
  public int getLine() {
    return line;
  }
}
