package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The endpoints of a real {@code ecsgate run} process under slow clients: they stay up, and the JDK
 * server's request timeout (set by HttpEndpoints before the server is first used) closes a request
 * whose headers never end.
 */
@ExtendWith(Emulator.class)
class EndpointsIT {

  private static String request(int port, String method, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Socket slowClient(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket
        .getOutputStream()
        .write("GET /status HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  @Test
  void fiftySlowClientsDoNotStopHealthzAndAnUnfinishedRequestIsClosedAfterItsTimeout(Emulator aws)
      throws Exception {
    try (Daemon daemon =
        Daemon.start(URI.create(aws.endpoint()), Path.of("desired-state").toString())) {
      int port = daemon.port();
      List<Socket> slow = new ArrayList<>();
      try {
        long opened = System.nanoTime();
        for (int i = 0; i < 50; i++) slow.add(slowClient(port));
        long worst = 0;
        for (int i = 0; i < 20; i++) {
          long start = System.nanoTime();
          String answer = request(port, "GET", "/healthz");
          long millis = (System.nanoTime() - start) / 1_000_000;
          worst = Math.max(worst, millis);
          assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
          assertTrue(millis < 1000, "/healthz took " + millis + " ms with 50 slow clients");
        }
        System.out.println(
            "[endpoints] /healthz with 50 slow clients held open: worst of 20 requests "
                + worst
                + " ms");

        // the server closes each unfinished request after its 5 s request timeout (checked each s)
        Socket first = slow.get(0);
        first.setSoTimeout(15_000);
        int read = first.getInputStream().read();
        double closedAfter = (System.nanoTime() - opened) / 1e9;
        System.out.printf(
            "[endpoints] an unfinished request closed by the server after %.1f s%n", closedAfter);
        assertEquals(-1, read, "closed without an answer");
        assertTrue(
            closedAfter >= 4 && closedAfter < 9, "closed after " + closedAfter + " s, not ~5-6 s");
      } finally {
        for (Socket socket : slow) socket.close();
      }
      assertTrue(request(port, "DELETE", "/status").startsWith("HTTP/1.1 405"));
      assertTrue(request(port, "GET", "/statusXYZ").startsWith("HTTP/1.1 404"));
      assertTrue(request(port, "GET", "/healthz").startsWith("HTTP/1.1 200"));
    }
  }
}
