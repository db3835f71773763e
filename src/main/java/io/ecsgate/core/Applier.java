package io.ecsgate.core;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.aws.AwsErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Executes a plan's actions in order. A failed action does not stop the others; actions that need a
 * resource whose action failed are skipped, and no delete runs once anything has failed (a delete
 * is only safe when everything that should stop referencing the resource did). Before each step the
 * {@link Fence} is checked: once this process has lost its lease, no step runs (each is skipped).
 *
 * <p>The {@link Inventory} is written here only: right after a create or an adoption of an
 * inventoried kind succeeds, its entry (kind, name, the ID the step recorded in {@link Ids}: an
 * action without one, a part planned under its owner's kind, records nothing); right after a
 * deletion succeeds, the entries of that name but the one the apply keeps. Each of these writes is
 * fenced too; one that fails fails its action (the resource then shows as tagged but not
 * inventoried, and is left alone until adopted). Right before the create of a resource the plan
 * creates, a pending entry of its kind and name (replaced right after): a process killed between
 * the two leaves it, and the next apply replaces it with the ID it finds (before any step). A step
 * whose one declaration is several resources says which IDs it created and removed ({@link
 * Ids#created}, {@link Ids#removed}): exactly those entries are recorded and forgotten. A step's
 * {@link Inventory.Memo} is written right after the step succeeded, when it changed, and forgotten
 * with its resource's entry.
 */
public final class Applier {

  private final AwsClients aws;
  private final Fence fence;
  private final InventoryStore inventory;
  private final Set<String> inventoried;

  /** For unit tests: no lease, nothing inventoried. */
  public Applier(AwsClients aws) {
    this(aws, Fence.NONE, InventoryStore.UNCHECKED, Set.of());
  }

  /** {@code inventoried}: the kinds whose creations and adoptions get an inventory entry. */
  public Applier(AwsClients aws, Fence fence, InventoryStore inventory, Set<String> inventoried) {
    this.aws = aws;
    this.fence = fence;
    this.inventory = inventory;
    this.inventoried = Set.copyOf(inventoried);
  }

  public ApplyResult apply(Plan plan, Consumer<Outcome> progress) {
    Ids ids = new Ids(plan.knownIds());
    String unresolved = resolvePending(plan);
    Set<Key> failed = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>();
    String lost = unresolved;
    for (Action action : plan.executable()) {
      if (lost == null) lost = leaseLost();
      Outcome outcome =
          lost != null
              ? Outcome.skipped(action, lost)
              : run(
                  action,
                  ids,
                  failed,
                  outcomes.stream().anyMatch(o -> o.status() != Outcome.Status.DONE),
                  plan.creating());
      if (outcome.status() != Outcome.Status.DONE) failed.add(action.key());
      outcomes.add(outcome);
      progress.accept(outcome);
    }
    return new ApplyResult(outcomes);
  }

  /** Why this process may not write any more, or null while it may. */
  private String leaseLost() {
    try {
      fence.check();
      return null;
    } catch (Fence.LeaseLost e) {
      return "not written: " + e.getMessage();
    }
  }

  private Outcome run(
      Action action, Ids ids, Set<Key> failed, boolean anythingFailed, Set<Key> creating) {
    if (action.verb() == Verb.DELETE && anythingFailed) {
      return Outcome.skipped(action, "deletes wait until every other change succeeded");
    }
    for (Key needed : action.step().needs()) {
      if (failed.contains(needed) || ids.find(needed).isEmpty()) {
        return Outcome.skipped(
            action,
            "needs "
                + needed
                + ", which "
                + (failed.contains(needed) ? "failed" : "does not exist"));
      }
    }
    try {
      markPending(action, creating);
    } catch (RuntimeException e) {
      return Outcome.failed(
          action, "not written: the inventory could not mark it: " + AwsErrors.describe(e));
    }
    String done;
    try {
      done = action.step().run(aws, ids);
    } catch (SdkException | EcsgateException e) {
      return Outcome.failed(action, e);
    }
    try {
      keepInventory(action, ids);
      keepMemo(action, ids);
    } catch (RuntimeException e) {
      return Outcome.failed(
          action, done + ", but the inventory was not updated: " + AwsErrors.describe(e));
    }
    return Outcome.done(action, done);
  }

  /**
   * A pending entry left by a process that died between its create and the entry (see {@link
   * Inventory#PENDING}) is replaced by the real ID, which this plan found for its key; null when
   * done, else why nothing may be written (the inventory could not be written).
   */
  private String resolvePending(Plan plan) {
    Inventory current = inventory.current();
    if (!current.checked()) return null;
    try {
      for (Inventory.Entry entry : current.entries()) {
        if (!entry.id().equals(Inventory.PENDING)) continue;
        Key key = Key.of(entry.kind(), entry.name());
        String id = plan.knownIds().get(key);
        if (id == null || plan.creating().contains(key)) continue;
        fence.check();
        inventory.record(new Inventory.Entry(entry.kind(), entry.name(), id));
        inventory.forget(entry);
      }
      return null;
    } catch (RuntimeException e) {
      return "not written: the inventory could not be updated: " + AwsErrors.describe(e);
    }
  }

  /** Before a create of an inventoried kind: its pending entry (see {@link Inventory#PENDING}). */
  private void markPending(Action action, Set<Key> creating) {
    if (action.verb() != Verb.CREATE
        || !inventoried.contains(action.kind())
        || !creating.contains(action.key())) return;
    Inventory current = inventory.current();
    Inventory.Entry pending = Inventory.pending(action.kind(), action.name());
    if (!current.checked() || current.entries().contains(pending)) return;
    fence.check();
    inventory.record(pending);
  }

  /**
   * The memo the step keeps ({@link Step#memo}), written only when it differs from the one the
   * table holds: a step that changes nothing in it writes nothing.
   */
  private void keepMemo(Action action, Ids ids) {
    Optional<Inventory.Memo> memo = action.step().memo(ids);
    if (memo.isEmpty()) return;
    Inventory current = inventory.current();
    if (current.memo(memo.get().topic(), memo.get().id()).equals(Optional.of(memo.get().value())))
      return;
    fence.check();
    inventory.remember(memo.get());
  }

  /** The inventory's entries after {@code action} succeeded (see the class comment). */
  private void keepInventory(Action action, Ids ids) {
    if (!inventoried.contains(action.kind())) return;
    Inventory current = inventory.current();
    if (!current.checked()) return;
    List<String> created = ids.createdFor(action.key());
    List<String> removed = ids.removedFor(action.key());
    if (!created.isEmpty() || !removed.isEmpty()) {
      // a declaration of several resources: exactly those the step made and removed
      for (String id : created) {
        Inventory.Entry entry = new Inventory.Entry(action.kind(), action.name(), id);
        if (current.entries().contains(entry)) continue;
        fence.check();
        inventory.record(entry);
      }
      for (String id : removed) {
        Inventory.Entry entry = new Inventory.Entry(action.kind(), action.name(), id);
        if (!current.entries().contains(entry)) continue;
        fence.check();
        inventory.forget(entry);
      }
      return;
    }
    Optional<String> kept = ids.find(action.key());
    Inventory.Entry pending = Inventory.pending(action.kind(), action.name());
    switch (action.verb()) {
      case CREATE, ADOPT -> {
        // a part planned under its owner's kind (an API's resources and methods) has no ID
        if (kept.isEmpty()) return;
        Inventory.Entry entry = new Inventory.Entry(action.kind(), action.name(), kept.get());
        if (!current.entries().contains(entry)) {
          fence.check();
          inventory.record(entry);
        }
        if (current.entries().contains(pending)) {
          fence.check();
          inventory.forget(pending);
        }
      }
      case DELETE -> {
        for (Inventory.Entry entry : current.entriesOf(action.kind(), action.name())) {
          if (kept.filter(entry.id()::equals).isPresent()) continue;
          fence.check();
          inventory.forget(entry);
          for (Inventory.Memo memo : current.memosOf(entry.id())) {
            fence.check();
            inventory.forget(memo);
          }
        }
      }
      default -> {}
    }
  }
}
