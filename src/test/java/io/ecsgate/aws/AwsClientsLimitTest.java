package io.ecsgate.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The limiter and the call listener sit on the real SDK clients AwsClients builds (a local HTTP
 * stub answers).
 */
class AwsClientsLimitTest {

  @Test
  void everySdkCallWaitsForItsTokenAndIsReportedToTheListener() throws Exception {
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              ("<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers/></DescribeLoadBalancersResult>"
                      + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    stub.start();
    ApiRateLimiterTest.FakeTicker ticker = new ApiRateLimiterTest.FakeTicker();
    List<String> heard = new ArrayList<>();
    AwsTarget target =
        new AwsTarget(
            Optional.of(Region.US_WEST_2),
            Optional.of(URI.create("http://127.0.0.1:" + stub.getAddress().getPort())),
            Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))),
            List.of());
    try (AwsClients clients =
        new AwsClients(
            target,
            new ApiRateLimiter(ApiRateLimits.defaultsWith(List.of("elb:.*=1:1")), ticker),
            (service, operation, outcome, duration, throttled) ->
                heard.add(service + ":" + operation + ":" + outcome + ":" + throttled))) {
      long start = ticker.now;
      for (int i = 0; i < 5; i++) clients.elb().describeLoadBalancers();
      assertEquals(
          Duration.ofSeconds(4).toMillis(),
          ticker.elapsedSince(start).toMillis(),
          5,
          "1 call a second, burst 1: 5 calls span 4 s");
      assertEquals(
          List.of("elb:DescribeLoadBalancers:success:0"), heard.stream().distinct().toList());
      assertEquals(5, heard.size());
    } finally {
      stub.stop(0);
    }
  }
}
