package io.ecsgate.controller;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.DesiredStateLoader;
import io.ecsgate.yaml.Problem;
import io.ecsgate.yaml.Problems;
import io.ecsgate.yaml.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the desired state comes from. {@link #fingerprint()} is a cheap check, made every tick,
 * that tells whether anything changed since the last load; {@link #load()} validates it in full.
 */
public interface DesiredStateSource {
  /** Changes whenever the content changes (files added, removed or edited). */
  String fingerprint();

  /** The validated desired state; throws {@link io.ecsgate.yaml.InvalidDesiredStateException}. */
  DesiredState load();

  /**
   * YAML files and directories, as the other commands read them. The fingerprint looks only at the
   * files the loader would read ({@link SourceFiles}: never {@code .git} or other dot-entries), and
   * hashes a file's content only when its size, modification time or identity (the file a ConfigMap
   * link leads to) changed since the last fingerprint; problems finding the files (a dangling link,
   * an unreadable directory) are part of it, so that they are reported by a load.
   */
  static DesiredStateSource files(List<Path> paths, DesiredStateLoader loader) {
    return new FileSource(paths, loader);
  }

  /** {@link #files}: the content hash of each file, kept while its size and time do not change. */
  final class FileSource implements DesiredStateSource {
    private record Seen(long size, FileTime modified, Object fileKey, String hash) {}

    private final List<Path> paths;
    private final DesiredStateLoader loader;
    private Map<Path, Seen> seen = new HashMap<>();
    private long bytesHashed;

    FileSource(List<Path> paths, DesiredStateLoader loader) {
      this.paths = List.copyOf(paths);
      this.loader = loader;
    }

    @Override
    public String fingerprint() {
      MessageDigest digest = sha256();
      Problems problems = new Problems();
      Map<Path, Seen> now = new HashMap<>();
      for (SourceFiles.Found file : loader.sourceFiles().find(paths, problems)) {
        Seen before = seen.get(file.path());
        Seen current =
            before != null
                    && before.size() == file.size()
                    && before.modified().equals(file.modified())
                    && Objects.equals(before.fileKey(), file.fileKey())
                ? before
                : new Seen(file.size(), file.modified(), file.fileKey(), hash(file.path()));
        now.put(file.path(), current);
        digest.update(
            (file.name() + "\n" + current.hash() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (Problem problem : problems.sorted())
        digest.update((problem + "\n").getBytes(StandardCharsets.UTF_8));
      seen = now;
      return HexFormat.of().formatHex(digest.digest());
    }

    /** How many bytes of file content the fingerprints so far have read (for tests). */
    public long bytesHashed() {
      return bytesHashed;
    }

    private String hash(Path file) {
      MessageDigest digest = sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        bytesHashed += in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        return "unreadable: " + e.getClass().getSimpleName();
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public DesiredState load() {
      return loader.load(paths);
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
