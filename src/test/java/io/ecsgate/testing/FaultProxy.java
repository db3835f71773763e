package io.ecsgate.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.ecsgate.aws.ApiCalls;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WireMock on loopback, proxying every request to the emulator, that injects at configurable rates
 * each service's real throttling response (ELB {@code Throttling} in its XML error format, EC2
 * {@code RequestLimitExceeded}, ECS and Application Auto Scaling {@code ThrottlingException} in
 * JSON, API Gateway 429 {@code TooManyRequestsException} with Retry-After), HTTP 500/503,
 * connection resets and latency. Seeded, so a run can be repeated. It can also run an action (a
 * SIGKILL of the controller) right after the Nth write reached the emulator and before its answer
 * is sent back: the crash point of the crash-recovery tests. And it can fail every request to one
 * service ({@link #failService}), as AWS does when that service throttles past the SDK's retries or
 * a permission is missing: the per-kind observation tests.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/]+/\\d+/[^/]+/([^/]+)/aws4_request");
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");

  /** Rates are probabilities per request attempt. */
  public record Rates(double throttle, double serverError, double reset, int latencyMillis) {
    public static final Rates NONE = new Rates(0, 0, 0, 0);
  }

  /** How {@link #failService} answers every request to a service. */
  public enum ServiceFault {
    /** The service's own throttling response (retried by the SDK until its attempts run out). */
    THROTTLE,
    /** 403 {@code AccessDeniedException} (API Gateway's form; not retried). */
    DENY
  }

  private final Map<String, ServiceFault> failing = new ConcurrentHashMap<>();
  private final WireMockServer server;
  private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger delayed = new AtomicInteger();
  private volatile Rates rates;
  private volatile int crashAtWrite = -1;
  private volatile Runnable crash = () -> {};

  public FaultProxy(URI upstream, Rates rates, long seed) {
    this.rates = rates;
    Random random = new Random(seed);
    Injector injector = new Injector(random);
    this.server =
        new WireMockServer(
            options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(injector, new CrashPoint())
                .disableRequestJournal());
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(upstream.toString())));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public void rates(Rates rates) {
    this.rates = rates;
  }

  /**
   * Runs {@code crash} once the {@code n}th write (1-based) has been served by the emulator, before
   * its answer leaves.
   */
  public void crashAfterWrite(int n, Runnable crash) {
    this.writes.set(0);
    this.crash = crash;
    this.crashAtWrite = n;
  }

  /**
   * Answers every request to {@code service} (its SigV4 name: {@code apigateway}, {@code
   * elasticloadbalancing}, {@code ecs}, {@code ec2}) with {@code fault}, whatever the rates; {@code
   * null} lets them through again.
   */
  public void failService(String service, ServiceFault fault) {
    if (fault == null) failing.remove(service);
    else failing.put(service, fault);
  }

  /** Requests held back by the latency rate so far. */
  public int delayed() {
    return delayed.get();
  }

  public int writesSeen() {
    return writes.get();
  }

  /**
   * Faults injected so far, by kind ({@code throttle:elasticloadbalancing}, {@code 5xx}, {@code
   * reset}).
   */
  public Map<String, Long> injected() {
    Map<String, Long> copy = new TreeMap<>();
    injected.forEach((key, value) -> copy.put(key, value.get()));
    return copy;
  }

  public long injectedTotal() {
    return injected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  @Override
  public void close() {
    server.stop();
  }

  static String service(Request request) {
    String authorization = request.getHeader("Authorization");
    Matcher matcher = SCOPE.matcher(authorization == null ? "" : authorization);
    return matcher.find() ? matcher.group(1) : "unknown";
  }

  static String operation(Request request) {
    // Smithy RPC v2 CBOR (CloudWatch): POST /service/<service>/operation/<Operation>
    String url = request.getUrl();
    int rpc = url.indexOf("/operation/");
    if (url.startsWith("/service/") && rpc > 0) return url.substring(rpc + "/operation/".length());
    String target = request.getHeader("X-Amz-Target");
    if (target != null && target.contains("."))
      return target.substring(target.lastIndexOf('.') + 1);
    Matcher matcher =
        ACTION.matcher(request.getBodyAsString() == null ? "" : request.getBodyAsString());
    if (matcher.find()) return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    return request.getMethod().getName(); // REST (API Gateway): GET reads, anything else writes
  }

  /**
   * A write to the stack. The state table's calls are not counted: a leader renews its lease every
   * few seconds, and these tests count what reaches the resources ecsgate manages.
   */
  static boolean isWrite(Request request) {
    if (service(request).equals("dynamodb")) return false;
    String operation = operation(request);
    if (operation.equals("GET") || operation.equals("HEAD")) return false;
    return !ApiCalls.isRead(operation) && !request.getUrl().startsWith("/moto-api");
  }

  private final class Injector implements ResponseDefinitionTransformerV2 {
    private final Random random;

    Injector(Random random) {
      this.random = random;
    }

    @Override
    public String getName() {
      return "ecsgate-fault-injector";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      ResponseDefinition proxied = event.getResponseDefinition();
      Request request = event.getRequest();
      if (request.getUrl().startsWith("/moto-api")) return proxied;
      Rates now = rates;
      double roll;
      synchronized (random) {
        roll = random.nextDouble();
      }
      String service = service(request);
      ServiceFault fault = failing.get(service);
      if (fault == ServiceFault.THROTTLE) {
        count("throttle:" + service);
        return throttle(service);
      }
      if (fault == ServiceFault.DENY) {
        count("denied:" + service);
        return aResponse()
            .withStatus(403)
            .withHeader("Content-Type", "application/json")
            .withHeader("x-amzn-ErrorType", "AccessDeniedException")
            .withBody(
                "{\"message\":\"User: arn:aws:iam::123456789012:user/moto is not authorized to"
                    + " perform: "
                    + service
                    + ":GET\"}")
            .build();
      }
      if (roll < now.throttle()) {
        count("throttle:" + service);
        return throttle(service);
      }
      if (roll < now.throttle() + now.serverError()) {
        count("5xx:" + service);
        return aResponse()
            .withStatus(roll < now.throttle() + now.serverError() / 2 ? 500 : 503)
            .withBody("")
            .build();
      }
      if (roll < now.throttle() + now.serverError() + now.reset()) {
        count("reset:" + service);
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      }
      if (now.latencyMillis() > 0) {
        delayed.incrementAndGet();
        return ResponseDefinitionBuilder.like(proxied).withFixedDelay(now.latencyMillis()).build();
      }
      return proxied;
    }

    private void count(String kind) {
      injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private ResponseDefinition throttle(String service) {
      return switch (service) {
        case "elasticloadbalancing" ->
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "text/xml")
                .withBody(
                    "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>Sender</Type>"
                        + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>")
                .build();
        case "ec2" ->
            aResponse()
                .withStatus(503)
                .withHeader("Content-Type", "text/xml")
                .withBody(
                    "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
                        + "<RequestID>fault-proxy</RequestID></Response>")
                .build();
        case "apigateway" ->
            aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withHeader("Retry-After", "1")
                .withBody("{\"message\":\"Too Many Requests\"}")
                .build();
        case "monitoring" -> // CloudWatch answers in RPC v2 CBOR: {"__type": "Throttling", ...}
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withBody(cborThrottling())
                .build();
        default ->
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")
                .build();
      };
    }
  }

  /** The CBOR map {"__type": "Throttling", "message": "Rate exceeded"} (RFC 8949, short texts). */
  static byte[] cborThrottling() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(0xA2); // a map of two pairs
    for (String text : List.of("__type", "Throttling", "message", "Rate exceeded")) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      out.write(0x60 + bytes.length); // a text string shorter than 24 bytes
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private final class CrashPoint implements ServeEventListener {
    @Override
    public String getName() {
      return "ecsgate-crash-point";
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
      if (crashAtWrite < 0 || !isWrite(event.getRequest())) return;
      if (event.getResponse() != null && event.getResponse().getStatus() >= 300)
        return; // a refused write changed nothing
      if (writes.incrementAndGet() == crashAtWrite) crash.run();
    }
  }
}
