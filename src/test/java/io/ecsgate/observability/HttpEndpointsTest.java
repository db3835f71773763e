package io.ecsgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoints over raw sockets: methods, exact paths, HEAD, and slow clients. */
class HttpEndpointsTest {
  private HttpEndpoints http;

  @BeforeEach
  void start() throws IOException {
    http =
        new HttpEndpoints(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new Metrics(),
            () -> true,
            () -> Map.of("revision", "abc"));
    http.start();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  /** One request on a new connection; the whole answer (the server closes after it). */
  private String request(String method, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  @Test
  void theReadEndpointsAnswerGetAndHeadOnly() throws IOException {
    for (String path : List.of("/metrics", "/healthz", "/readyz", "/status")) {
      assertEquals(200, status(request("GET", path)), path);
      String head = request("HEAD", path);
      assertEquals(200, status(head), path);
      assertTrue(head.endsWith("\r\n\r\n"), "HEAD has no body: " + head);
      assertTrue(head.toLowerCase().contains("content-length: "), head);
      for (String method : List.of("POST", "PUT", "DELETE", "TRACE", "OPTIONS", "FOO")) {
        String answer = request(method, path);
        assertEquals(405, status(answer), method + " " + path);
        assertTrue(answer.contains("Allow: GET, HEAD"), answer);
      }
    }
  }

  @Test
  void pathsMatchExactly() throws IOException {
    for (String path :
        List.of("/", "/statusXYZ", "/status/", "/status/x", "/healthz2", "/metrics.txt", "/x")) {
      assertEquals(404, status(request("GET", path)), path);
    }
    assertEquals(200, status(request("GET", "/status?pretty")), "a query string is not a path");
  }

  @Test
  void aPostRouteAnswersPostOnly() throws IOException {
    http.post("/hooks/x", exchange -> HttpEndpoints.send(exchange, 202, "text/plain", "ok\n"));
    assertEquals(202, status(request("POST", "/hooks/x")));
    String get = request("GET", "/hooks/x");
    assertEquals(405, status(get));
    assertTrue(get.contains("Allow: POST"), get);
  }

  @Test
  void healthzAnswersWithinASecondWhileFiftySlowClientsHoldTheirRequestsOpen() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), http.port());
        // the request line and part of the headers, never the blank line that ends them
        socket
            .getOutputStream()
            .write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      long worst = 0;
      for (int i = 0; i < 20; i++) {
        long start = System.nanoTime();
        String answer = request("GET", "/healthz");
        long millis = (System.nanoTime() - start) / 1_000_000;
        worst = Math.max(worst, millis);
        assertEquals(200, status(answer));
        assertTrue(millis < 1000, "/healthz took " + millis + " ms with 50 slow clients");
      }
      System.out.println("healthz with 50 slow clients: worst of 20 requests " + worst + " ms");
      for (Socket socket : slow) {
        socket.setSoTimeout(1);
        InputStream in = socket.getInputStream();
        // still open and unanswered: the server waits for the rest of the headers (or its timeout)
        assertThrows(java.net.SocketTimeoutException.class, in::read);
      }
    } finally {
      for (Socket socket : slow) socket.close();
    }
  }

  @Test
  void theAddressGivenIsTheOnlyOneBound() throws Exception {
    try (HttpEndpoints only =
        new HttpEndpoints(
            new InetSocketAddress("127.0.0.2", 0), new Metrics(), () -> true, Map::of)) {
      only.start();
      try (Socket socket = new Socket("127.0.0.2", only.port())) {
        assertTrue(socket.isConnected());
      }
      assertThrows(
          java.net.ConnectException.class, () -> new Socket("127.0.0.1", only.port()).close());
    }
  }
}
