package io.ecsgate.controller;

import java.util.List;

/**
 * One resource as /status shows it: {@code state} is Synced, Drifted, Error, Suspended or Waiting;
 * {@code lastChange} is when ecsgate last changed it (ISO-8601, null if never) and which fields;
 * {@code lastError} the last failure or the reason it waits (null when none).
 */
public record ResourceStatus(
    String kind,
    String name,
    State state,
    String lastChange,
    List<String> lastChangeFields,
    String lastError,
    int failures) {

  public enum State {
    Synced,
    Drifted,
    Error,
    Suspended,
    /** Declared, not ready yet: it waits for another resource (a VPC link pending, a drain). */
    Waiting
  }

  public ResourceStatus {
    lastChangeFields = lastChangeFields == null ? List.of() : List.copyOf(lastChangeFields);
  }

  ResourceStatus with(State state, String lastError) {
    return new ResourceStatus(kind, name, state, lastChange, lastChangeFields, lastError, failures);
  }
}
