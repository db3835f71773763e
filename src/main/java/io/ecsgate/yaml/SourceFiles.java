package io.ecsgate.yaml;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which files the desired state is read from, and the sizes it may have. The rule:
 *
 * <ul>
 *   <li>a file named on the command line is read whatever its name;
 *   <li>below a directory named on the command line, every regular file whose name ends in {@code
 *       .yaml} or {@code .yml}, in any letter case, is read, in path order; other files are
 *       ignored;
 *   <li>entries whose name starts with a dot (dotfiles and dot-directories such as {@code .git})
 *       are skipped. A Kubernetes ConfigMap mount still works: its visible {@code name.yaml} are
 *       symbolic links through {@code ..data} into the timestamped {@code ..2026_...} directory,
 *       and are read through those links, once each;
 *   <li>symbolic links are followed; a file reached twice (by two links or two arguments) is read
 *       once, under the first path it was found at;
 *   <li>a dangling symbolic link, a symbolic link loop, an unreadable file or directory, a file
 *       over {@code maxFileBytes} and a desired state over {@code maxTotalBytes} in all are errors
 *       with the path, found before anything is parsed.
 * </ul>
 */
public record SourceFiles(long maxFileBytes, long maxTotalBytes) {
  public static final long MIB = 1024 * 1024;
  public static final SourceFiles DEFAULT = new SourceFiles(4 * MIB, 64 * MIB);

  /**
   * One file to read: where it was found, its path relative to the argument it was found under
   * ({@code relative}: with {@code /} separators; a file given itself is its own name), and its
   * size, modification time and identity (device and inode, where the file system has them) when it
   * was found.
   */
  public record Found(Path path, String relative, long size, FileTime modified, Object fileKey) {
    public String name() {
      return path.toString();
    }
  }

  /**
   * The files to read below {@code paths}, in order; every problem (including the size limits) is
   * added to {@code problems}, and a file with a problem is not in the list.
   */
  public List<Found> find(List<Path> paths, Problems problems) {
    List<Found> found = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path path : paths) {
      List<Found> below = new ArrayList<>();
      if (Files.isDirectory(path)) {
        walk(path, path, new HashSet<>(), below, problems);
      } else if (Files.isRegularFile(path)) {
        file(path, path.getParent() == null ? Path.of("") : path.getParent(), below, problems);
      } else if (Files.isSymbolicLink(path)) {
        problems.add(Mark.file(path.toString()), Problem.Rule.FILE, brokenLink(path));
      } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(
            Mark.file(path.toString()), Problem.Rule.FILE, "not a regular file or directory");
      } else {
        problems.add(Mark.file(path.toString()), Problem.Rule.FILE, "no such file or directory");
      }
      below.sort(Comparator.comparing(Found::path));
      for (Found file : below) {
        if (seen.add(realPath(file.path()))) found.add(file);
      }
    }
    long total = found.stream().mapToLong(Found::size).sum();
    if (total > maxTotalBytes) {
      problems.add(
          Mark.file(found.get(0).name()),
          Problem.Rule.FILE,
          "the desired state is "
              + size(total)
              + " in "
              + found.size()
              + " file(s), over the limit of "
              + size(maxTotalBytes)
              + " in all; nothing was read");
      return List.of();
    }
    return found;
  }

  /** Whether a file found below a directory is read, by its name. */
  public static boolean isYaml(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /** The size as bytes and MiB, for messages: "5242880 bytes (5.0 MiB)". */
  public static String size(long bytes) {
    return bytes + " bytes (" + String.format(Locale.ROOT, "%.1f", bytes / (double) MIB) + " MiB)";
  }

  private void walk(
      Path root, Path dir, Set<Path> ancestors, List<Found> found, Problems problems) {
    Path real = realPath(dir);
    if (!ancestors.add(real)) {
      problems.add(
          Mark.file(dir.toString()),
          Problem.Rule.FILE,
          "symbolic link loop: this directory is " + real + ", which contains it");
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException | RuntimeException e) {
      problems.add(
          Mark.file(dir.toString()), Problem.Rule.FILE, "cannot list directory: " + reason(e));
      ancestors.remove(real);
      return;
    }
    entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) continue;
      if (Files.isDirectory(entry)) {
        walk(root, entry, ancestors, found, problems);
      } else if (Files.isRegularFile(entry)) {
        if (isYaml(name)) file(entry, root, found, problems);
      } else if (Files.isSymbolicLink(entry)) {
        problems.add(Mark.file(entry.toString()), Problem.Rule.FILE, brokenLink(entry));
      } else if (isYaml(name)) {
        problems.add(Mark.file(entry.toString()), Problem.Rule.FILE, "not a regular file");
      }
    }
    ancestors.remove(real);
  }

  private void file(Path path, Path root, List<Found> found, Problems problems) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      problems.add(Mark.file(path.toString()), Problem.Rule.FILE, "cannot read file: " + reason(e));
      return;
    }
    if (!Files.isReadable(path)) {
      problems.add(
          Mark.file(path.toString()), Problem.Rule.FILE, "cannot read file: permission denied");
      return;
    }
    if (attributes.size() > maxFileBytes) {
      problems.add(
          Mark.file(path.toString()),
          Problem.Rule.FILE,
          "file is "
              + size(attributes.size())
              + ", over the limit of "
              + size(maxFileBytes)
              + " (--max-file-size raises it); not read");
      return;
    }
    found.add(
        new Found(
            path,
            relative(root, path),
            attributes.size(),
            attributes.lastModifiedTime(),
            attributes.fileKey()));
  }

  /** {@code path} below {@code root}, with {@code /} separators whatever the platform. */
  private static String relative(Path root, Path path) {
    Path relative = root.toString().isEmpty() ? path : root.relativize(path);
    List<String> names = new ArrayList<>();
    relative.forEach(name -> names.add(name.toString()));
    return String.join("/", names);
  }

  private static String brokenLink(Path link) {
    try {
      link.toRealPath();
      return "not a regular file or directory";
    } catch (NoSuchFileException e) {
      String target;
      try {
        target = Files.readSymbolicLink(link).toString();
      } catch (IOException | RuntimeException other) {
        target = "?";
      }
      return "dangling symbolic link: its target " + target + " does not exist";
    } catch (FileSystemException e) {
      return "symbolic link loop (" + reason(e) + ")";
    } catch (IOException e) {
      return "cannot follow symbolic link: " + reason(e);
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** Why an I/O operation failed, in words, without the exception's class name. */
  static String reason(Exception e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof FileSystemException fs && fs.getReason() != null)
      return fs.getReason().toLowerCase(Locale.ROOT);
    if (e.getCause() instanceof Exception cause && cause != e) return reason(cause);
    return e.getMessage() == null ? "I/O error" : e.getMessage();
  }
}
