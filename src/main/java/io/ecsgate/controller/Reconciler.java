package io.ecsgate.controller;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.core.Applier;
import io.ecsgate.core.ApplyResult;
import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Fence;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.InventoryStore;
import io.ecsgate.core.ObservedState;
import io.ecsgate.core.Observer;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Ownership;
import io.ecsgate.core.Pass;
import io.ecsgate.core.Plan;
import io.ecsgate.core.PlanContext;
import io.ecsgate.core.PlanOptions;
import io.ecsgate.core.Planner;
import io.ecsgate.core.TagAudit;
import io.ecsgate.kinds.Registry;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The real {@link Engine}: observe live AWS (and read the {@link InventoryStore inventory}, once
 * per first pass), plan against the desired state, apply the plan.
 */
public final class Reconciler implements Engine {
  private final Observer observer;
  private final Planner planner = Registry.planner();
  private final Applier applier;
  private final Ownership ownership;
  private final InventoryStore inventory;
  private final TagAudit tagAudit;

  /**
   * The action kinds of the steps run (done or failed) since the last first-pass observation: the
   * families holding them read every tag in the next cycle, as ecsgate may have changed them.
   */
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  /** Without a lease: for {@code plan}, which never writes, and for tests. */
  public Reconciler(AwsClients clients, Ownership ownership, InventoryStore inventory) {
    this(clients, ownership, Fence.NONE, inventory);
  }

  /**
   * {@code fence}: checked before each step and before each write request (the lease this process
   * must hold to write), and before each write of the inventory.
   */
  public Reconciler(
      AwsClients clients, Ownership ownership, Fence fence, InventoryStore inventory) {
    this(clients, ownership, fence, inventory, TagAudit.EVERY_CYCLE);
  }

  /**
   * {@code tagAudit}: when a first pass reads every tag; between audits the families take the tags
   * of resources they already know from the last audit (the daemon, {@code --tag-audit-interval}).
   */
  public Reconciler(
      AwsClients clients,
      Ownership ownership,
      Fence fence,
      InventoryStore inventory,
      TagAudit tagAudit) {
    this.tagAudit = tagAudit;
    this.observer = Registry.observer(clients, ownership);
    this.applier = Registry.applier(clients, fence, inventory);
    this.ownership = ownership;
    this.inventory = inventory;
    if (fence != Fence.NONE) clients.fenceWrites(fence::check);
  }

  /** The first pass's plan: what {@code plan} shows and {@code apply} starts with. */
  public Plan plan(DesiredState desired, PlanOptions options) {
    return plan(desired, options, Pass.FIRST, observed -> {});
  }

  @Override
  public Plan plan(
      DesiredState desired, PlanOptions options, Pass pass, Consumer<ObservedState> observedHook) {
    Inventory read = inventory.read();
    Ownership checked = ownership.withInventory(read);
    boolean audit = tagAudit.due();
    Instant started = tagAudit.now();
    Set<String> writtenSince = Set.copyOf(written);
    written.removeAll(writtenSince);
    List<Boolean> freshTags = observer.freshTags(audit, writtenSince);
    ObservedState observed = observer.observe(desired, read, freshTags);
    Plan plan = planner.plan(new PlanContext(desired, observed, checked, options, pass));
    if (plan.hasChanges() && freshTags.contains(false)) {
      // the plan would write, and some of its families took tags from the last audit: those read
      // every tag again, so that no change or deletion rests on tags older than this cycle
      observed =
          observer.observeAgain(
              desired, observed, freshTags.stream().map(fresh -> !fresh).toList(), read);
      plan = planner.plan(new PlanContext(desired, observed, checked, options, pass));
      audit = true;
    }
    // an audit in which a family could not be read is not one: the next cycle audits again
    if (audit && observed.failures().isEmpty()) tagAudit.audited(started);
    observedHook.accept(observed);
    return plan;
  }

  @Override
  public Plan plan(
      DesiredState desired,
      PlanOptions options,
      Pass pass,
      ObservedState previous,
      Set<String> stale,
      Consumer<ObservedState> observedHook) {
    // a later pass: the inventory as the pass before left it (read then, and written since)
    Ownership checked = ownership.withInventory(inventory.current());
    ObservedState observed = observer.observe(desired, previous, stale);
    observedHook.accept(observed);
    return planner.plan(new PlanContext(desired, observed, checked, options, pass));
  }

  @Override
  public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
    return applier.apply(
        plan,
        outcome -> {
          if (outcome.status() != Outcome.Status.SKIPPED) written.add(outcome.action().kind());
          progress.accept(outcome);
        });
  }

  /** Plans and applies in passes; see {@link Convergence#converge}. */
  public Convergence converge(
      DesiredState desired, PlanOptions options, Convergence.Progress progress) {
    return Convergence.converge(this, desired, options, progress);
  }
}
