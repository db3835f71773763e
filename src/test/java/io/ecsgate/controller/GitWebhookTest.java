package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GitWebhookTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private final AtomicInteger fetches = new AtomicInteger();
  private final GitWebhook hook =
      new GitWebhook(() -> Optional.of(SECRET), "refs/heads/main", fetches::incrementAndGet);

  private GitWebhook.Answer call(Map<String, String> headers, String body) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return hook.handle(byName::get, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void githubsDocumentedExampleSignatureIsAccepted() {
    // the example of GitHub's "Validating webhook deliveries"
    assertEquals(
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        GitWebhook.hmac(SECRET, "Hello, World!".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSignedGithubPushToTheRefFollowedFetches() {
    String body = "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}";
    GitWebhook.Answer answer =
        call(
            Map.of(
                "X-Hub-Signature-256",
                "sha256=" + GitWebhook.hmac(SECRET, body.getBytes(StandardCharsets.UTF_8)),
                "X-GitHub-Event",
                "push"),
            body);
    assertEquals(202, answer.status());
    assertEquals(1, fetches.get());
  }

  @Test
  void aWrongOrMissingSignatureIs401AndFetchesNothing() {
    String body = "{\"ref\":\"refs/heads/main\"}";
    assertEquals(401, call(Map.of("X-Hub-Signature-256", "sha256=00"), body).status());
    assertEquals(
        401,
        call(
                Map.of(
                    "X-Hub-Signature-256",
                    "sha256=" + GitWebhook.hmac("other", body.getBytes(StandardCharsets.UTF_8))),
                body)
            .status());
    assertEquals(401, call(Map.of("X-Gitlab-Token", "guess"), body).status());
    assertEquals(401, call(Map.of(), body).status());
    assertEquals(0, fetches.get());
  }

  @Test
  void aGitlabPushWithItsTokenFetches() {
    GitWebhook.Answer answer =
        call(
            Map.of("X-Gitlab-Token", SECRET, "X-Gitlab-Event", "Push Hook"),
            "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}");
    assertEquals(202, answer.status());
    assertEquals(1, fetches.get());
  }

  @Test
  void aPushToAnotherRefAndAPingFetchNothing() {
    String other = "{\"ref\":\"refs/heads/feature\"}";
    assertEquals(
        202,
        call(
                Map.of(
                    "X-Hub-Signature-256",
                    "sha256=" + GitWebhook.hmac(SECRET, other.getBytes(StandardCharsets.UTF_8))),
                other)
            .status());
    String ping = "{\"zen\":\"hi\"}";
    assertEquals(
        200,
        call(
                Map.of(
                    "X-Hub-Signature-256",
                    "sha256=" + GitWebhook.hmac(SECRET, ping.getBytes(StandardCharsets.UTF_8)),
                    "X-GitHub-Event",
                    "ping"),
                ping)
            .status());
    assertEquals(0, fetches.get());
  }
}
