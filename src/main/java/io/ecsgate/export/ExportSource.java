package io.ecsgate.export;

import java.util.Set;

/**
 * What one AWS service contributes to an export: it reads its resources (batched, each read made
 * once however many reaches need it) and turns a reached one into its document, reaching further
 * what the document references. Each kind's conversion lives in its kind's package.
 */
public interface ExportSource {
  /** The kinds of {@link Reach} this source answers. */
  Set<String> kinds();

  /**
   * Exports the reached resource into {@code walk}: its document ({@link Walk#add}), what it
   * references ({@link Walk#reach}), or why it cannot be expressed ({@link Walk#leaveOut}); {@link
   * Walk#notFound} when AWS has no such resource.
   */
  void export(Reach reach, Walk walk);
}
