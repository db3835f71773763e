package io.ecsgate.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ARNs and IDs known during one apply: those the plan found, plus those created as it runs. For
 * a kind whose one declaration is several AWS resources (the ingress rules of a {@code
 * SecurityGroupIngress}), a step also says which IDs it created ({@link #created}) and which it
 * removed ({@link #removed}) for its key: the inventory's entries follow exactly those.
 */
public final class Ids {
  private final Map<Key, String> ids;
  private final Map<Key, List<String>> created = new HashMap<>();
  private final Map<Key, List<String>> removed = new HashMap<>();

  public Ids(Map<Key, String> known) {
    this.ids = new HashMap<>(known);
  }

  public void put(Key key, String id) {
    ids.put(key, id);
  }

  /** Resource {@code id} was created (or adopted) as one of the resources of {@code key}. */
  public void created(Key key, String id) {
    created.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
  }

  /** Resource {@code id}, one of the resources of {@code key}, was deleted. */
  public void removed(Key key, String id) {
    removed.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
  }

  public List<String> createdFor(Key key) {
    return List.copyOf(created.getOrDefault(key, List.of()));
  }

  public List<String> removedFor(Key key) {
    return List.copyOf(removed.getOrDefault(key, List.of()));
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
