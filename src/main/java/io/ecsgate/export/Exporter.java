package io.ecsgate.export;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks from the starting points to everything they reach, each resource exported by the source of
 * its kind, and returns the documents in registry order (by name within a kind), what could not be
 * expressed, and the starting points (or references) AWS does not have.
 */
public final class Exporter {
  private final List<ExportSource> sources;
  private final List<String> kindOrder;

  /**
   * @param kindOrder the declarable kinds in registry order: the order of the files and documents
   */
  public Exporter(List<ExportSource> sources, List<String> kindOrder) {
    this.sources = List.copyOf(sources);
    this.kindOrder = List.copyOf(kindOrder);
  }

  /** What one export found. */
  public record Result(List<Document> documents, List<LeftOut> leftOut, List<Reach> notFound) {
    /** True when every reached resource was written: {@code export} exits 0, else 2. */
    public boolean complete() {
      return leftOut.isEmpty();
    }
  }

  public Result export(List<Reach> starts, boolean includeValues) {
    Map<String, ExportSource> byKind = new HashMap<>();
    for (ExportSource source : sources) source.kinds().forEach(k -> byKind.put(k, source));
    Walk walk = new Walk(includeValues);
    starts.forEach(walk::reach);
    for (Reach reach = walk.next(); reach != null; reach = walk.next()) {
      ExportSource source = byKind.get(reach.kind());
      if (source == null)
        throw new IllegalArgumentException("no export source for kind " + reach.kind());
      source.export(reach, walk);
    }
    List<Document> documents =
        walk.documents().stream()
            .sorted(
                Comparator.comparingInt((Document d) -> order(d.kind()))
                    .thenComparing(Document::name))
            .toList();
    return new Result(documents, List.copyOf(walk.leftOut()), List.copyOf(walk.missing()));
  }

  private int order(String kind) {
    int index = kindOrder.indexOf(kind);
    return index < 0 ? kindOrder.size() : index;
  }
}
