package io.ecsgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real git repository for tests, driven with Debian's git: a bare {@code remote.git} and a work
 * tree that commits and pushes to it (force-pushes too). Optionally served by {@code git daemon} on
 * loopback.
 */
public final class GitRepo implements AutoCloseable {
  private final Path root;
  private final Path remote;
  private final Path work;
  private Process daemon;
  private int daemonPort;

  private GitRepo(Path root) {
    this.root = root;
    this.remote = root.resolve("remote.git");
    this.work = root.resolve("work");
  }

  /** A bare repository with branch {@code main}, and a work tree cloned from it. */
  public static GitRepo create(Path root) throws IOException {
    GitRepo repo = new GitRepo(root);
    repo.git(root, "init", "--bare", "--initial-branch=main", repo.remote.toString());
    repo.git(root, "init", "--initial-branch=main", repo.work.toString());
    repo.git(repo.work, "remote", "add", "origin", repo.remote.toString());
    return repo;
  }

  public Path work() {
    return work;
  }

  public String fileUrl() {
    return remote.toUri().toString();
  }

  /** Copies {@code from}'s files into {@code dir} of the work tree (replacing what was there). */
  public void put(Path from, String dir) throws IOException {
    Path target = work.resolve(dir);
    if (Files.exists(target))
      try (Stream<Path> old = Files.walk(target)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) Files.copy(file, target.resolve(file.getFileName()));
    }
  }

  public void write(String file, String text) throws IOException {
    Path path = work.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  public String read(String file) throws IOException {
    return Files.readString(work.resolve(file));
  }

  /** Commits everything and pushes main; returns the commit SHA. */
  public String commitAndPush(String message) throws IOException {
    git(work, "add", "-A");
    git(work, "commit", "--allow-empty", "-q", "-m", message);
    git(work, "push", "-q", "origin", "HEAD:main");
    return head();
  }

  /** Moves main back to {@code commit} and force-pushes it (history rewritten). */
  public void forcePush(String commit) throws IOException {
    git(work, "reset", "-q", "--hard", commit);
    git(work, "push", "-q", "--force", "origin", "HEAD:main");
  }

  public String head() throws IOException {
    return git(work, "rev-parse", "HEAD").strip();
  }

  /** Serves the bare repository with {@code git daemon} on 127.0.0.1 (port 0: a free one). */
  public String serve(int port) throws IOException {
    if (port == 0)
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    daemonPort = port;
    Path log = root.resolve("git-daemon.log");
    daemon =
        new ProcessBuilder(
                "git",
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + root,
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // ready when it accepts a connection (polled against a deadline)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
        return "git://127.0.0.1:" + port + "/remote.git";
      } catch (IOException notYet) {
        if (!daemon.isAlive()) throw new IOException("git daemon exited: " + Files.readString(log));
        try {
          daemon.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    throw new IOException("git daemon did not start: " + Files.readString(log));
  }

  public int daemonPort() {
    return daemonPort;
  }

  /** Stops {@code git daemon} (the remote becomes unreachable). */
  public void stopServing() throws InterruptedException {
    if (daemon == null) return;
    daemon.destroy();
    daemon.waitFor(10, TimeUnit.SECONDS);
    daemon = null;
  }

  private String git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=ecsgate test"));
    command.addAll(List.of("-c", "user.email=test@ecsgate.invalid", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0)
        throw new IOException("git " + String.join(" ", args) + " failed: " + output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return output;
  }

  @Override
  public void close() throws InterruptedException {
    stopServing();
  }
}
