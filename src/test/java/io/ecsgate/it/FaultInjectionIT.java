package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.aws.ApiCalls;
import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsTarget;
import io.ecsgate.bench.StackGenerator;
import io.ecsgate.controller.Convergence;
import io.ecsgate.controller.Reconciler;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import io.ecsgate.testing.Inventory;
import io.ecsgate.testing.Reconcilers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The seed stack and a generated stack of 50 services converge through a proxy that throttles,
 * fails and resets connections, with no duplicates.
 */
@ExtendWith(Emulator.class)
class FaultInjectionIT {
  private static final int MAX_CYCLES = 40;

  static Stream<Arguments> stacks() {
    return Stream.of(Arguments.of("seed", 0), Arguments.of("50 services", 50));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void convergesUnder30PercentThrottling10Percent5xxAnd5PercentResets(
      String label, int services, Emulator aws, @TempDir Path dir) throws IOException {
    Path source = services == 0 ? Emulator.seed() : StackGenerator.write(services, dir);
    DesiredState desired = Registry.loader().load(List.of(source));
    Map<String, Integer> expected = cleanRun(aws, desired);
    long cleanCalls = aws.calls().reads() + aws.calls().writes();
    aws.resetAccount();

    try (FaultProxy proxy =
            new FaultProxy(
                java.net.URI.create(aws.endpoint()),
                new FaultProxy.Rates(0.30, 0.10, 0.05, 0),
                42);
        AwsClients faulty = new AwsClients(viaProxy(aws, proxy))) {
      ApiCalls calls = (ApiCalls) faulty.target().interceptors().get(0);
      Reconciler reconciler = Reconcilers.of(faulty);
      int cycles = 0;
      int failedCycles = 0;
      boolean converged = false;
      String lastFailure = "none";
      LastFailure failures = new LastFailure();
      while (!converged && cycles < MAX_CYCLES) {
        cycles++;
        try {
          Convergence result = reconciler.converge(desired, PlanOptions.DEFAULT, failures);
          converged = result.succeeded() && !result.lastPlan().hasChanges();
          if (!result.succeeded()) {
            failedCycles++;
            lastFailure =
                result.lastPlan().isBlocked()
                    ? "blocked: "
                        + result.lastPlan().actions().stream()
                            .filter(a -> a.isBlocked())
                            .findFirst()
                            .orElseThrow()
                    : String.valueOf(failures.last);
          }
        } catch (SdkException e) {
          failedCycles++; // observation failed after the SDK's retries: the next cycle starts over
          lastFailure = e.toString();
        }
      }
      System.out.printf(
          "[faults] %s: converged=%s in %d cycles (%d failed); faults injected %s; logical calls %d vs %d in a clean run%n",
          label,
          converged,
          cycles,
          failedCycles,
          proxy.injected(),
          calls.reads() + calls.writes(),
          cleanCalls);
      assertTrue(
          converged,
          "no convergence within " + MAX_CYCLES + " cycles; last failure: " + lastFailure);
      assertTrue(
          proxy.injectedTotal() > 20, "the proxy really injected faults: " + proxy.injected());
    }
    assertEquals(
        expected,
        Inventory.owned(aws.clients()),
        "exactly the resources of a clean run, no duplicates");
    assertTrue(expected.values().stream().allMatch(n -> n == 1), expected.toString());
    aws.calls().reset();
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
    assertEquals(Map.of(), aws.calls().writeCalls());
  }

  private static Map<String, Integer> cleanRun(Emulator aws, DesiredState desired) {
    assertTrue(
        Reconcilers.of(aws.clients())
            .converge(desired, PlanOptions.DEFAULT, Convergence.Progress.SILENT)
            .succeeded());
    return Inventory.owned(aws.clients());
  }

  /** Remembers the last action that did not succeed, to say why a cycle failed. */
  private static final class LastFailure implements Convergence.Progress {
    Outcome last;

    @Override
    public void planned(io.ecsgate.core.Plan plan, int pass) {}

    @Override
    public void outcome(Outcome outcome) {
      if (outcome.status() == Outcome.Status.FAILED) last = outcome;
    }
  }

  static AwsTarget viaProxy(Emulator aws, FaultProxy proxy) {
    AwsTarget direct = aws.target();
    // harness: the product's retry strategy (attempts, retryable errors) with delays a tenth as
    // long,
    // so that hundreds of injected faults fit in CI; convergence does not depend on the delays'
    // length
    return new AwsTarget(
        direct.region(),
        Optional.of(proxy.endpoint()),
        direct.credentials(),
        List.of(new ApiCalls()),
        AwsTarget.retryStrategy(Duration.ofMillis(100), Duration.ofSeconds(2)));
  }
}
