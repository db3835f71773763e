package io.ecsgate.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What ecsgate created or adopted, as its state table records it: one {@link Entry} (kind, name,
 * ARN or ID) per resource. A resource is ecsgate's only when its ownership tags and an entry agree
 * ({@link Ownership}): tags alone, which anyone allowed to tag can write, never make a resource
 * ecsgate's. Read once per observation; written by the {@link Applier} right after a create or an
 * adoption succeeds, and an entry removed right after its resource's deletion succeeds.
 *
 * <p>{@link #UNCHECKED} is the inventory of code that only reads (an observation deciding what to
 * read next) and of unit tests of other decisions: it trusts the tags. Every plan the engine makes
 * for a command checks a real one ({@link #read} or {@link #NO_TABLE}).
 */
public record Inventory(Set<Entry> entries, Source source, Map<String, Memo> memos) {

  /** One resource ecsgate created or adopted. */
  public record Entry(String kind, String name, String id) {
    public Entry {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(name);
      Objects.requireNonNull(id);
    }

    @Override
    public String toString() {
      return kind + "/" + name + " (" + id + ")";
    }
  }

  /**
   * A resource whose tags say it is ecsgate's but which the inventory does not hold: reported,
   * never changed or deleted.
   */
  public record Untracked(String kind, String name, String id) implements Comparable<Untracked> {
    @Override
    public int compareTo(Untracked other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return kind + "/" + name + " (" + id + ")";
    }
  }

  /**
   * A small value a kind keeps in the state table about one of its resources between cycles (the
   * ALB-IP miss counters of an NLB target group), under a {@code topic} of the kind's and the
   * resource's ARN or ID. Read with the entries; written by the {@link Applier} only, after the
   * step that decided it succeeded ({@link Step#memo}), and forgotten with the resource's entry.
   * The kind that reads a memo validates it: the table is not trusted more than a tag would be.
   */
  public record Memo(String topic, String id, String value) {
    public Memo {
      Objects.requireNonNull(topic);
      Objects.requireNonNull(id);
      Objects.requireNonNull(value);
    }

    /** The memo's key among the inventory's: {@code <topic>/<id>}. */
    public String item() {
      return item(topic, id);
    }

    static String item(String topic, String id) {
      return topic + "/" + id;
    }
  }

  /** Where the entries come from. */
  public enum Source {
    /** Tags are trusted: only for reads and for unit tests of decisions other than ownership. */
    UNCHECKED,
    /** The state table does not exist yet: nothing is in the inventory. */
    NO_TABLE,
    /** Read from the state table. */
    TABLE
  }

  public static final Inventory UNCHECKED = new Inventory(Set.of(), Source.UNCHECKED);
  public static final Inventory NO_TABLE = new Inventory(Set.of(), Source.NO_TABLE);

  public Inventory {
    entries = Set.copyOf(entries);
    memos = Map.copyOf(memos);
  }

  public Inventory(Set<Entry> entries, Source source) {
    this(entries, source, Map.of());
  }

  /** The inventory as read from the state table. */
  public static Inventory read(Iterable<Entry> entries) {
    return read(entries, List.of());
  }

  /** The inventory as read from the state table, with the kinds' memos. */
  public static Inventory read(Iterable<Entry> entries, Iterable<Memo> memos) {
    Set<Entry> all = new HashSet<>();
    entries.forEach(all::add);
    Map<String, Memo> byItem = new HashMap<>();
    memos.forEach(m -> byItem.put(m.item(), m));
    return new Inventory(all, Source.TABLE, byItem);
  }

  /** The value of the memo {@code topic} about resource {@code id}, if the table holds one. */
  public Optional<String> memo(String topic, String id) {
    return Optional.ofNullable(memos.get(Memo.item(topic, id))).map(Memo::value);
  }

  /** The memos about resource {@code id} (forgotten with its entry). */
  public List<Memo> memosOf(String id) {
    return memos.values().stream()
        .filter(m -> m.id().equals(id))
        .sorted(java.util.Comparator.comparing(Memo::item))
        .toList();
  }

  /** The same inventory with {@code memo} kept (what an apply just wrote). */
  public Inventory withMemo(Memo memo) {
    Map<String, Memo> all = new HashMap<>(memos);
    all.put(memo.item(), memo);
    return new Inventory(entries, source == Source.NO_TABLE ? Source.TABLE : source, all);
  }

  /** The same inventory without {@code memo}. */
  public Inventory withoutMemo(Memo memo) {
    Map<String, Memo> all = new HashMap<>(memos);
    all.remove(memo.item());
    return new Inventory(entries, source, all);
  }

  /** The same inventory without {@code entry} (its resource was deleted). */
  public Inventory without(Entry entry) {
    Set<Entry> left = new HashSet<>(entries);
    left.remove(entry);
    return new Inventory(left, source, memos);
  }

  public static Inventory of(Entry... entries) {
    return read(List.of(entries));
  }

  public boolean checked() {
    return source != Source.UNCHECKED;
  }

  /**
   * The ID of an entry written right before ecsgate creates {@code kind/name}, replaced by the real
   * one right after the create succeeds. Left only when the process died in between: then the one
   * resource tagged {@code kind/name} is ecsgate's (what it created just before dying), so that a
   * restart converges instead of finding its own resource foreign.
   */
  public static final String PENDING = "(pending)";

  public static Entry pending(String kind, String name) {
    return new Entry(kind, name, PENDING);
  }

  /** Does the inventory say that {@code id} is ecsgate's {@code kind/name}? */
  public boolean holds(String kind, String name, String id) {
    return !checked()
        || entries.contains(new Entry(kind, name, id))
        || entries.contains(pending(kind, name));
  }

  /** The same inventory with {@code entry} added (what an apply just recorded). */
  public Inventory with(Entry entry) {
    Set<Entry> all = new HashSet<>(entries);
    all.add(entry);
    return new Inventory(all, source == Source.NO_TABLE ? Source.TABLE : source, memos);
  }

  /** The entries of {@code kind/name} (several while a replacement's old copy still exists). */
  public List<Entry> entriesOf(String kind, String name) {
    return entries.stream()
        .filter(e -> e.kind().equals(kind) && e.name().equals(name))
        .sorted(java.util.Comparator.comparing(Entry::id))
        .toList();
  }
}
