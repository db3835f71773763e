package io.ecsgate.yaml;

import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.apigateway.VpcLinkSpec;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.ecs.ServiceSpec;
import io.ecsgate.kinds.elb.ListenerRuleSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.kinds.elb.TargetGroupSpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
  static final Set<String> KINDS =
      new TreeSet<>(
          Set.of(
              LoadBalancerSpec.KIND,
              TargetGroupSpec.KIND,
              ListenerRuleSpec.KIND,
              ClusterSpec.KIND,
              ServiceSpec.KIND,
              VpcLinkSpec.KIND,
              RestApiSpec.KIND));

  private final Limits limits;

  public DesiredStateLoader() {
    this(Limits.DEFAULT);
  }

  public DesiredStateLoader(Limits limits) {
    this.limits = limits;
  }

  /** AWS quotas that depend on the account; the defaults are AWS's defaults. */
  public record Limits(int rulesPerLoadBalancer) {
    public static final Limits DEFAULT = new Limits(100);
  }

  public DesiredState load(List<Path> paths) {
    Problems problems = new Problems();
    List<Path> files = new ArrayList<>();
    for (Path path : paths) collectFiles(path, files, problems);
    MessageDigest digest = sha256();
    Builder builder = new Builder();
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
        readDocument(document, builder, problems);
      }
    }
    DesiredState state = builder.build(HexFormat.of().formatHex(digest.digest()).substring(0, 12));
    if (state.isEmpty() && problems.isEmpty()) {
      Mark at =
          files.isEmpty()
              ? Mark.file(paths.isEmpty() ? "." : paths.get(0).toString())
              : Mark.file(files.get(0).toString());
      problems.add(
          at,
          "the desired state is empty: no resources declared (refusing to treat this as 'delete everything')");
    }
    References.check(state, limits, problems);
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

  private static void readDocument(YamlNode document, Builder builder, Problems problems) {
    if (document instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.NULL)
      return; // empty document
    Fields root = Fields.of(document, "document", problems).orElse(null);
    if (root == null) return;
    String apiVersion = root.requiredString("apiVersion");
    if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION)) {
      problems.add(
          root.at("apiVersion"),
          "apiVersion must be " + API_VERSION + ", got '" + apiVersion + "'");
    }
    String kind = root.requiredString("kind");
    if (!kind.isEmpty() && !KINDS.contains(kind)) {
      problems.add(
          root.at("kind"),
          "unknown kind '" + kind + "' (known kinds: " + String.join(", ", KINDS) + ")");
      kind = "";
    }
    Fields metadataFields = root.requiredMapping("metadata");
    String name = metadataFields.requiredString("name");
    Metadata metadata =
        new Metadata(
            name,
            metadataFields.at("name"),
            metadataFields.bool("adopt", false),
            metadataFields.bool("suspend", false));
    metadataFields.end();
    Fields spec = root.requiredMapping("spec");
    root.end();
    if (kind.isEmpty() || name.isEmpty()) return;
    switch (kind) {
      case LoadBalancerSpec.KIND ->
          builder.loadBalancers.add(LoadBalancerSpec.read(metadata, spec));
      case TargetGroupSpec.KIND -> builder.targetGroups.add(TargetGroupSpec.read(metadata, spec));
      case ListenerRuleSpec.KIND ->
          builder.listenerRules.add(ListenerRuleSpec.read(metadata, spec));
      case ClusterSpec.KIND -> builder.clusters.add(ClusterSpec.read(metadata, spec));
      case ServiceSpec.KIND -> builder.services.add(ServiceSpec.read(metadata, spec));
      case VpcLinkSpec.KIND -> builder.vpcLinks.add(VpcLinkSpec.read(metadata, spec));
      case RestApiSpec.KIND -> builder.restApis.add(RestApiSpec.read(metadata, spec));
      default -> throw new IllegalStateException(kind);
    }
    spec.end();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Builder {
    final List<LoadBalancerSpec> loadBalancers = new ArrayList<>();
    final List<TargetGroupSpec> targetGroups = new ArrayList<>();
    final List<ListenerRuleSpec> listenerRules = new ArrayList<>();
    final List<ClusterSpec> clusters = new ArrayList<>();
    final List<ServiceSpec> services = new ArrayList<>();
    final List<VpcLinkSpec> vpcLinks = new ArrayList<>();
    final List<RestApiSpec> restApis = new ArrayList<>();

    DesiredState build(String revision) {
      return new DesiredState(
          revision,
          loadBalancers,
          targetGroups,
          listenerRules,
          clusters,
          services,
          vpcLinks,
          restApis);
    }
  }
}
