package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.GitRepo;
import io.ecsgate.yaml.InvalidDesiredStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threeten.extra.MutableClock;

/** The git source against real repositories (file:// remotes made with Debian's git). */
class GitSourceTest {
  private static final Path SEED = Path.of("desired-state");
  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final List<Boolean> fetches = new ArrayList<>();

  private GitSource source(String url, String path) throws Exception {
    return new GitSource(
        new GitSource.Settings(
            url,
            "main",
            path,
            Duration.ofMinutes(1),
            Optional.empty(),
            "x-access-token",
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(10)),
        Registry.loader(),
        clock,
        fetches::add);
  }

  @Test
  void theRevisionIsTheCommitAndAPushIsSeenAtTheNextPoll(@TempDir Path dir) throws Exception {
    try (GitRepo repo = GitRepo.create(dir)) {
      repo.put(SEED, "desired-state");
      String first = repo.commitAndPush("seed");
      GitSource source = source(repo.fileUrl(), "desired-state/");
      String fingerprint = source.fingerprint();
      DesiredState loaded = source.load();
      assertEquals(first, loaded.revision());
      assertEquals(Registry.loader().load(List.of(SEED)).size(), loaded.size());
      assertTrue(
          loaded.files().stream().allMatch(f -> f.startsWith("desired-state/")),
          loaded.files().toString());

      String text = repo.read("desired-state/listener-rules.yaml");
      repo.write("desired-state/listener-rules.yaml", text.replace("/demo1/*", "/demo1/x/*"));
      String second = repo.commitAndPush("change a path");
      assertEquals(fingerprint, source.fingerprint(), "no fetch before the poll is due");
      clock.add(Duration.ofMinutes(1));
      assertNotEquals(fingerprint, source.fingerprint());
      assertEquals(second, source.load().revision());

      source.fetchSoon(); // a webhook: fetched at the next tick, whatever the poll
      repo.write("desired-state/listener-rules.yaml", text);
      String third = repo.commitAndPush("back");
      source.fingerprint();
      assertEquals(third, source.load().revision());
      assertEquals(List.of(true, true, true), fetches);
    }
  }

  @Test
  void aBadCommitNamesCommitAndRepositoryPathAndAForcePushIsFollowed(@TempDir Path dir)
      throws Exception {
    try (GitRepo repo = GitRepo.create(dir)) {
      repo.put(SEED, "desired-state");
      String good = repo.commitAndPush("seed");
      repo.write(
          "desired-state/listener-rules.yaml",
          repo.read("desired-state/listener-rules.yaml").replaceFirst("priority:", "pririty:"));
      String bad = repo.commitAndPush("typo");
      GitSource source = source(repo.fileUrl(), "desired-state");
      source.fingerprint();
      InvalidDesiredStateException e =
          assertThrows(InvalidDesiredStateException.class, source::load);
      String problem = e.problems().get(0).toString();
      assertTrue(
          problem.startsWith(bad.substring(0, 7) + ":desired-state/listener-rules.yaml:"), problem);

      repo.forcePush(good); // the bad commit is gone from the branch
      source.fetchSoon();
      source.fingerprint();
      assertEquals(good, source.load().revision());
    }
  }

  @Test
  void anUnreachableRemoteIsAFailedLoadAndItsReturnRecovers(@TempDir Path dir) throws Exception {
    try (GitRepo repo = GitRepo.create(dir)) {
      repo.put(SEED, "desired-state");
      String good = repo.commitAndPush("seed");
      GitSource source = source(repo.fileUrl(), "desired-state");
      String ok = source.fingerprint();
      assertEquals(good, source.load().revision());

      Path remote = dir.resolve("remote.git");
      Path away = dir.resolve("away.git");
      Files.move(remote, away);
      source.fetchSoon();
      String failed = source.fingerprint();
      assertNotEquals(ok, failed);
      InvalidDesiredStateException e =
          assertThrows(InvalidDesiredStateException.class, source::load);
      assertTrue(
          e.problems().get(0).toString().contains("cannot fetch refs/heads/main"),
          "" + e.problems());
      assertTrue(e.problems().get(0).toString().contains(good), "names the newest known commit");

      Files.move(away, remote);
      source.fetchSoon();
      assertEquals(ok, source.fingerprint(), "back to the same commit");
      assertEquals(good, source.load().revision());
      assertEquals(List.of(true, false, true), fetches);
    }
  }

  @Test
  void theSameCommitGivesTheSameRevisionWhereverThePathIsSpelled(@TempDir Path dir)
      throws Exception {
    try (GitRepo repo = GitRepo.create(dir)) {
      repo.put(SEED, "config/desired-state");
      String commit = repo.commitAndPush("seed");
      for (String path : List.of("config/desired-state", "./config/desired-state/")) {
        GitSource source = source(repo.fileUrl(), path);
        source.fingerprint();
        assertEquals(commit, source.load().revision(), path);
      }
    }
  }
}
