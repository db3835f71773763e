package io.ecsgate.controller;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.DesiredStateLoader;
import io.ecsgate.yaml.InvalidDesiredStateException;
import io.ecsgate.yaml.Mark;
import io.ecsgate.yaml.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired state from a git repository (JGit): one ref of {@code url}, the files below {@code
 * path} in it. The repository is fetched into a bare repository in a temporary directory every
 * {@code poll}, and at the next tick after {@link #fetchSoon()} (a push webhook); the fetched
 * commit's files below {@code path} are written into a directory of their own and loaded as files
 * are. The revision is the commit SHA. A force-push is followed (the ref is fetched with {@code
 * +}). A fetch that fails (the remote unreachable, the ref missing, auth refused) is a failed load:
 * the last good state stays in force, the problem is reported, the next poll tries again.
 */
public final class GitSource implements DesiredStateSource {
  private static final Logger log = LoggerFactory.getLogger(GitSource.class);
  private static final String LOCAL_REF = "refs/ecsgate/source";

  /**
   * Where and what to fetch. {@code ref}: a branch name, or a full ref ({@code refs/tags/v1});
   * {@code path}: the directory in the repository ({@code .} for its root). {@code tokenFile}: an
   * HTTPS token (password) read at each fetch, sent with {@code username}; {@code sshKeyFile} and
   * {@code knownHostsFile}: the SSH identity and the hosts it trusts. Secrets come from files
   * (mounted secrets) only.
   */
  public record Settings(
      String url,
      String ref,
      String path,
      Duration poll,
      Optional<Path> tokenFile,
      String username,
      Optional<Path> sshKeyFile,
      Optional<Path> knownHostsFile,
      Duration timeout) {
    public Settings {
      if (poll.isNegative() || poll.isZero())
        throw new IllegalArgumentException("--git-poll must be positive");
      if (url == null || url.isBlank()) throw new IllegalArgumentException("--git-url is empty");
    }

    /** The full ref fetched: {@code refs/heads/<ref>} for a branch name. */
    public String fullRef() {
      return ref.startsWith("refs/") ? ref : Constants.R_HEADS + ref;
    }
  }

  private final Settings settings;
  private final DesiredStateLoader loader;
  private final Clock clock;
  private final Path work;
  private final Repository repository;
  private final AtomicBoolean fetchRequested = new AtomicBoolean();
  private final Consumer<Boolean> fetched;
  private Instant nextFetch;
  private String fingerprint = "not fetched yet";
  private ObjectId commit;
  private String fetchError;
  private Path checkedOut;

  /**
   * A source over a new bare repository in a temporary directory; nothing is fetched before the
   * first {@link #fingerprint()}. {@code fetched} hears whether each fetch succeeded (metrics).
   */
  public GitSource(
      Settings settings, DesiredStateLoader loader, Clock clock, Consumer<Boolean> fetched)
      throws IOException {
    this.settings = settings;
    this.loader = loader;
    this.clock = clock;
    this.fetched = fetched;
    this.work = Files.createTempDirectory("ecsgate-git-");
    try {
      this.repository =
          Git.init()
              .setBare(true)
              .setDirectory(work.resolve("repository").toFile())
              .call()
              .getRepository();
    } catch (GitAPIException e) {
      throw new IOException("cannot create a repository in " + work + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::deleteWork, "ecsgate-git-cleanup"));
  }

  /** Fetch at the next tick (a push webhook arrived). */
  public void fetchSoon() {
    fetchRequested.set(true);
  }

  /** The commit in the newest fetch, if any. */
  public synchronized Optional<String> commit() {
    return Optional.ofNullable(commit).map(ObjectId::name);
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Fetches when a poll is due or a webhook asked for it; the commit fetched (or why the fetch
   * failed) is the fingerprint.
   */
  @Override
  public synchronized String fingerprint() {
    Instant now = clock.instant();
    if (fetchRequested.getAndSet(false) || nextFetch == null || !now.isBefore(nextFetch)) {
      nextFetch = now.plus(settings.poll());
      fetch();
    }
    return fingerprint;
  }

  private void fetch() {
    try {
      Git git = Git.wrap(repository);
      git.fetch()
          .setRemote(settings.url())
          .setRefSpecs(new RefSpec("+" + settings.fullRef() + ":" + LOCAL_REF))
          .setTimeout((int) Math.max(1, settings.timeout().toSeconds()))
          .setCredentialsProvider(credentials())
          .setTransportConfigCallback(ssh())
          .call();
      ObjectId fetchedCommit =
          repository.exactRef(LOCAL_REF) == null
              ? null
              : repository.exactRef(LOCAL_REF).getObjectId();
      if (fetchedCommit == null) throw new IOException("the remote has no " + settings.fullRef());
      if (!fetchedCommit.equals(commit) || fetchError != null)
        log.atInfo()
            .addKeyValue("commit", fetchedCommit.name())
            .addKeyValue("ref", settings.fullRef())
            .log(
                "git: {} of {} is at {}", settings.fullRef(), settings.url(), fetchedCommit.name());
      commit = fetchedCommit;
      fetchError = null;
      fingerprint = "commit " + fetchedCommit.name();
      fetched.accept(true);
    } catch (GitAPIException | IOException | RuntimeException e) {
      String why = describe(e);
      if (!why.equals(fetchError))
        log.atError()
            .addKeyValue("url", settings.url())
            .addKeyValue("error", why)
            .log(
                "git: cannot fetch {} of {}: {}{}",
                settings.fullRef(),
                settings.url(),
                why,
                commit == null ? "" : "; commit " + commit.name() + " stays the newest known");
      fetchError = why;
      fingerprint = "fetch failed: " + why;
      fetched.accept(false);
    }
  }

  /** The exception's message and its causes', without class names. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 500; t = t.getCause()) {
      String message = t.getMessage();
      if (message == null || text.indexOf(message) >= 0) continue;
      if (text.length() > 0) text.append(": ");
      text.append(message);
    }
    return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
  }

  private CredentialsProvider credentials() throws IOException {
    if (settings.tokenFile().isEmpty()) return null;
    String token = Files.readString(settings.tokenFile().get(), StandardCharsets.UTF_8).strip();
    return new UsernamePasswordCredentialsProvider(settings.username(), token);
  }

  private TransportConfigCallback ssh() {
    if (settings.sshKeyFile().isEmpty() && settings.knownHostsFile().isEmpty()) return null;
    Path home = work.resolve("ssh-home");
    SshdSessionFactoryBuilder builder =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home.toFile())
            .setSshDirectory(home.resolve(".ssh").toFile());
    settings.sshKeyFile().ifPresent(key -> builder.setDefaultIdentities(dir -> List.of(key)));
    settings
        .knownHostsFile()
        .ifPresent(hosts -> builder.setDefaultKnownHostsFiles(dir -> List.of(hosts)));
    SshdSessionFactory factory = builder.build(null);
    return transport -> {
      if (transport instanceof SshTransport sshTransport)
        sshTransport.setSshSessionFactory(factory);
    };
  }

  /**
   * The newest fetched commit's files below {@code path}, loaded; its revision is the commit SHA.
   * Problems name {@code <commit>:<path in the repository>:line:column}.
   */
  @Override
  public synchronized DesiredState load() {
    if (fetchError != null)
      throw new InvalidDesiredStateException(
          List.of(
              new Problem(
                  Mark.file(settings.url()),
                  "cannot fetch "
                      + settings.fullRef()
                      + ": "
                      + fetchError
                      + (commit == null ? "" : " (newest commit known: " + commit.name() + ")"),
                  Problem.Rule.FILE)));
    if (commit == null)
      throw new InvalidDesiredStateException(
          List.of(new Problem(Mark.file(settings.url()), "not fetched yet", Problem.Rule.FILE)));
    Path root = checkout(commit);
    Path dir = root.resolve(settings.path()).normalize();
    String prefix = root + java.io.File.separator;
    String shortCommit = commit.abbreviate(7).name();
    try {
      DesiredState loaded = loader.load(List.of(dir));
      return new DesiredState(
          commit.name(),
          loaded.specs(),
          loaded.files().stream().map(file -> file.replace(prefix, "")).toList());
    } catch (InvalidDesiredStateException e) {
      throw new InvalidDesiredStateException(
          e.problems().stream()
              .map(
                  problem ->
                      new Problem(
                          new Mark(
                              shortCommit + ":" + problem.at().file().replace(prefix, ""),
                              problem.at().line(),
                              problem.at().column()),
                          problem.message().replace(prefix, ""),
                          problem.rule()))
              .toList());
    }
  }

  /**
   * Writes the commit's regular files below {@code path} into a directory of its own (the last one
   * is deleted); symbolic links and submodules are not written. Refuses a tree over the loader's
   * total size limit before writing it.
   */
  private Path checkout(ObjectId id) {
    Path target = work.resolve("checkout-" + id.name());
    if (target.equals(checkedOut)) return target;
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit revCommit = walk.parseCommit(id);
      tree.addTree(revCommit.getTree());
      tree.setRecursive(true);
      String path = Path.of(settings.path()).normalize().toString().replace('\\', '/');
      if (!path.isEmpty() && !path.equals(".")) tree.setFilter(PathFilter.create(path));
      long total = 0;
      long limit = loader.sourceFiles().maxTotalBytes();
      Path staging = work.resolve("staging-" + id.name());
      deleteTree(staging);
      Files.createDirectories(staging);
      while (tree.next()) {
        FileMode mode = tree.getFileMode(0);
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) continue;
        ObjectLoader blob = repository.open(tree.getObjectId(0));
        total += blob.getSize();
        if (total > limit)
          throw new InvalidDesiredStateException(
              List.of(
                  new Problem(
                      Mark.file(id.abbreviate(7).name() + ":" + path),
                      "the files below it are over the limit of "
                          + io.ecsgate.yaml.SourceFiles.size(limit)
                          + " in all; nothing was read",
                      Problem.Rule.FILE)));
        Path file = staging.resolve(tree.getPathString()).normalize();
        if (!file.startsWith(staging)) continue; // never outside the checkout
        Files.createDirectories(file.getParent());
        try (InputStream in = blob.openStream();
            OutputStream out = Files.newOutputStream(file)) {
          in.transferTo(out);
        }
      }
      Files.move(staging, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path previous = checkedOut;
    checkedOut = target;
    if (previous != null) deleteTree(previous);
    return target;
  }

  private void deleteWork() {
    try {
      repository.close();
    } catch (RuntimeException e) {
      // the JVM is ending
    }
    deleteTree(work);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("cannot delete {}", root, e);
    }
  }
}
