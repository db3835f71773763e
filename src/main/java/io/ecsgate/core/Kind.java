package io.ecsgate.core;

import io.ecsgate.yaml.SpecType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one AWS kind supplies to the engine: its name, the YAML spec it reads (none for a kind that
 * is only a part of another, such as an NLB's targets), the kinds of the parts it plans with it (a
 * load balancer's listeners), and its planner. Everything generic (the deletion guards, waiting,
 * blocking, the order of execution, the pass loop) is the engine's; reads are batched per AWS
 * service by a {@link Family}, and each {@link Step} makes its own calls.
 *
 * @param actionKinds the action kinds its planner emits, in the order they are created and updated:
 *     its own name first
 * @param needs what its planner reads besides its own family's snapshot: the kinds whose planned
 *     resources it looks up (a service its target groups, a rule its listener) and the families
 *     whose snapshots it reads ({@link Family#name()}, such as {@code network} for subnet names).
 *     When one of them was not observed, or not planned, this kind is not planned either ({@link
 *     Planner})
 */
public record Kind(
    String name,
    Optional<SpecType<?>> spec,
    List<String> actionKinds,
    Planner planner,
    Set<String> needs) {

  public Kind {
    actionKinds = List.copyOf(actionKinds);
    needs = Set.copyOf(needs);
  }

  public Kind(String name, Optional<SpecType<?>> spec, List<String> actionKinds, Planner planner) {
    this(name, spec, actionKinds, planner, Set.of());
  }

  /** This kind, needing also the kinds and families {@code names} (see {@link #needs()}). */
  public Kind needing(String... names) {
    Set<String> all = new java.util.TreeSet<>(needs);
    all.addAll(List.of(names));
    return new Kind(name, spec, actionKinds, planner, all);
  }

  /** A kind declared in YAML, with the kinds of the parts its planner plans with it. */
  public static Kind of(SpecType<?> spec, Planner planner, String... partKinds) {
    List<String> kinds = new ArrayList<>(List.of(spec.kind()));
    kinds.addAll(List.of(partKinds));
    return new Kind(spec.kind(), Optional.of(spec), kinds, planner);
  }

  /** A kind that is planned from other kinds' specs (an NLB's targets, a service's scaling). */
  public static Kind part(String name, Planner planner) {
    return new Kind(name, Optional.empty(), List.of(name), planner);
  }

  /** Turns one kind's desired specs and observed resources into actions. Pure: no I/O. */
  public interface Planner {
    void plan(PlanContext context, PlanBuilder out);
  }
}
