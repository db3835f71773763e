package io.ecsgate.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push webhook ({@code POST /hooks/git}): GitHub's ({@code X-Hub-Signature-256: sha256=<HMAC of
 * the body>}) or GitLab's ({@code X-Gitlab-Token: <secret>}), checked against the secret in
 * constant time. A push to the ref the source follows makes it fetch at the next tick; a push to
 * another ref, a ping, or any other event is answered and ignored. A missing or wrong signature is
 * 401 and fetches nothing.
 */
public final class GitWebhook {
  private static final Logger log = LoggerFactory.getLogger(GitWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest body read (GitHub caps payloads at 25 MB; a push of a few commits is a few KB). */
  public static final int MAX_BODY = 1024 * 1024;

  /** What to answer: an HTTP status and a line of text. */
  public record Answer(int status, String text) {}

  private final Supplier<Optional<String>> secret;
  private final String fullRef;
  private final Runnable fetch;

  /**
   * {@code secret} is read for each request (a rotated secret file is picked up); {@code fullRef}
   * the ref followed ({@code refs/heads/main}); {@code fetch} asks the source to fetch.
   */
  public GitWebhook(Supplier<Optional<String>> secret, String fullRef, Runnable fetch) {
    this.secret = secret;
    this.fullRef = fullRef;
    this.fetch = fetch;
  }

  /** {@code header} looks a request header up by name, ignoring case. */
  public Answer handle(Function<String, String> header, byte[] body) {
    Optional<String> key = secret.get();
    if (key.isEmpty() || key.get().isEmpty())
      return new Answer(503, "no webhook secret configured\n");
    String github = header.apply("X-Hub-Signature-256");
    String gitlab = header.apply("X-Gitlab-Token");
    boolean valid;
    if (github != null) valid = equal(github.strip(), "sha256=" + hmac(key.get(), body));
    else if (gitlab != null) valid = equal(gitlab, key.get());
    else valid = false;
    if (!valid) {
      log.atWarn()
          .addKeyValue("signature", github != null ? "github" : gitlab != null ? "gitlab" : "none")
          .log("webhook refused: missing or wrong signature; nothing fetched");
      return new Answer(401, "missing or wrong signature\n");
    }
    String event =
        Optional.ofNullable(header.apply("X-GitHub-Event"))
            .orElse(Optional.ofNullable(header.apply("X-Gitlab-Event")).orElse(""));
    if (event.equals("ping")) return new Answer(200, "pong\n");
    String ref = ref(body);
    if (ref != null && !ref.equals(fullRef)) {
      log.info("webhook: a push to {} (following {}), ignored", ref, fullRef);
      return new Answer(202, "ignored: a push to " + ref + ", following " + fullRef + "\n");
    }
    log.atInfo().addKeyValue("event", event).log("webhook: {} to {}, fetching", event, fullRef);
    fetch.run();
    return new Answer(202, "fetching " + fullRef + "\n");
  }

  /** The payload's {@code ref} (both GitHub's and GitLab's push events have it), or null. */
  private static String ref(byte[] body) {
    try {
      JsonNode ref = JSON.readTree(body).path("ref");
      return ref.isTextual() ? ref.asText() : null;
    } catch (IOException e) {
      return null; // not JSON (a form-encoded GitHub payload): fetch anyway
    }
  }

  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean equal(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
