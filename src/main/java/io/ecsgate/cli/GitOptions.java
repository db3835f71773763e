package io.ecsgate.cli;

import io.ecsgate.controller.GitSource;
import io.ecsgate.controller.GitWebhook;
import io.ecsgate.observability.HttpEndpoints;
import io.ecsgate.observability.Metrics;
import io.ecsgate.yaml.DesiredStateLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code run}'s git source: the repository, ref and path, how often it is polled, the credentials
 * (from files only), and the push webhook's secret (environment or file).
 */
final class GitOptions {
  /** The environment variable that holds the webhook secret (a file option may name one too). */
  static final String SECRET_ENV = "ECSGATE_GIT_WEBHOOK_SECRET";

  @Option(
      names = "--git-url",
      paramLabel = "URL",
      description =
          "Pull the desired state from this git repository (https://, ssh://, git@host:path,"
              + " git://, file://) instead of PATHs.")
  String url;

  @Option(
      names = "--git-ref",
      defaultValue = "main",
      description = "Branch (or full ref, refs/tags/v1) to follow (default: ${DEFAULT-VALUE}).")
  String ref;

  @Option(
      names = "--git-path",
      defaultValue = ".",
      description = "Directory in the repository that holds the desired state (default: the root).")
  String path;

  @Option(
      names = "--git-poll",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "How often the repository is fetched (default: ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(
      names = "--git-token-file",
      paramLabel = "FILE",
      description = "File holding an HTTPS access token (read at each fetch).")
  Path tokenFile;

  @Option(
      names = "--git-username",
      defaultValue = "x-access-token",
      description = "User name sent with the token (default: ${DEFAULT-VALUE}).")
  String username;

  @Option(
      names = "--git-ssh-key-file",
      paramLabel = "FILE",
      description = "File holding the SSH private key (OpenSSH format, no passphrase).")
  Path sshKeyFile;

  @Option(
      names = "--git-known-hosts-file",
      paramLabel = "FILE",
      description = "known_hosts file with the git server's SSH host key.")
  Path knownHostsFile;

  @Option(
      names = "--git-webhook-secret-file",
      paramLabel = "FILE",
      description =
          "File holding the push webhook's secret (else $"
              + SECRET_ENV
              + "); without one POST /hooks/git is not served.")
  Path webhookSecretFile;

  boolean given() {
    return url != null;
  }

  GitSource source(DesiredStateLoader loader, Metrics metrics) throws IOException {
    return new GitSource(
        new GitSource.Settings(
            url,
            ref,
            path,
            poll,
            Optional.ofNullable(tokenFile),
            username,
            Optional.ofNullable(sshKeyFile),
            Optional.ofNullable(knownHostsFile),
            Duration.ofSeconds(30)),
        loader,
        Clock.systemUTC(),
        metrics::gitFetch);
  }

  /** The webhook secret: the file's content (read at each request), else the environment's. */
  Optional<String> secret() {
    if (webhookSecretFile != null) {
      try {
        return Optional.of(Files.readString(webhookSecretFile, StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.ofNullable(System.getenv(SECRET_ENV)).map(String::strip);
  }

  /**
   * POST /hooks/git, when a secret is configured: a push makes {@code source} fetch, and {@code
   * now} runs the loop's next tick at once.
   */
  Optional<HttpEndpoints.Handler> webhook(GitSource source, Runnable now) {
    if (webhookSecretFile == null && secret().isEmpty()) return Optional.empty();
    GitWebhook hook =
        new GitWebhook(
            this::secret,
            source.settings().fullRef(),
            () -> {
              source.fetchSoon();
              now.run();
            });
    return Optional.of(
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(GitWebhook.MAX_BODY + 1);
          }
          if (body.length > GitWebhook.MAX_BODY) {
            HttpEndpoints.send(exchange, 413, "text/plain", "payload over 1 MiB\n");
            return;
          }
          GitWebhook.Answer answer = hook.handle(exchange.getRequestHeaders()::getFirst, body);
          HttpEndpoints.send(exchange, answer.status(), "text/plain", answer.text());
        });
  }
}
