package io.ecsgate.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls by service and operation (one per logical call, retries not included). Reads
 * are the Describe/List/Get operations (and DynamoDB's Query and Scan); everything else is a write.
 */
public final class ApiCalls implements ExecutionInterceptor {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final java.util.List<String> writeOrder =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts.computeIfAbsent(service + ":" + operation, k -> new AtomicLong()).incrementAndGet();
    if (!isRead(operation)) writeOrder.add(operation);
  }

  /** The write operations in the order they were called. */
  public java.util.List<String> writeOrder() {
    synchronized (writeOrder) {
      return java.util.List.copyOf(writeOrder);
    }
  }

  public static boolean isRead(String operation) {
    return operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get")
        || operation.equals("Query")
        || operation.equals("Scan");
  }

  /** Calls so far, as {@code Service:Operation -> count}, sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, value) -> copy.put(key, value.get()));
    return copy;
  }

  public long count(String operation) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().endsWith(":" + operation))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  public long reads() {
    return snapshot().entrySet().stream()
        .filter(e -> isRead(operationOf(e.getKey())))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public long writes() {
    return snapshot().entrySet().stream()
        .filter(e -> !isRead(operationOf(e.getKey())))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public Map<String, Long> writeCalls() {
    Map<String, Long> writes = new TreeMap<>();
    snapshot()
        .forEach(
            (key, value) -> {
              if (!isRead(operationOf(key))) writes.put(key, value);
            });
    return writes;
  }

  public void reset() {
    counts.clear();
    writeOrder.clear();
  }

  private static String operationOf(String key) {
    return key.substring(key.indexOf(':') + 1);
  }
}
