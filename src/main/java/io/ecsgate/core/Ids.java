package io.ecsgate.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ARNs and IDs known during one apply: those the plan found, plus those created as it runs. */
public final class Ids {
  private final Map<Key, String> ids;

  public Ids(Map<Key, String> known) {
    this.ids = new HashMap<>(known);
  }

  public void put(Key key, String id) {
    ids.put(key, id);
  }

  public Optional<String> find(Key key) {
    return Optional.ofNullable(ids.get(key));
  }

  public String get(Key key) {
    String id = ids.get(key);
    if (id == null) throw new EcsgateException(key + " does not exist (yet)");
    return id;
  }
}
