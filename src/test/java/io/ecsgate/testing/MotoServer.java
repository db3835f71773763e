package io.ecsgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The moto emulator, started once per test JVM on a free loopback port from the project's
 * virtualenv (./controller test creates it with a pinned moto) through src/test/moto/run_moto.py,
 * which applies the patches for moto's known gaps. Stopped when the JVM exits.
 */
public final class MotoServer {
  private static MotoServer instance;

  private final Process process;
  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static synchronized MotoServer get() {
    if (instance == null) instance = start();
    return instance;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource: each test starts from an empty account. */
  public void reset() {
    send(
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  private static MotoServer start() {
    Path root = projectRoot();
    Path venv =
        Path.of(System.getenv().getOrDefault("ECSGATE_VENV", root.resolve(".venv").toString()));
    Path python = venv.resolve("bin/python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(
          "no moto virtualenv at "
              + venv
              + ": run the tests with ./controller test, which creates it");
    }
    int port = freePort();
    try {
      Path log = Files.createTempFile("moto-", ".log");
      log.toFile().deleteOnExit();
      Process process =
          new ProcessBuilder(
                  python.toString(),
                  root.resolve("src/test/moto/run_moto.py").toString(),
                  "-H",
                  "127.0.0.1",
                  "-p",
                  String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      server.awaitReady(log);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls until the server answers (bounded: 600 tries); readiness, not a timing assumption. */
  private void awaitReady(Path log) throws IOException {
    for (int attempt = 0; attempt < 600; attempt++) {
      if (!process.isAlive())
        throw new IllegalStateException("moto exited at start:\n" + Files.readString(log));
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("moto did not start:\n" + Files.readString(log));
  }

  private void send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200)
        throw new IllegalStateException(
            "moto answered " + response.statusCode() + ": " + response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("pom.xml"))) dir = dir.getParent();
    if (dir == null) throw new IllegalStateException("cannot find the project root (pom.xml)");
    return dir;
  }
}
