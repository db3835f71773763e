package io.ecsgate.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsgate.controller.DesiredStateSource;
import io.ecsgate.core.DesiredState;
import io.ecsgate.kinds.Registry;
import io.ecsgate.testing.Cli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are read (real files, symbolic links, a kubelet ConfigMap mount) and their sizes. */
class SourceFilesTest {
  @TempDir Path dir;

  static String group(String name, int port) {
    return """
        apiVersion: ecsgate/v1
        kind: TargetGroup
        metadata: {name: %s}
        spec: {vpc: vpc-1, protocol: HTTP, port: %d}
        """
        .formatted(name, port);
  }

  private static String problems(Path... paths) {
    InvalidDesiredStateException error =
        assertThrows(
            InvalidDesiredStateException.class, () -> Registry.loader().load(List.of(paths)));
    return error.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void yamlInAnyLetterCaseIsReadAndOtherFilesAreIgnored() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Files.writeString(dir.resolve("services.YAML"), group("b", 81));
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/c.Yml"), group("c", 82));
    Files.writeString(dir.resolve("notes.txt"), "not: [yaml");
    Files.writeString(dir.resolve("a.yaml.bak"), "not: [yaml");

    DesiredState state = Registry.loader().load(List.of(dir));

    assertEquals(3, state.size());
    assertEquals(
        List.of(
            dir.resolve("a.yaml").toString(),
            dir.resolve("services.YAML").toString(),
            dir.resolve("sub/c.Yml").toString()),
        state.files());
  }

  @Test
  void validateListsTheFilesItReadAfterItsFirstLine() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Files.writeString(dir.resolve("B.YML"), group("b", 81));
    Files.writeString(dir.resolve("readme.md"), "# not read");

    Cli.Result result = Cli.run("validate", dir.toString());

    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = result.out().lines().toList();
    assertTrue(
        lines.get(0).matches("valid: 2 resource\\(s\\), revision [0-9a-f]{12}"), lines.get(0));
    assertEquals(
        List.of("read " + dir.resolve("B.YML"), "read " + dir.resolve("a.yaml")),
        lines.subList(1, lines.size()));
  }

  @Test
  void anOversizedFileIsRefusedByValidateAndTheLimitCanBeRaised() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80) + "#".repeat(2000));

    Cli.Result refused = Cli.run("validate", "--max-file-size", "1KiB", dir.toString());
    Cli.Result raised = Cli.run("validate", "--max-file-size", "4KiB", dir.toString());

    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains(dir.resolve("a.yaml") + ":1:1: file is "), refused.err());
    assertTrue(refused.err().contains("over the limit of 1024 bytes"), refused.err());
    assertEquals(0, raised.exitCode(), raised.err());
  }

  @Test
  void dotfilesAndDotDirectoriesAreSkipped() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Files.writeString(dir.resolve(".hidden.yaml"), "not: [yaml");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/config.yaml"), "not: [yaml");

    DesiredState state = Registry.loader().load(List.of(dir));

    assertEquals(List.of(dir.resolve("a.yaml").toString()), state.files());
  }

  /** The exact layout the kubelet writes for a ConfigMap volume, and its atomic update. */
  @Test
  void aConfigMapMountIsReadOnceThroughItsLinks() throws IOException {
    Path mount = Files.createDirectories(dir.resolve("config"));
    Path first = Files.createDirectories(mount.resolve("..2026_12_01_10_00_00.123456789"));
    Files.writeString(first.resolve("services.yaml"), group("a", 80));
    Files.writeString(first.resolve("groups.yml"), group("b", 81));
    Files.createSymbolicLink(mount.resolve("..data"), Path.of(first.getFileName().toString()));
    Files.createSymbolicLink(mount.resolve("services.yaml"), Path.of("..data/services.yaml"));
    Files.createSymbolicLink(mount.resolve("groups.yml"), Path.of("..data/groups.yml"));

    DesiredState state = Registry.loader().load(List.of(mount));

    assertEquals(2, state.size());
    assertEquals(
        List.of(mount.resolve("groups.yml").toString(), mount.resolve("services.yaml").toString()),
        state.files());

    // the kubelet's update: a new timestamped directory, then ..data swapped to it
    Path second = Files.createDirectories(mount.resolve("..2026_12_01_10_05_00.987654321"));
    Files.writeString(second.resolve("services.yaml"), group("a", 90));
    Files.writeString(second.resolve("groups.yml"), group("b", 91));
    Path swap = mount.resolve("..data_tmp");
    Files.createSymbolicLink(swap, Path.of(second.getFileName().toString()));
    Files.move(swap, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

    DesiredState updated = Registry.loader().load(List.of(mount));

    assertEquals(state.files(), updated.files());
    assertNotEquals(state.revision(), updated.revision());
  }

  @Test
  void aFileReachedTwiceIsReadOnce() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Files.createSymbolicLink(dir.resolve("b.yaml"), Path.of("a.yaml"));

    DesiredState state = Registry.loader().load(List.of(dir, dir.resolve("a.yaml")));

    assertEquals(List.of(dir.resolve("a.yaml").toString()), state.files());
  }

  @Test
  void aDanglingSymbolicLinkIsAnErrorWithItsPath() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Files.createSymbolicLink(dir.resolve("gone.yaml"), Path.of("nowhere.yaml"));

    String all = problems(dir);

    assertTrue(
        all.contains(
            dir.resolve("gone.yaml")
                + ":1:1: dangling symbolic link: its target nowhere.yaml does not exist"),
        all);
  }

  @Test
  void symbolicLinkLoopsAreErrorsWithTheirPaths() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Files.createSymbolicLink(dir.resolve("x.yaml"), Path.of("y.yaml"));
    Files.createSymbolicLink(dir.resolve("y.yaml"), Path.of("x.yaml"));
    Files.createDirectories(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("sub/up"), Path.of(".."));

    String all = problems(dir);

    assertTrue(all.contains(dir.resolve("x.yaml") + ":1:1: symbolic link loop"), all);
    assertTrue(all.contains(dir.resolve("y.yaml") + ":1:1: symbolic link loop"), all);
    assertTrue(all.contains(dir.resolve("sub/up") + ":1:1: symbolic link loop"), all);
    assertTrue(!all.contains("Exception"), all);
  }

  @Test
  void anUnreadableDirectoryIsAnErrorWithItsPath() throws IOException {
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root reads every directory");
    Files.writeString(dir.resolve("a.yaml"), group("a", 80));
    Path locked = Files.createDirectories(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      String all = problems(dir);

      assertTrue(all.contains(locked + ":1:1: cannot list directory: permission denied"), all);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeItIsParsed() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(50 * SourceFiles.MIB); // NUL bytes: parsing it would be an error of its own
    }

    long started = System.nanoTime();
    String all = problems(dir);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(
        big
            + ":1:1: file is 52428800 bytes (50.0 MiB), over the limit of 4194304 bytes (4.0 MiB)"
            + " (--max-file-size raises it); not read",
        all);
    assertTrue(millis < 1000, "refused in " + millis + " ms");
  }

  @Test
  void aDesiredStateOverTheTotalLimitIsRefusedBeforeItIsParsed() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), group("a", 80) + "#".repeat(600));
    Files.writeString(dir.resolve("b.yaml"), "not: [yaml" + "#".repeat(600));
    DesiredStateLoader loader =
        Registry.loader(SpecType.Limits.DEFAULT, new SourceFiles(1000, 1200));

    InvalidDesiredStateException error =
        assertThrows(InvalidDesiredStateException.class, () -> loader.load(List.of(dir)));

    assertEquals(1, error.problems().size(), error.getMessage());
    assertTrue(
        error.getMessage().contains(dir.resolve("a.yaml") + ":1:1: the desired state is "),
        error.getMessage());
    assertTrue(error.getMessage().contains("over the limit of 1200 bytes"), error.getMessage());
  }

  @Test
  @Tag("timing")
  void aFourMebibyteScalarIsParsedInWellUnderASecond() throws IOException {
    String head = "apiVersion: ecsgate/v1\nkind: TargetGroup\nmetadata: {name: t1}\nspec:\n  vpc: ";
    String tail = "\n  protocol: HTTP\n  port: 80\n";
    int scalar = (int) (4 * SourceFiles.MIB) - head.length() - tail.length();
    Files.writeString(dir.resolve("a.yaml"), head + "v".repeat(scalar) + tail);

    long started = System.nanoTime();
    DesiredState state = Registry.loader().load(List.of(dir));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(1, state.size());
    assertTrue(millis < 1000, "loaded in " + millis + " ms");
  }

  @Test
  void changeDetectionSeesAConfigMapSwapEvenToAFileOfTheSameSizeAndTime() throws IOException {
    Path mount = Files.createDirectories(dir.resolve("config"));
    Path first = Files.createDirectories(mount.resolve("..2026_12_01_10_00_00.123456789"));
    Files.writeString(first.resolve("services.yaml"), group("a", 80));
    Files.createSymbolicLink(mount.resolve("..data"), Path.of(first.getFileName().toString()));
    Files.createSymbolicLink(mount.resolve("services.yaml"), Path.of("..data/services.yaml"));
    DesiredStateSource source = DesiredStateSource.files(List.of(mount), Registry.loader());
    String before = source.fingerprint();

    Path second = Files.createDirectories(mount.resolve("..2026_12_01_10_05_00.987654321"));
    Files.writeString(second.resolve("services.yaml"), group("a", 81)); // same size
    Files.setLastModifiedTime(
        second.resolve("services.yaml"), Files.getLastModifiedTime(first.resolve("services.yaml")));
    Path swap = mount.resolve("..data_tmp");
    Files.createSymbolicLink(swap, Path.of(second.getFileName().toString()));
    Files.move(swap, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

    assertNotEquals(before, source.fingerprint());
  }

  @Test
  void changeDetectionReadsOnlyTheFilesItWouldLoadAndOnlyWhenTheyChange() throws IOException {
    Path yaml = dir.resolve("a.yaml");
    Files.writeString(yaml, group("a", 80));
    Files.createDirectories(dir.resolve(".git/objects"));
    try (RandomAccessFile pack =
        new RandomAccessFile(dir.resolve(".git/objects/pack").toFile(), "rw")) {
      pack.setLength(100 * SourceFiles.MIB);
    }
    Files.writeString(dir.resolve("notes.txt"), "x".repeat(10_000));
    DesiredStateSource.FileSource source =
        (DesiredStateSource.FileSource) DesiredStateSource.files(List.of(dir), Registry.loader());

    String first = source.fingerprint();
    assertEquals(Files.size(yaml), source.bytesHashed());
    assertEquals(first, source.fingerprint());
    assertEquals(Files.size(yaml), source.bytesHashed()); // unchanged: not hashed again

    Files.writeString(yaml, group("a", 8080));
    String changed = source.fingerprint();
    assertNotEquals(first, changed);
    assertEquals(2 * Files.size(yaml) - 2, source.bytesHashed());

    Files.createSymbolicLink(dir.resolve("gone.yaml"), Path.of("nowhere.yaml"));
    assertNotEquals(changed, source.fingerprint()); // a new problem is a change to report
  }
}
