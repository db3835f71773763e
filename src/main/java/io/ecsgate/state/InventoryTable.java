package io.ecsgate.state;

import io.ecsgate.core.EcsgateException;
import io.ecsgate.core.Inventory;
import io.ecsgate.core.InventoryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The inventory in the state table: one item per resource ecsgate created or adopted, keyed {@code
 * inventory/<Kind>/<ARN or ID>} in the stack's partition, with the attributes {@code kind}, {@code
 * name} and {@code id}. Read with one Query of the partition's {@code inventory/} items
 * (paginated); a missing table is an empty inventory ({@link Inventory#NO_TABLE}). An entry is
 * written with one PutItem and removed with one DeleteItem; the first write creates the table when
 * it is missing.
 */
public final class InventoryTable implements InventoryStore {
  static final String PREFIX = "inventory/";
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
    QueryRequest query =
        QueryRequest.builder()
            .tableName(table.name())
            .keyConditionExpression("#s = :s AND begins_with(#i, :p)")
            .expressionAttributeNames(Map.of("#s", StateTable.STACK, "#i", StateTable.ITEM))
            .expressionAttributeValues(
                Map.of(
                    ":s", AttributeValue.fromS(table.stack()),
                    ":p", AttributeValue.fromS(PREFIX)))
            .consistentRead(true)
            .build();
    try {
      table.dynamo().queryPaginator(query).items().forEach(item -> entries.add(entry(item)));
    } catch (ResourceNotFoundException e) {
      current = Inventory.NO_TABLE;
      return current;
    }
    current = Inventory.read(entries);
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
    try {
      table.dynamo().putItem(r -> r.tableName(table.name()).item(item));
    } catch (ResourceNotFoundException e) {
      table.ensure();
      table.dynamo().putItem(r -> r.tableName(table.name()).item(item));
    }
    current = current.with(entry);
  }

  @Override
  public synchronized void forget(Inventory.Entry entry) {
    table.dynamo().deleteItem(r -> r.tableName(table.name()).key(table.key(itemOf(entry))));
    Set<Inventory.Entry> left = new HashSet<>(current.entries());
    left.remove(entry);
    current = new Inventory(left, current.source());
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
        + " holds an invalid inventory item '"
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
