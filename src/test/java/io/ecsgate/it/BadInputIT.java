package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.ecsgate.testing.Cli;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input fails before any AWS call: the CLI is pointed at a loopback server that counts every
 * request it gets, and must get none.
 */
class BadInputIT {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startCountingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static Stream<io.ecsgate.yaml.BadInputCorpus> corpus() {
    return io.ecsgate.yaml.BadInputCorpus.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCorpusFileFailsEveryCommandWithNoAwsCall(io.ecsgate.yaml.BadInputCorpus bad) {
    Path path = bad.layOut(dir);
    String endpoint = "--endpoint-url=http://127.0.0.1:" + server.getAddress().getPort();
    String where = bad.file().getFileName() + ":" + bad.line() + ":" + bad.column() + ": ";
    for (String[] command :
        new String[][] {{"validate"}, {"plan"}, {"apply"}, {"apply", "--prune"}}) {
      String[] args =
          Stream.concat(
                  Stream.of(command), Stream.of(path.toString(), endpoint, "--region=us-west-2"))
              .toArray(String[]::new);
      if (command[0].equals("validate")) args = new String[] {"validate", path.toString()};
      Cli.Result result = Cli.run(args);
      assertEquals(
          1, result.exitCode(), String.join(" ", command) + ": " + result.out() + result.err());
      assertTrue(result.err().contains(where), "expected '" + where + "' in:\n" + result.err());
    }
    assertEquals(0, requests.get(), "no AWS request may be made for bad input");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("syntax error", "apiVersion: ecsgate/v1\nkind: [\n", "YAML syntax error"),
        Arguments.of(
            "unknown key",
            "apiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: t}\nspec: {vpc: v, protocol: HTTP, port: 80, colour: red}\n",
            "unknown key 'colour'"),
        Arguments.of(
            "dangling reference",
            "apiVersion: ecsgate/v1\nkind: ListenerRule\nmetadata: {name: r}\nspec: {loadBalancer: alb, port: 80, pathPatterns: [/a], forward: tg}\n",
            "no LoadBalancer named 'alb'"),
        Arguments.of("empty desired state", "# nothing\n", "the desired state is empty"),
        Arguments.of("binary data", "\u0000\u0001\u0002", "not a text file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputFailsWithItsLocationAndNoAwsCall(String name, String content, String message)
      throws IOException {
    Files.writeString(dir.resolve("stack.yaml"), content);
    String endpoint = "--endpoint-url=http://127.0.0.1:" + server.getAddress().getPort();

    for (String[] command :
        new String[][] {{"validate"}, {"plan"}, {"apply"}, {"apply", "--prune"}}) {
      String[] args =
          Stream.concat(
                  Stream.of(command), Stream.of(dir.toString(), endpoint, "--region=us-west-2"))
              .toArray(String[]::new);
      if (command[0].equals("validate")) args = new String[] {"validate", dir.toString()};
      Cli.Result result = Cli.run(args);
      assertEquals(
          1, result.exitCode(), String.join(" ", command) + ": " + result.out() + result.err());
      assertTrue(
          result.err().contains("stack.yaml:") && result.err().contains(message), result.err());
      assertTrue(result.err().contains("nothing was changed"), result.err());
    }
    assertEquals(0, requests.get(), "no AWS request may be made for bad input");
  }
}
