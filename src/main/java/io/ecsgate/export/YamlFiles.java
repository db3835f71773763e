package io.ecsgate.export;

import io.ecsgate.yaml.DesiredStateLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The exported documents as desired-state files, one per kind in the style of {@code
 * desired-state/}: {@code load-balancers.yaml}, {@code target-groups.yaml}... each document after
 * {@code ---}, its comments above it, lists of scalars in flow style ({@code [a, b]}), everything
 * else in block style. SnakeYAML writes the YAML (quoting what would otherwise read as another
 * type).
 */
public final class YamlFiles {
  private YamlFiles() {}

  /** The file a kind's documents go to: {@code LoadBalancer} in {@code load-balancers.yaml}. */
  public static String fileName(String kind) {
    String kebab = kind.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    return kebab + "s.yaml";
  }

  /** File name to text, in the documents' order (which is the kinds' order). */
  public static Map<String, String> render(List<Document> documents, String header) {
    Map<String, StringBuilder> files = new LinkedHashMap<>();
    Yaml yaml = yaml();
    for (Document document : documents) {
      StringBuilder file =
          files.computeIfAbsent(fileName(document.kind()), k -> new StringBuilder(comment(header)));
      if (file.length() > comment(header).length()) file.append("---\n");
      file.append(comment(String.join("\n", document.comments())));
      file.append(yaml.dump(tree(document)));
    }
    Map<String, String> texts = new LinkedHashMap<>();
    files.forEach((name, text) -> texts.put(name, text.toString()));
    return texts;
  }

  private static Map<String, Object> tree(Document document) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", document.name());
    metadata.put("adopt", true);
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("apiVersion", DesiredStateLoader.API_VERSION);
    tree.put("kind", document.kind());
    tree.put("metadata", metadata);
    tree.put("spec", document.spec());
    return tree;
  }

  private static String comment(String text) {
    if (text.isEmpty()) return "";
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1))
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    return out.toString();
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    return new Yaml(new FlowScalarLists(options), options);
  }

  /** Lists of scalars in flow style, as {@code desired-state/} writes them. */
  private static final class FlowScalarLists extends Representer {
    FlowScalarLists(DumperOptions options) {
      super(options);
      multiRepresenters.put(
          List.class,
          data -> {
            List<?> list = (List<?>) data;
            boolean scalars =
                list.stream()
                    .allMatch(
                        v -> v instanceof String || v instanceof Number || v instanceof Boolean);
            return representSequence(
                Tag.SEQ,
                list,
                scalars ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
          });
    }
  }
}
