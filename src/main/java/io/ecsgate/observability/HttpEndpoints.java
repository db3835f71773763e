package io.ecsgate.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The daemon's HTTP endpoints: {@code /metrics} (Prometheus text format), {@code /healthz} (the
 * process is alive), {@code /readyz} (a desired state is loaded and the last cycle could read AWS),
 * {@code /status} (JSON: every resource and the last cycle).
 *
 * <p>Built to stay up under slow or hostile clients: paths match exactly (404 otherwise), each path
 * answers only its methods (GET and HEAD for the read endpoints; 405 with {@code Allow} otherwise),
 * requests run on a bounded pool of {@link #WORKERS} threads (a request that finds them all busy
 * has its connection closed, the server does not queue it), and the JDK server's own limits are set
 * before it is first used ({@link #LIMITS}): a request whose headers and body have not arrived
 * within {@code maxReqTime} seconds, or whose response has not been taken within {@code
 * maxRspTime}, is closed, as is an idle connection after {@code idleInterval}; at most {@code
 * maxConnections} are open at once. A value given with {@code -D} on the command line wins.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Worker threads: more than the 50 slow clients the endpoints must survive, and bounded. */
  public static final int WORKERS = 64;

  /**
   * The JDK HTTP server's limits ({@code sun.net.httpserver.*}, read once when the server class is
   * first loaded): seconds for the request (headers and body), the response and an idle connection;
   * connections open at once; header bytes.
   */
  public static final Map<String, String> LIMITS =
      Map.of(
          "sun.net.httpserver.maxReqTime", "5",
          "sun.net.httpserver.maxRspTime", "10",
          "sun.net.httpserver.idleInterval", "30",
          "sun.net.httpserver.maxConnections", "256",
          "sun.net.httpserver.maxReqHeaderSize", "32768");

  static {
    LIMITS.forEach(
        (name, value) -> {
          if (System.getProperty(name) == null) System.setProperty(name, value);
        });
  }

  /** Answers one request on a path whose method is allowed. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private record Route(Set<String> methods, Handler handler) {}

  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();

  /** On every interface (what ECS needs), port {@code port} (0: any free port). */
  public HttpEndpoints(int port, Metrics metrics, BooleanSupplier ready, Supplier<Object> status)
      throws IOException {
    this(new InetSocketAddress(port), metrics, ready, status);
  }

  public HttpEndpoints(
      InetSocketAddress address, Metrics metrics, BooleanSupplier ready, Supplier<Object> status)
      throws IOException {
    server = HttpServer.create(address, 128);
    workers =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread thread = new Thread(r, "http");
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy()); // the server closes a rejected connection
    workers.allowCoreThreadTimeOut(true);
    server.setExecutor(workers);
    get(
        "/metrics",
        exchange ->
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    get("/healthz", exchange -> send(exchange, 200, "text/plain", "ok\n"));
    get(
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
    get(
        "/status",
        exchange ->
            send(exchange, 200, "application/json", JSON.writeValueAsString(status.get()) + "\n"));
    server.createContext("/", this::dispatch);
  }

  /** Serves {@code path} exactly, for GET and HEAD (HEAD: the same headers, no body). */
  public void get(String path, Handler handler) {
    routes.put(path, new Route(Set.of("GET", "HEAD"), handler));
  }

  /** Serves {@code path} exactly, for POST only. */
  public void post(String path, Handler handler) {
    routes.put(path, new Route(Set.of("POST"), handler));
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      Route route = routes.get(exchange.getRequestURI().getPath());
      if (route == null) {
        send(
            exchange,
            404,
            "text/plain",
            "not found; endpoints: " + String.join(" ", new TreeSet<>(routes.keySet())) + "\n");
        return;
      }
      if (!route.methods().contains(exchange.getRequestMethod())) {
        exchange
            .getResponseHeaders()
            .set("Allow", String.join(", ", new TreeSet<>(route.methods())));
        send(exchange, 405, "text/plain", "method not allowed\n");
        return;
      }
      route.handler().handle(exchange);
    }
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Sends {@code body} with {@code code}; to a HEAD request only the headers. */
  public static void send(HttpExchange exchange, int code, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
      exchange.sendResponseHeaders(code, -1);
      return;
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
