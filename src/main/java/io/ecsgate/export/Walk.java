package io.ecsgate.export;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One export's worklist and what it found: each reach is exported once, in the order reached. The
 * sources write into it.
 */
public final class Walk {
  private final boolean includeValues;
  private final Deque<Reach> pending = new ArrayDeque<>();
  private final Set<Reach> seen = new LinkedHashSet<>();
  private final List<Document> documents = new ArrayList<>();
  private final List<LeftOut> leftOut = new ArrayList<>();
  private final List<Reach> notFound = new ArrayList<>();

  public Walk(boolean includeValues) {
    this.includeValues = includeValues;
  }

  /**
   * True when values that may be secret (environment values, stage variables) are written as they
   * are ({@code --include-values}); otherwise they are written as {@link #placeholder}s.
   */
  public boolean includeValues() {
    return includeValues;
  }

  /**
   * What a secret value is written as without {@code --include-values}: {@code fill-in:<what>},
   * spaces and other characters as {@code -}, so that it is a valid value wherever it stands (a
   * stage variable accepts only A-Z a-z 0-9 - . _ ~ : / ? # & = ,).
   */
  public static String placeholder(String what) {
    return "fill-in:" + what.replaceAll("[^A-Za-z0-9._]", "-");
  }

  /** Exports {@code reach} too, unless it was reached already. */
  public void reach(Reach reach) {
    if (seen.add(reach)) pending.add(reach);
  }

  public void add(Document document) {
    documents.add(document);
  }

  public void leaveOut(LeftOut why) {
    leftOut.add(why);
  }

  public void notFound(Reach reach) {
    notFound.add(reach);
  }

  /** The next reach not exported yet, or null. */
  public Reach next() {
    return pending.poll();
  }

  /** The documents added so far. */
  public List<Document> documents() {
    return documents;
  }

  /** What was left out so far. */
  public List<LeftOut> leftOut() {
    return leftOut;
  }

  List<Reach> missing() {
    return notFound;
  }
}
