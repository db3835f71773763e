package io.ecsgate.yaml;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the desired state from files and directories (which files: {@link SourceFiles}). Strict:
 * every problem in every file is collected and reported at once, and nothing is returned unless the
 * whole state is valid.
 */
public final class DesiredStateLoader {
  public static final String API_VERSION = "ecsgate/v1";

  private final Map<String, SpecType<?>> types = new LinkedHashMap<>();
  private final SpecType.Limits limits;
  private final SourceFiles sourceFiles;

  /** A loader for the kinds {@code types} (io.ecsgate.kinds.Registry lists them all). */
  public DesiredStateLoader(List<SpecType<?>> types, SpecType.Limits limits) {
    this(types, limits, SourceFiles.DEFAULT);
  }

  /** A loader reading the files {@code sourceFiles} finds, within its size limits. */
  public DesiredStateLoader(
      List<SpecType<?>> types, SpecType.Limits limits, SourceFiles sourceFiles) {
    types.forEach(type -> this.types.put(type.kind(), type));
    this.limits = limits;
    this.sourceFiles = sourceFiles;
  }

  /** Which files are read, and their size limits. */
  public SourceFiles sourceFiles() {
    return sourceFiles;
  }

  public DesiredState load(List<Path> paths) {
    Problems problems = new Problems();
    List<SourceFiles.Found> files = sourceFiles.find(paths, problems);
    MessageDigest digest = sha256();
    List<Spec> specs = new ArrayList<>();
    for (SourceFiles.Found file : files) {
      String name = file.name();
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file.path())) {
        bytes =
            in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, sourceFiles.maxFileBytes() + 1));
      } catch (IOException e) {
        problems.add(
            Mark.file(name), Problem.Rule.FILE, "cannot read file: " + SourceFiles.reason(e));
        continue;
      }
      if (bytes.length > sourceFiles.maxFileBytes()) {
        problems.add(
            Mark.file(name),
            Problem.Rule.FILE,
            "file grew over the limit of "
                + SourceFiles.size(sourceFiles.maxFileBytes())
                + " while it was read; not read");
        continue;
      }
      revisionInput(digest, file.relative(), bytes);
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        problems.add(Mark.file(name), Problem.Rule.FILE, "not a UTF-8 text file");
        continue;
      }
      if (text.indexOf('\0') >= 0) {
        problems.add(Mark.file(name), Problem.Rule.FILE, "not a text file (contains NUL bytes)");
        continue;
      }
      for (YamlNode document : YamlDocuments.parse(name, text, problems)) {
        readDocument(document, problems).ifPresent(specs::add);
      }
    }
    DesiredState state =
        new DesiredState(
            HexFormat.of().formatHex(digest.digest()).substring(0, 12),
            specs,
            files.stream().map(SourceFiles.Found::name).toList());
    if (state.isEmpty() && problems.isEmpty()) {
      Mark at =
          files.isEmpty()
              ? Mark.file(paths.isEmpty() ? "." : paths.get(0).toString())
              : Mark.file(files.get(0).name());
      problems.add(
          at,
          Problem.Rule.CROSS_DOCUMENT,
          "the desired state is empty: no resources declared (refusing to treat this as 'delete everything')");
    }
    check(state, problems);
    problems.throwIfAny();
    return state;
  }

  /**
   * The revision is the hash of each file's path relative to the argument it was found under and
   * its content, each length-prefixed: the same files give the same revision whether they are read
   * as {@code desired-state/}, {@code ./desired-state} or {@code /config/desired-state}.
   */
  private static void revisionInput(MessageDigest digest, String relative, byte[] content) {
    byte[] name = relative.getBytes(StandardCharsets.UTF_8);
    digest.update((name.length + ":").getBytes(StandardCharsets.UTF_8));
    digest.update(name);
    digest.update((content.length + ":").getBytes(StandardCharsets.UTF_8));
    digest.update(content);
  }

  private Optional<Spec> readDocument(YamlNode document, Problems problems) {
    if (document instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.NULL)
      return Optional.empty(); // empty document
    Fields root = Fields.of(document, "document", problems).orElse(null);
    if (root == null) return Optional.empty();
    String apiVersion = root.requiredString("apiVersion");
    if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION)) {
      problems.add(
          root.at("apiVersion"),
          Problem.Rule.ENUM,
          "apiVersion must be " + API_VERSION + ", got '" + apiVersion + "'");
    }
    String kind = root.requiredString("kind");
    if (!kind.isEmpty() && !types.containsKey(kind)) {
      problems.add(
          root.at("kind"),
          Problem.Rule.ENUM,
          "unknown kind '"
              + kind
              + "' (known kinds: "
              + String.join(", ", new TreeSet<>(types.keySet()))
              + ")");
      kind = "";
    }
    Fields metadataFields = root.requiredMapping("metadata");
    String name = metadataFields.requiredString("name");
    Metadata metadata =
        new Metadata(
            kind,
            name,
            metadataFields.at("name"),
            metadataFields.bool("adopt", false),
            metadataFields.bool("suspend", false));
    metadataFields.end();
    Fields spec = root.requiredMapping("spec");
    root.end();
    if (kind.isEmpty() || name.isEmpty()) return Optional.empty();
    Spec read = types.get(kind).read(metadata, spec);
    spec.end();
    return Optional.of(read);
  }

  /** Names unique per kind; then each kind's checks across documents, in kind order. */
  private void check(DesiredState state, Problems problems) {
    for (SpecType<?> type : types.values()) unique(state.all(type.type()), type.kind(), problems);
    for (SpecType<?> type : types.values()) check(type, state, problems);
  }

  private <S extends Spec> void check(SpecType<S> type, DesiredState state, Problems problems) {
    type.check(state.all(type.type()), state, limits, problems);
  }

  private static void unique(List<? extends Spec> specs, String kind, Problems problems) {
    Map<String, Spec> byName = new HashMap<>();
    Set<String> reported = new HashSet<>();
    for (Spec spec : specs) {
      Metadata meta = spec.metadata();
      Spec first = byName.putIfAbsent(meta.name(), spec);
      if (first != null && reported.add(meta.name() + "@" + meta.at())) {
        problems.add(
            meta.at(),
            Problem.Rule.UNIQUE,
            kind
                + " '"
                + meta.name()
                + "' is declared twice (first at "
                + first.metadata().at()
                + ")");
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
