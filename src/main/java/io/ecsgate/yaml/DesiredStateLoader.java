package io.ecsgate.yaml;

import io.ecsgate.core.DesiredState;
import io.ecsgate.core.Spec;
import java.io.IOException;
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
import java.util.stream.Stream;

/**
 * Loads the desired state from files and directories (every {@code .yaml}/{@code .yml} below a
 * directory, in path order). Strict: every problem in every file is collected and reported at once,
 * and nothing is returned unless the whole state is valid.
 */
public final class DesiredStateLoader {
  public static final String API_VERSION = "ecsgate/v1";

  private final Map<String, SpecType<?>> types = new LinkedHashMap<>();
  private final SpecType.Limits limits;

  /** A loader for the kinds {@code types} (io.ecsgate.kinds.Registry lists them all). */
  public DesiredStateLoader(List<SpecType<?>> types, SpecType.Limits limits) {
    types.forEach(type -> this.types.put(type.kind(), type));
    this.limits = limits;
  }

  public DesiredState load(List<Path> paths) {
    Problems problems = new Problems();
    List<Path> files = new ArrayList<>();
    for (Path path : paths) collectFiles(path, files, problems);
    MessageDigest digest = sha256();
    List<Spec> specs = new ArrayList<>();
    for (Path file : files) {
      String name = file.toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        problems.add(Mark.file(name), "cannot read file: " + e.getMessage());
        continue;
      }
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        problems.add(Mark.file(name), "not a UTF-8 text file");
        continue;
      }
      if (text.indexOf('\0') >= 0) {
        problems.add(Mark.file(name), "not a text file (contains NUL bytes)");
        continue;
      }
      for (YamlNode document : YamlDocuments.parse(name, text, problems)) {
        readDocument(document, problems).ifPresent(specs::add);
      }
    }
    DesiredState state =
        new DesiredState(HexFormat.of().formatHex(digest.digest()).substring(0, 12), specs);
    if (state.isEmpty() && problems.isEmpty()) {
      Mark at =
          files.isEmpty()
              ? Mark.file(paths.isEmpty() ? "." : paths.get(0).toString())
              : Mark.file(files.get(0).toString());
      problems.add(
          at,
          "the desired state is empty: no resources declared (refusing to treat this as 'delete everything')");
    }
    check(state, problems);
    problems.throwIfAny();
    return state;
  }

  private static void collectFiles(Path path, List<Path> files, Problems problems) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile)
            .filter(
                p ->
                    p.getFileName().toString().endsWith(".yaml")
                        || p.getFileName().toString().endsWith(".yml"))
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        problems.add(Mark.file(path.toString()), "cannot list directory: " + e.getMessage());
      }
    } else if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      problems.add(Mark.file(path.toString()), "no such file or directory");
    }
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
          "apiVersion must be " + API_VERSION + ", got '" + apiVersion + "'");
    }
    String kind = root.requiredString("kind");
    if (!kind.isEmpty() && !types.containsKey(kind)) {
      problems.add(
          root.at("kind"),
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
