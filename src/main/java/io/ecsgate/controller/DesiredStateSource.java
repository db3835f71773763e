package io.ecsgate.controller;

import io.ecsgate.core.DesiredState;
import io.ecsgate.yaml.DesiredStateLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the desired state comes from. {@link #fingerprint()} is a cheap check, made every tick,
 * that tells whether anything changed since the last load; {@link #load()} validates it in full.
 */
public interface DesiredStateSource {
  /** Changes whenever the content changes (files added, removed or edited). */
  String fingerprint();

  /** The validated desired state; throws {@link io.ecsgate.yaml.InvalidDesiredStateException}. */
  DesiredState load();

  /** YAML files and directories, as the other commands read them. */
  static DesiredStateSource files(List<Path> paths, DesiredStateLoader loader) {
    return new DesiredStateSource() {
      @Override
      public String fingerprint() {
        MessageDigest digest;
        try {
          digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
        for (Path file : files()) {
          digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
          try {
            digest.update(Files.readAllBytes(file));
          } catch (IOException e) {
            digest.update(("unreadable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
          }
        }
        return HexFormat.of().formatHex(digest.digest());
      }

      private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
          if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
              walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
              files.add(path);
            }
          } else {
            files.add(path);
          }
        }
        return files;
      }

      @Override
      public DesiredState load() {
        return loader.load(paths);
      }
    };
  }
}
