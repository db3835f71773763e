package io.ecsgate.controller;

import io.ecsgate.core.Action;
import io.ecsgate.core.Change;
import io.ecsgate.core.Key;
import io.ecsgate.core.Outcome;
import io.ecsgate.core.Verb;
import io.ecsgate.yaml.Metadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of every resource and of the loop, as /status shows it. Thread-safe: the HTTP server
 * reads it.
 */
public final class StatusBoard {
  private final Map<Key, ResourceStatus> resources = new LinkedHashMap<>();
  private String revision;
  private String loadedAt;
  private DaemonStatus.LoadError loadError;
  private DaemonStatus.Cycle lastCycle;
  private boolean observedOk;
  private final boolean dryRun;
  private boolean leader = true;
  private String leaseHolder;

  StatusBoard(boolean dryRun) {
    this.dryRun = dryRun;
  }

  synchronized void loaded(String revision, Instant at) {
    this.revision = revision;
    this.loadedAt = at.toString();
    this.loadError = null;
  }

  synchronized void loadFailed(List<String> problems, Instant at) {
    this.loadError = new DaemonStatus.LoadError(at.toString(), problems);
  }

  /**
   * A fresh plan: every declared resource is Synced, Drifted (an action is planned), Error
   * (blocked) or Suspended.
   */
  synchronized void planned(Map<Key, Metadata> declared, List<Action> actions) {
    Map<Key, Action> byKey = new LinkedHashMap<>();
    for (Action action : actions) byKey.putIfAbsent(action.key(), action);
    Map<Key, ResourceStatus> next = new LinkedHashMap<>();
    declared.forEach((key, metadata) -> next.put(key, previous(key)));
    resources.forEach(
        (key, status) -> {
          if (!next.containsKey(key) && byKey.containsKey(key)) next.put(key, status);
        });
    byKey.keySet().forEach(key -> next.putIfAbsent(key, previous(key)));
    for (Map.Entry<Key, ResourceStatus> entry : next.entrySet()) {
      Key key = entry.getKey();
      ResourceStatus status = entry.getValue();
      Metadata metadata = declared.get(key);
      Action action = byKey.get(key);
      if (metadata != null && metadata.suspend())
        entry.setValue(status.with(ResourceStatus.State.Suspended, null));
      else if (action == null)
        entry.setValue(
            new ResourceStatus(
                key.kind(),
                key.name(),
                ResourceStatus.State.Synced,
                status.lastChange(),
                status.lastChangeFields(),
                null,
                0));
      else if (action.isBlocked())
        entry.setValue(status.with(ResourceStatus.State.Error, action.reason()));
      else if (status.state() != ResourceStatus.State.Error)
        entry.setValue(status.with(ResourceStatus.State.Drifted, null));
    }
    resources.clear();
    resources.putAll(next);
  }

  private ResourceStatus previous(Key key) {
    ResourceStatus status = resources.get(key);
    return status != null
        ? status
        : new ResourceStatus(
            key.kind(), key.name(), ResourceStatus.State.Synced, null, List.of(), null, 0);
  }

  synchronized void outcome(Outcome outcome, Instant at, int failures) {
    Action action = outcome.action();
    ResourceStatus status = previous(action.key());
    ResourceStatus next =
        switch (outcome.status()) {
          case DONE ->
              action.verb() == Verb.DELETE
                  ? null
                  : new ResourceStatus(
                      status.kind(),
                      status.name(),
                      ResourceStatus.State.Synced,
                      at.toString(),
                      action.changes().stream().map(Change::toString).toList(),
                      null,
                      0);
          case FAILED ->
              new ResourceStatus(
                  status.kind(),
                  status.name(),
                  ResourceStatus.State.Error,
                  status.lastChange(),
                  status.lastChangeFields(),
                  outcome.message()
                      + (outcome.terminal()
                          ? " (AWS refused it as invalid: not retried until the desired state changes)"
                          : ""),
                  failures);
          case SKIPPED ->
              status.with(
                  status.state() == ResourceStatus.State.Error
                      ? ResourceStatus.State.Error
                      : ResourceStatus.State.Drifted,
                  "skipped: " + outcome.message());
        };
    if (next == null) resources.remove(action.key());
    else resources.put(action.key(), next);
  }

  /** A change held back by backoff: the resource stays in Error with the reason it waits. */
  synchronized void held(Key key, String why) {
    ResourceStatus status = previous(key);
    String error =
        status.lastError() == null
            ? why
            : status.lastError().replaceAll(" \\[.*\\]$", "") + " [" + why + "]";
    resources.put(key, status.with(ResourceStatus.State.Error, error));
  }

  /**
   * Declared resources the plan waits on become Waiting, with why (unless in Error or Suspended).
   */
  synchronized void waiting(List<io.ecsgate.core.Wait> waits) {
    for (io.ecsgate.core.Wait wait : waits) {
      ResourceStatus status = resources.get(wait.subject());
      if (status == null
          || status.state() == ResourceStatus.State.Error
          || status.state() == ResourceStatus.State.Suspended) continue;
      resources.put(
          wait.subject(),
          status.with(ResourceStatus.State.Waiting, "waits for " + wait.on() + ": " + wait.why()));
    }
  }

  private List<io.ecsgate.core.Inventory.Untracked> untracked = List.of();

  /** The resources tagged as ecsgate's but not in the inventory, at the last observation. */
  synchronized void untracked(List<io.ecsgate.core.Inventory.Untracked> untracked) {
    this.untracked = List.copyOf(untracked);
  }

  /** The last cycles, newest first (at most {@link #RECENT}), for the status page. */
  public synchronized List<DaemonStatus.Cycle> recentCycles() {
    List<DaemonStatus.Cycle> newestFirst = new ArrayList<>(recent);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  static final int RECENT = 10;
  private final java.util.ArrayDeque<DaemonStatus.Cycle> recent = new java.util.ArrayDeque<>();

  /** Whether this replica wrote in the cycle starting now, and who does when it does not. */
  synchronized void leadership(boolean leader, String leaseHolder) {
    this.leader = leader;
    this.leaseHolder = leader ? null : leaseHolder;
  }

  synchronized void cycle(DaemonStatus.Cycle cycle) {
    recent.addLast(cycle);
    if (recent.size() > RECENT) recent.removeFirst();
    this.lastCycle = cycle;
    this.observedOk = cycle.observed();
  }

  /** Ready: a desired state is in force and the last cycle could read AWS. */
  public synchronized boolean ready() {
    return revision != null && observedOk;
  }

  public synchronized DaemonStatus snapshot() {
    List<ResourceStatus> list = new ArrayList<>(resources.values());
    list.sort(Comparator.comparing(ResourceStatus::kind).thenComparing(ResourceStatus::name));
    return new DaemonStatus(
        revision, loadedAt, loadError, lastCycle, dryRun, leader, leaseHolder, list, untracked);
  }
}
