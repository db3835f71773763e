package io.ecsgate.yaml;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import java.util.List;

/**
 * How the documents of one kind are read from YAML and checked against the rest of the desired
 * state.
 *
 * @param <S> the kind's spec record
 */
public interface SpecType<S extends Spec> {
  /** The value of {@code kind:} in YAML. */
  String kind();

  Class<S> type();

  /** Reads one document's {@code spec}; problems go to {@code spec.problems()}. */
  S read(Metadata metadata, Fields spec);

  /**
   * Checks what one document cannot know alone: references to other documents, and the rules across
   * all documents of the kind (unique priorities, quotas). Names are unique per kind already.
   */
  default void check(List<S> specs, DesiredState desired, Limits limits, Problems problems) {}

  /** Reads each document with {@code reader}; checks nothing across documents. */
  static <S extends Spec> SpecType<S> of(String kind, Class<S> type, Reader<S> reader) {
    return of(kind, type, reader, (specs, desired, limits, problems) -> {});
  }

  static <S extends Spec> SpecType<S> of(
      String kind, Class<S> type, Reader<S> reader, Checker<S> checker) {
    return new SpecType<>() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public Class<S> type() {
        return type;
      }

      @Override
      public S read(Metadata metadata, Fields spec) {
        return reader.read(metadata, spec);
      }

      @Override
      public void check(List<S> specs, DesiredState desired, Limits limits, Problems problems) {
        checker.check(specs, desired, limits, problems);
      }
    };
  }

  interface Reader<S> {
    S read(Metadata metadata, Fields spec);
  }

  interface Checker<S> {
    void check(List<S> specs, DesiredState desired, Limits limits, Problems problems);
  }

  /** AWS quotas that depend on the account; the defaults are AWS's defaults. */
  record Limits(int rulesPerLoadBalancer) {
    public static final Limits DEFAULT = new Limits(100);
  }
}
