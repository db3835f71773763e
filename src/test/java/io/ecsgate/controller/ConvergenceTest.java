package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ecsgate.core.Action;
import io.ecsgate.core.Applier;
import io.ecsgate.core.ApplyResult;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Key;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Wait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
  private static final DesiredState DESIRED = new DesiredState("1", List.of());

  /** Plans the scripted passes in turn; records what each later pass was told was stale. */
  static final class ScriptedPasses implements Engine {
    final List<Plan> plans;
    final List<ObservedState> observed = new ArrayList<>();
    final List<Set<String>> stale = new ArrayList<>();
    final List<ObservedState> previous = new ArrayList<>();

    ScriptedPasses(Plan... plans) {
      this.plans = List.of(plans);
    }

    @Override
    public Plan plan(
        DesiredState desired, PlanOptions options, Pass pass, Consumer<ObservedState> hook) {
      assertEquals(1, pass.number(), "only the first pass observes everything");
      return observe(pass, hook);
    }

    @Override
    public Plan plan(
        DesiredState desired,
        PlanOptions options,
        Pass pass,
        ObservedState before,
        Set<String> staleKinds,
        Consumer<ObservedState> hook) {
      previous.add(before);
      stale.add(staleKinds);
      return observe(pass, hook);
    }

    private Plan observe(Pass pass, Consumer<ObservedState> hook) {
      ObservedState snapshot = ObservedState.of("pass " + pass.number());
      observed.add(snapshot);
      hook.accept(snapshot);
      return plans.get(pass.number() - 1);
    }

    @Override
    public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
      return new Applier(null).apply(plan, progress);
    }
  }

  private static Action create(String kind, String name) {
    return Action.create(kind, name, (aws, ids) -> "created", List.of());
  }

  private static Plan plan(List<Action> actions, Wait... waits) {
    return new Plan(actions, Map.of(), List.of(waits), List.of(), List.of());
  }

  private static final Key ALB = Key.of("LoadBalancer", "alb");
  private static final Key LINK = Key.of("VpcLink", "link");

  @Test
  void aLaterPassIsToldTheKindsThePassBeforeWroteAndThoseItWaitsOn() {
    ScriptedPasses engine =
        new ScriptedPasses(
            plan(
                List.of(
                    create("Cluster", "c"),
                    create("LoadBalancer", "alb"),
                    create("VpcLink", "link")),
                new Wait(Key.of("NlbTargets", "nlb-group"), ALB, "the ALB exists"),
                new Wait(Key.of("RestApi", "api"), LINK, "the link is AVAILABLE")),
            plan(
                List.of(create("NlbTargets", "nlb-group")),
                new Wait(Key.of("RestApi", "api"), LINK, "the link is AVAILABLE")),
            plan(List.of(create("RestApi", "api"))));

    Convergence result =
        Convergence.converge(engine, DESIRED, PlanOptions.DEFAULT, Convergence.Progress.SILENT);

    assertEquals(3, result.passes());
    assertEquals(
        List.of(Set.of("Cluster", "LoadBalancer", "VpcLink"), Set.of("NlbTargets", "VpcLink")),
        engine.stale,
        "pass 3 reads API Gateway again for the link pass 1 created, though pass 2 wrote none of it");
    assertSame(engine.observed.get(0), engine.previous.get(0));
    assertSame(engine.observed.get(1), engine.previous.get(1));
  }

  @Test
  void aWaitOnSomethingThisApplyDidNotChangeMakesNoSecondPass() {
    ScriptedPasses engine =
        new ScriptedPasses(
            plan(
                List.of(create("Cluster", "c")),
                new Wait(Key.of("RestApi", "api"), LINK, "the link is AVAILABLE")));
    Convergence result =
        Convergence.converge(engine, DESIRED, PlanOptions.DEFAULT, Convergence.Progress.SILENT);
    assertEquals(1, result.passes());
    assertEquals(List.of(), engine.stale);
  }
}
