package io.ecsgate.state;

import io.ecsgate.core.EcsgateException;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.InventoryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The inventory in the state table: one item per resource ecsgate created or adopted, keyed {@code
 * inventory/<Kind>/<ARN or ID>} in the stack's partition, with the attributes {@code kind}, {@code
 * name} and {@code id}; and one item per {@link Inventory.Memo} a kind keeps about a resource,
 * keyed {@code memo/<topic>/<ARN or ID>}, with {@code topic}, {@code id} and {@code value}. Read
 * with one Query of the stack's partition (paginated; its {@code lease} item is skipped); a missing
 * table is an empty inventory ({@link Inventory#NO_TABLE}). An entry or a memo is written with one
 * PutItem and removed with one DeleteItem; the first write creates the table when it is missing.
 */
public final class InventoryTable implements InventoryStore {
  static final String PREFIX = "inventory/";
  static final String MEMO_PREFIX = "memo/";
  private static final String TOPIC = "topic";
  private static final String VALUE = "value";
  private static final String KIND = "kind";
  private static final String NAME = "name";
  private static final String ID = "id";

  private final StateTable table;
  private volatile Inventory current = Inventory.NO_TABLE;

  public InventoryTable(StateTable table) {
    this.table = table;
  }

  @Override
  public Inventory read() {
    List<Inventory.Entry> entries = new ArrayList<>();
    List<Inventory.Memo> memos = new ArrayList<>();
    QueryRequest query =
        QueryRequest.builder()
            .tableName(table.name())
            .keyConditionExpression("#s = :s")
            .expressionAttributeNames(Map.of("#s", StateTable.STACK))
            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(table.stack())))
            .consistentRead(true)
            .build();
    try {
      table
          .dynamo()
          .queryPaginator(query)
          .items()
          .forEach(
              item -> {
                String key = string(item, StateTable.ITEM);
                if (key == null) return;
                if (key.startsWith(PREFIX)) entries.add(entry(item));
                else if (key.startsWith(MEMO_PREFIX)) memos.add(memo(item));
              });
    } catch (ResourceNotFoundException e) {
      current = Inventory.NO_TABLE;
      return current;
    }
    current = Inventory.read(entries, memos);
    return current;
  }

  @Override
  public Inventory current() {
    return current;
  }

  @Override
  public synchronized void record(Inventory.Entry entry) {
    Map<String, AttributeValue> item = new HashMap<>(table.key(itemOf(entry)));
    item.put(KIND, AttributeValue.fromS(entry.kind()));
    item.put(NAME, AttributeValue.fromS(entry.name()));
    item.put(ID, AttributeValue.fromS(entry.id()));
    put(item);
    current = current.with(entry);
  }

  @Override
  public synchronized void forget(Inventory.Entry entry) {
    table.dynamo().deleteItem(r -> r.tableName(table.name()).key(table.key(itemOf(entry))));
    current = current.without(entry);
  }

  @Override
  public synchronized void remember(Inventory.Memo memo) {
    Map<String, AttributeValue> item = new HashMap<>(table.key(itemOf(memo)));
    item.put(TOPIC, AttributeValue.fromS(memo.topic()));
    item.put(ID, AttributeValue.fromS(memo.id()));
    item.put(VALUE, AttributeValue.fromS(memo.value()));
    put(item);
    current = current.withMemo(memo);
  }

  /** Writes {@code item}, creating the table first when it is missing (the first write of all). */
  private void put(Map<String, AttributeValue> item) {
    try {
      table.dynamo().putItem(r -> r.tableName(table.name()).item(item));
    } catch (ResourceNotFoundException e) {
      table.ensure();
      table.dynamo().putItem(r -> r.tableName(table.name()).item(item));
    }
  }

  @Override
  public synchronized void forget(Inventory.Memo memo) {
    table.dynamo().deleteItem(r -> r.tableName(table.name()).key(table.key(itemOf(memo))));
    current = current.withoutMemo(memo);
  }

  /** {@code memo/<topic>/<id>}. */
  static String itemOf(Inventory.Memo memo) {
    return MEMO_PREFIX + memo.item();
  }

  /**
   * One memo read back, checked like an entry: its key must be the one its attributes give. What
   * its value says is the kind's to validate.
   */
  private Inventory.Memo memo(Map<String, AttributeValue> item) {
    String key = string(item, StateTable.ITEM);
    String topic = string(item, TOPIC);
    String id = string(item, ID);
    String value = string(item, VALUE);
    if (topic == null || id == null || value == null || topic.isBlank() || id.isBlank())
      throw new EcsgateException(invalid(key, "it lacks topic, id or value"));
    Inventory.Memo memo = new Inventory.Memo(topic, id, value);
    if (!itemOf(memo).equals(key))
      throw new EcsgateException(invalid(key, "its key is not memo/<topic>/<id> of its fields"));
    return memo;
  }

  /**
   * {@code inventory/<Kind>/<id>}, or {@code inventory/<Kind>/(pending)/<name>} before a create.
   */
  static String itemOf(Inventory.Entry entry) {
    return entry.id().equals(Inventory.PENDING)
        ? PREFIX + entry.kind() + "/" + Inventory.PENDING + "/" + entry.name()
        : PREFIX + entry.kind() + "/" + entry.id();
  }

  /** One item read back, checked: its key must be the one its attributes give. */
  private Inventory.Entry entry(Map<String, AttributeValue> item) {
    String key = string(item, StateTable.ITEM);
    String kind = string(item, KIND);
    String name = string(item, NAME);
    String id = string(item, ID);
    if (kind == null || name == null || id == null || kind.isBlank() || name.isBlank())
      throw new EcsgateException(invalid(key, "it lacks kind, name or id"));
    Inventory.Entry entry = new Inventory.Entry(kind, name, id);
    if (!itemOf(entry).equals(key))
      throw new EcsgateException(
          invalid(key, "its key is not inventory/<kind>/<id> of its fields"));
    return entry;
  }

  private String invalid(String key, String why) {
    return "the state table "
        + table.name()
        + " holds an invalid item '"
        + key
        + "' for the stack '"
        + table.stack()
        + "': "
        + why
        + "; nothing was changed (remove the item, or restore it)";
  }

  private static String string(Map<String, AttributeValue> item, String attribute) {
    AttributeValue value = item.get(attribute);
    return value == null ? null : value.s();
  }
}
