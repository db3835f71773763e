package io.ecsgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.testing.Daemon;
import io.ecsgate.testing.Emulator;
import io.ecsgate.testing.FaultProxy;
import io.ecsgate.testing.GitRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * {@code run --git-url} against a real git server on loopback ({@code git daemon} from Debian's
 * git): a pushed commit is applied within one poll and within 2 s of a signed webhook, the revision
 * is the commit SHA, a bad commit keeps the last good one with no write, a revert clears it, a
 * force-push is followed, an unreachable remote keeps the last good state, reported, and recovers.
 */
@ExtendWith(Emulator.class)
class GitSourceIT {
  private static final String SECRET = "s3cret-for-the-test";
  private static final Duration POLL = Duration.ofSeconds(20);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theDaemonFollowsABranchOfAGitServer(Emulator aws, @TempDir Path dir) throws Exception {
    Path secret = dir.resolve("webhook-secret");
    Files.writeString(secret, SECRET + "\n");
    try (GitRepo repo = GitRepo.create(Files.createDirectory(dir.resolve("git")));
        FaultProxy proxy = new FaultProxy(URI.create(aws.endpoint()), FaultProxy.Rates.NONE, 1)) {
      repo.put(Emulator.seed(), "desired-state");
      String first = repo.commitAndPush("the seed stack");
      String url = repo.serve(0);
      proxy.crashAfterWrite(Integer.MAX_VALUE, () -> {}); // only counts the writes
      try (Daemon daemon =
          Daemon.start(
              proxy.endpoint(),
              "--git-url=" + url,
              "--git-ref=main",
              "--git-path=desired-state/",
              "--git-poll=" + POLL.toSeconds() + "s",
              "--git-webhook-secret-file=" + secret,
              "--interval=5s")) {
        daemon.await(Duration.ofSeconds(90), "the seed stack converged", daemon::converged);
        assertEquals(first, daemon.status().path("revision").asText());
        assertEquals(1, daemon.metric("ecsgate_desired_state_info", Map.of("revision", first)));
        ElasticLoadBalancingV2Client elb = aws.clients().elb();
        assertEquals(List.of("/demo1", "/demo1/*"), demo1Paths(elb));

        // a push, no webhook: applied within one poll
        String rules = "desired-state/listener-rules.yaml";
        String seedRules = repo.read(rules);
        repo.write(rules, seedRules.replace("[/demo1, /demo1/*]", "[/demo1, /v2/*]"));
        String second = repo.commitAndPush("demo1 also under /v2");
        Duration polled =
            daemon.await(
                POLL.plusSeconds(10),
                "the second commit applied by a poll",
                () -> applied(daemon, second) && demo1Paths(elb).contains("/v2/*"));
        System.out.println("[git] a push applied by the poll after " + polled.toMillis() + " ms");
        assertTrue(polled.compareTo(POLL.plusSeconds(5)) < 0, "within one poll: " + polled);

        // a push and a signed webhook: applied within 2 s (the next poll is ~20 s away)
        repo.write(rules, seedRules.replace("[/demo1, /demo1/*]", "[/demo1, /v3/*]"));
        String third = repo.commitAndPush("demo1 under /v3");
        assertEquals(401, webhook(daemon, "wrong secret").statusCode(), "a bad signature");
        assertEquals(202, webhook(daemon, SECRET).statusCode());
        Duration hooked =
            daemon.await(
                Duration.ofSeconds(10),
                "the third commit applied after the webhook",
                () -> applied(daemon, third) && demo1Paths(elb).contains("/v3/*"));
        System.out.println("[git] a push applied " + hooked.toMillis() + " ms after its webhook");
        assertTrue(hooked.compareTo(Duration.ofSeconds(2)) < 0, "within 2 s: " + hooked);
        assertEquals(third, daemon.status().path("revision").asText());
        assertEquals(1, daemon.metric("ecsgate_desired_state_info", Map.of("revision", third)));

        // a bad commit: the third stays in force, nothing is written
        repo.write(rules, repo.read(rules).replaceFirst("priority:", "pririty:"));
        String bad = repo.commitAndPush("a typo");
        int writes = proxy.writesSeen();
        webhook(daemon, SECRET);
        daemon.await(
            Duration.ofSeconds(10),
            "the bad commit reported",
            () -> !daemon.status().path("lastLoadError").isNull());
        JsonNode error = daemon.status().path("lastLoadError");
        assertTrue(
            error.path("problems").get(0).asText().startsWith(bad.substring(0, 7) + ":" + rules),
            error.toString());
        assertEquals(third, daemon.status().path("revision").asText());
        assertEquals(0, daemon.metric("ecsgate_desired_state_valid"));
        daemon.await(
            Duration.ofSeconds(15),
            "a cycle under the last good commit",
            () ->
                daemon
                    .status()
                    .path("lastCycle")
                    .path("result")
                    .asText()
                    .equals("invalid_desired_state"));
        assertEquals(writes, proxy.writesSeen(), "no write for the bad commit");

        // the revert: valid again at the next tick
        repo.write(rules, repo.read(rules).replaceFirst("pririty:", "priority:"));
        String reverted = repo.commitAndPush("revert the typo");
        webhook(daemon, SECRET);
        daemon.await(
            Duration.ofSeconds(5),
            "the revert in force, valid",
            () ->
                daemon.status().path("revision").asText().equals(reverted)
                    && daemon.status().path("lastLoadError").isNull()
                    && daemon.metric("ecsgate_desired_state_valid") == 1);

        // a force-push back to the second commit is followed
        repo.forcePush(second);
        webhook(daemon, SECRET);
        daemon.await(
            Duration.ofSeconds(15),
            "the force-pushed commit applied",
            () -> applied(daemon, second) && demo1Paths(elb).contains("/v2/*"));

        // the remote unreachable: the second stays in force, reported; back: recovered
        repo.stopServing();
        webhook(daemon, SECRET);
        daemon.await(
            Duration.ofSeconds(40),
            "the unreachable remote reported",
            () ->
                daemon
                    .status()
                    .path("lastLoadError")
                    .path("problems")
                    .toString()
                    .contains("cannot fetch refs/heads/main"));
        assertEquals(second, daemon.status().path("revision").asText());
        assertEquals(200, daemon.readyz(), "still ready: the last good state is in force");
        assertTrue(daemon.metric("ecsgate_git_fetches_total", Map.of("result", "failure")) >= 1);
        repo.serve(repo.daemonPort());
        webhook(daemon, SECRET);
        daemon.await(
            Duration.ofSeconds(15),
            "recovered once the remote is back",
            () ->
                daemon.status().path("lastLoadError").isNull()
                    && daemon.metric("ecsgate_desired_state_valid") == 1);
        assertEquals(second, daemon.status().path("revision").asText());
      }
    }
  }

  private static boolean applied(Daemon daemon, String commit) {
    return daemon.status().path("revision").asText().equals(commit);
  }

  private static HttpResponse<String> webhook(Daemon daemon, String secret) throws Exception {
    byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/hooks/git"))
            .header("X-GitHub-Event", "push")
            .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> demo1Paths(ElasticLoadBalancingV2Client elb) {
    String alb =
        elb.describeLoadBalancers().loadBalancers().stream()
            .filter(lb -> "application".equals(lb.typeAsString()))
            .findFirst()
            .orElseThrow()
            .loadBalancerArn();
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(alb)).listeners().get(0).listenerArn();
    Rule rule =
        elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
            .filter(r -> "10".equals(r.priority()))
            .findFirst()
            .orElseThrow();
    return rule.conditions().stream()
        .flatMap(
            c ->
                c.pathPatternConfig() == null
                    ? Stream.of()
                    : c.pathPatternConfig().values().stream())
        .sorted()
        .toList();
  }
}
