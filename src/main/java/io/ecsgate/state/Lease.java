package io.ecsgate.state;

import io.ecsgate.controller.Sleeper;
import io.ecsgate.core.Fence;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The lease on one stack, the item {@code lease} of the state table: its holder (an owner id naming
 * the command, host and process), since when, until when (the holder's clock plus the lease
 * duration) and a fencing token that grows with every acquisition. It is taken and renewed by
 * conditional writes only, so at most one process holds it; another may take it over only once it
 * has expired. The holder stops writing a fifth of the duration before the expiry it wrote ({@link
 * #held}), which covers clocks that differ by up to that much. Time comes from the injected clock.
 */
public final class Lease implements Fence {
  static final String ITEM = "lease";
  private static final String OWNER = "owner";
  private static final String SINCE = "since";
  private static final String EXPIRES = "expires";
  private static final String TOKEN = "token";

  /** Who holds the lease. */
  public record Holder(String owner, Instant since, Instant expires, long token) {
    /** "apply@host:123/ab12 since 2026-01-01T10:00:00Z (lease until ...)". */
    public String describe() {
      return owner + " since " + since + " (its lease runs until " + expires + ")";
    }
  }

  private final StateTable table;
  private final String owner;
  private final Duration duration;
  private final Clock clock;
  private volatile long token = -1;
  private volatile Instant validUntil = Instant.MIN;

  public Lease(StateTable table, String owner, Duration duration, Clock clock) {
    if (duration.compareTo(Duration.ofSeconds(1)) < 0)
      throw new IllegalArgumentException(
          "--lease-duration must be at least 1s, got " + duration.toMillis() + "ms");
    this.table = table;
    this.owner = owner;
    this.duration = duration;
    this.clock = clock;
  }

  /** {@code <command>@<host>:<pid>/<random>}: unique per process, readable by people. */
  public static String ownerId(String command) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return command
        + "@"
        + host
        + ":"
        + ProcessHandle.current().pid()
        + "/"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  public String owner() {
    return owner;
  }

  public Duration duration() {
    return duration;
  }

  public String tableName() {
    return table.name();
  }

  /** The fencing token of the lease this process holds, or -1. */
  public long token() {
    return token;
  }

  /**
   * One conditional write that takes the lease when it is free, expired or already ours; empty when
   * it did, otherwise who holds it.
   */
  public Optional<Holder> tryAcquire() {
    Instant sent = clock.instant();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":me", AttributeValue.fromS(owner));
    values.put(":now", millis(sent));
    values.put(":expires", millis(sent.plus(duration)));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    try {
      Map<String, AttributeValue> item =
          table
              .dynamo()
              .updateItem(
                  r ->
                      r.tableName(table.name())
                          .key(table.key(ITEM))
                          .updateExpression(
                              "SET #owner = :me, #since = :now, #expires = :expires,"
                                  + " #token = if_not_exists(#token, :zero) + :one")
                          .conditionExpression(
                              "attribute_not_exists(#owner) OR #expires < :now OR #owner = :me")
                          .expressionAttributeNames(names())
                          .expressionAttributeValues(values)
                          .returnValues(ReturnValue.ALL_NEW)
                          .returnValuesOnConditionCheckFailure(
                              ReturnValuesOnConditionCheckFailure.ALL_OLD))
              .attributes();
      token = Long.parseLong(item.get(TOKEN).n());
      validUntil = sent.plus(duration).minus(margin());
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      token = -1;
      if (e.hasItem() && e.item().containsKey(OWNER)) return Optional.of(holder(e.item()));
      return Optional.of(holder().orElse(new Holder("(unknown)", sent, sent, 0)));
    }
  }

  /**
   * Tries until the lease is taken or {@code timeout} has passed, every second; empty when taken,
   * otherwise the last holder seen.
   */
  public Optional<Holder> acquire(Duration timeout, Sleeper sleeper) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Optional<Holder> holder = tryAcquire();
      if (holder.isEmpty() || !clock.instant().isBefore(deadline)) return holder;
      Duration left = Duration.between(clock.instant(), deadline);
      sleeper.sleep(left.compareTo(Duration.ofSeconds(1)) < 0 ? left : Duration.ofSeconds(1));
    }
  }

  /**
   * Extends the lease this process holds, by a write conditional on its owner and fencing token;
   * false (and the lease is gone) when another process has taken it over. An error reaching
   * DynamoDB is thrown and changes nothing: the lease holds until its own expiry.
   */
  public boolean renew() {
    if (token < 0) return false;
    Instant sent = clock.instant();
    try {
      updateAsHolder(token, "SET #expires = :expires", ":expires", millis(sent.plus(duration)));
      validUntil = sent.plus(duration).minus(margin());
      return true;
    } catch (ConditionalCheckFailedException e) {
      token = -1;
      return false;
    }
  }

  /**
   * Gives the lease up (a write conditional on still holding it), so that the next process need not
   * wait for it to expire; nothing happens when it was lost already.
   */
  public void release() {
    long held = token;
    token = -1;
    if (held < 0) return;
    try {
      updateAsHolder(
          held, "REMOVE #owner SET #expires = :zero", ":zero", AttributeValue.fromN("0"));
    } catch (ConditionalCheckFailedException e) {
      // taken over already: nothing to give up
    }
  }

  /**
   * Updates the lease item with {@code update} (whose one value is {@code name}), conditional on
   * this process holding it under the fencing token {@code held}; throws
   * ConditionalCheckFailedException when another process has taken it over.
   */
  private void updateAsHolder(long held, String update, String name, AttributeValue value) {
    table
        .dynamo()
        .updateItem(
            r ->
                r.tableName(table.name())
                    .key(table.key(ITEM))
                    .updateExpression(update)
                    .conditionExpression("#owner = :me AND #token = :token")
                    .expressionAttributeNames(
                        Map.of("#owner", OWNER, "#expires", EXPIRES, "#token", TOKEN))
                    .expressionAttributeValues(
                        Map.of(
                            ":me",
                            AttributeValue.fromS(owner),
                            ":token",
                            AttributeValue.fromN(String.valueOf(held)),
                            name,
                            value)));
  }

  /**
   * Whether this process holds the lease now, by its own clock: until a fifth of the duration
   * before the expiry it last wrote. A process paused past that point holds nothing when it wakes.
   */
  public boolean held() {
    return token >= 0 && clock.instant().isBefore(validUntil);
  }

  @Override
  public void check() {
    if (!held())
      throw new LeaseLost(
          "this process ("
              + owner
              + ") no longer holds the lease in the state table '"
              + table.name()
              + "'");
  }

  /** Who holds the lease now, by a consistent read; empty when nobody does. */
  public Optional<Holder> holder() {
    Map<String, AttributeValue> item =
        table
            .dynamo()
            .getItem(r -> r.tableName(table.name()).key(table.key(ITEM)).consistentRead(true))
            .item();
    if (item == null || !item.containsKey(OWNER)) return Optional.empty();
    Holder holder = holder(item);
    return holder.expires().isBefore(clock.instant()) ? Optional.empty() : Optional.of(holder);
  }

  private Duration margin() {
    return duration.dividedBy(5);
  }

  private static Holder holder(Map<String, AttributeValue> item) {
    return new Holder(
        item.get(OWNER).s(),
        instant(item.get(SINCE)),
        instant(item.get(EXPIRES)),
        item.containsKey(TOKEN) ? Long.parseLong(item.get(TOKEN).n()) : 0);
  }

  private static Instant instant(AttributeValue value) {
    return value == null || value.n() == null
        ? Instant.EPOCH
        : Instant.ofEpochMilli(Long.parseLong(value.n()));
  }

  private static AttributeValue millis(Instant instant) {
    return AttributeValue.fromN(String.valueOf(instant.toEpochMilli()));
  }

  private static Map<String, String> names() {
    return Map.of("#owner", OWNER, "#since", SINCE, "#expires", EXPIRES, "#token", TOKEN);
  }
}
