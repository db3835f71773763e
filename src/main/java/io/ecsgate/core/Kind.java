package io.ecsgate.core;

import io.ecsgate.yaml.SpecType;
import java.util.List;
import java.util.Optional;

/**
 * What one AWS kind supplies to the engine: its name, the YAML spec it reads (none for a kind that
 * is only a part of another, such as a load balancer's listeners or an NLB's targets), and its
 * planner, which turns the desired specs and the observed snapshot into actions. The generic part
 * (the deletion guards, waiting, blocking, the order of execution, the pass loop) is the engine's;
 * reads are batched per AWS service by a {@link Family}, and steps run by its executors.
 */
public interface Kind {
  String name();

  /**
   * The action kinds this kind's planner emits, in the order they are created and updated: its own
   * name, and those of the parts it plans (a load balancer's listeners).
   */
  default List<String> actionKinds() {
    return List.of(name());
  }

  /** How its YAML documents are read and checked; empty for a part of another kind. */
  default Optional<SpecType<?>> spec() {
    return Optional.empty();
  }

  /** Adds what differs between desired and observed to {@code out}. Pure: no I/O. */
  void plan(PlanContext context, PlanBuilder out);
}
