package io.ecsgate.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The daemon's HTTP endpoints: {@code /metrics} (Prometheus text format), {@code /healthz} (the
 * process is alive), {@code /readyz} (a desired state is loaded and the last cycle could read AWS),
 * {@code /status} (JSON: every resource and the last cycle).
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HttpServer server;

  public HttpEndpoints(int port, Metrics metrics, BooleanSupplier ready, Supplier<Object> status)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "http");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext(
        "/metrics",
        exchange ->
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.createContext("/healthz", exchange -> send(exchange, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          boolean isReady = ready.getAsBoolean();
          send(
              exchange,
              isReady ? 200 : 503,
              "text/plain",
              isReady
                  ? "ready\n"
                  : "not ready: no desired state loaded, or AWS could not be read in the last cycle\n");
        });
    server.createContext(
        "/status",
        exchange ->
            send(exchange, 200, "application/json", JSON.writeValueAsString(status.get()) + "\n"));
    server.createContext(
        "/",
        exchange ->
            send(exchange, 404, "text/plain", "endpoints: /metrics /healthz /readyz /status\n"));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
