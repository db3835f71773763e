package io.ecsgate.state;

import io.ecsgate.core.EcsgateException;
import io.ecsgate.core.Ownership;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * ecsgate's state table in DynamoDB (as Terraform's S3 backend keeps its lock in a DynamoDB table):
 * one item per stack and purpose, keyed by {@code stack} (the controller id, so several stacks can
 * share a table) and {@code item} ({@code lease}, {@code inventory/<Kind>/<id>}). Created on first
 * use when missing, with on-demand capacity and ecsgate's ownership tags.
 */
public final class StateTable {
  public static final String DEFAULT_NAME = "ecsgate-state";
  static final String STACK = "stack";
  static final String ITEM = "item";
  public static final String KIND = "StateTable";

  private final DynamoDbClient dynamo;
  private final String name;
  private final Ownership ownership;

  public StateTable(DynamoDbClient dynamo, String name, Ownership ownership) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{3,255}"))
      throw new IllegalArgumentException(
          "--state-table must be 3 to 255 letters, digits, '_', '-' or '.', got '" + name + "'");
    this.dynamo = dynamo;
    this.name = name;
    this.ownership = ownership;
  }

  public String name() {
    return name;
  }

  /** The partition of this stack: the controller id. */
  String stack() {
    return ownership.controllerId();
  }

  DynamoDbClient dynamo() {
    return dynamo;
  }

  Map<String, AttributeValue> key(String item) {
    return Map.of(
        STACK, AttributeValue.fromS(stack()),
        ITEM, AttributeValue.fromS(item));
  }

  /** Whether the table exists (one DescribeTable); one of another key schema is refused. */
  public boolean exists() {
    TableDescription table;
    try {
      table = dynamo.describeTable(r -> r.tableName(name)).table();
    } catch (ResourceNotFoundException e) {
      return false;
    }
    List<String> keys = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    if (!keys.equals(List.of(STACK, ITEM)))
      throw new EcsgateException(
          "the DynamoDB table '"
              + name
              + "' exists but is not an ecsgate state table (its key is "
              + keys
              + ", not [stack, item]); name another with --state-table");
    return true;
  }

  /**
   * Creates the table when it is missing (on-demand capacity, tagged {@code
   * ecsgate:managed-by=<controller id>}) and waits until it is active; true when this call created
   * it. Two processes creating it at once is fine: the second finds it in use and waits too.
   */
  public boolean ensure() {
    if (exists()) return false;
    boolean created = true;
    try {
      dynamo.createTable(
          r ->
              r.tableName(name)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName(STACK)
                          .attributeType(ScalarAttributeType.S)
                          .build(),
                      AttributeDefinition.builder()
                          .attributeName(ITEM)
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder().attributeName(STACK).keyType(KeyType.HASH).build(),
                      KeySchemaElement.builder().attributeName(ITEM).keyType(KeyType.RANGE).build())
                  .tags(
                      Tag.builder()
                          .key(Ownership.MANAGED_BY)
                          .value(ownership.controllerId())
                          .build(),
                      Tag.builder().key(Ownership.RESOURCE).value(KIND + "/" + name).build()));
    } catch (ResourceInUseException e) {
      created = false; // created by another process just now
    }
    dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
    return created;
  }

  /** How a plan shows the table it will create. */
  public String creationLine() {
    return "  + "
        + KIND
        + " "
        + name
        + " (create): the DynamoDB state table (the lease of the one writer and the inventory of what"
        + " ecsgate created or adopted, empty until then), on-demand capacity, tagged "
        + Ownership.MANAGED_BY
        + "="
        + ownership.controllerId();
  }
}
