package io.ecsgate.cli;

import io.ecsgate.aws.AwsClients;
import io.ecsgate.export.Exporter;
import io.ecsgate.export.LeftOut;
import io.ecsgate.export.Reach;
import io.ecsgate.export.YamlFiles;
import io.ecsgate.kinds.Registry;
import io.ecsgate.kinds.apigateway.RestApiSpec;
import io.ecsgate.kinds.ecs.ClusterSpec;
import io.ecsgate.kinds.elb.LoadBalancerSpec;
import io.ecsgate.yaml.InvalidDesiredStateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Writes the desired state of resources built by hand: from the starting points, everything they
 * reach, one YAML file per kind, every document with {@code metadata.adopt: true}. Reads AWS, never
 * writes it. The files are loaded (the same loader as {@code validate}) before they are written;
 * nothing is written when a starting point does not exist or the directory already holds YAML.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Read resources built by hand and write the desired-state YAML that adopts them"
            + " (reads only; exit 0 all written, 2 something could not be expressed, 1 error).")
final class ExportCommand implements Callable<Integer> {
  static final String HEADER =
      "Written by ecsgate export. Every document adopts the resource AWS has (metadata.adopt: true):\n"
          + "check with ecsgate plan, which should show only the adoptions.";

  @Spec CommandSpec spec;
  @ParentCommand Main main;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description =
          "A cluster to export, with its services, the task definitions they run and their"
              + " scaling (repeatable).")
  List<String> clusters = new ArrayList<>();

  @Option(
      names = "--load-balancer",
      paramLabel = "NAME",
      description =
          "A load balancer to export, with its listeners, rules and target groups (repeatable).")
  List<String> loadBalancers = new ArrayList<>();

  @Option(
      names = "--rest-api",
      paramLabel = "NAME",
      description =
          "A REST API to export, with its routes, integrations, VPC link and stage, and the load"
              + " balancers they reach (repeatable).")
  List<String> restApis = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The directory to write to (created; it must not hold YAML files already).")
  Path out;

  @Option(
      names = "--include-values",
      description =
          "Write values that may be secret (environment values, stage variables) as they are,"
              + " not as placeholders.")
  boolean includeValues;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<Reach> starts = new ArrayList<>();
    clusters.forEach(name -> starts.add(new Reach(ClusterSpec.KIND, name)));
    loadBalancers.forEach(name -> starts.add(new Reach(LoadBalancerSpec.KIND, name)));
    restApis.forEach(name -> starts.add(new Reach(RestApiSpec.KIND, name)));
    if (starts.isEmpty())
      throw new CommandFailure(
          "export needs a starting point: --cluster, --load-balancer or --rest-api");
    if (Files.exists(out) && !Files.isDirectory(out))
      throw new CommandFailure(out + " is a file, not a directory; nothing written");
    if (holdsYaml(out))
      throw new CommandFailure(out + " already holds YAML files; export writes to a new directory");
    ProgressLine progress = main.output.progress(err);
    Exporter.Result result;
    try (AwsClients clients =
        main.aws.connect(
            line -> {
              err.println(line);
              err.flush();
            },
            progress)) {
      result = Registry.exporter(clients, main.aws.ownership()).export(starts, includeValues);
    }
    progress.clear();
    if (!result.notFound().isEmpty()) {
      result.notFound().forEach(r -> err.println("error: " + r + " not found"));
      err.flush();
      return Main.ERROR;
    }
    Map<String, String> files = YamlFiles.render(result.documents(), HEADER);
    if (!files.isEmpty()) write(files, err);
    PrintWriter stdout = spec.commandLine().getOut();
    files.keySet().forEach(name -> stdout.println("wrote " + out.resolve(name)));
    stdout.println(
        result.documents().size()
            + " documents in "
            + files.size()
            + " files; left out: "
            + result.leftOut().size());
    stdout.flush();
    for (LeftOut left : result.leftOut()) err.println("left out: " + left);
    err.flush();
    return result.complete() ? Main.OK : Main.CHANGES;
  }

  /** Loads the files in a scratch directory first: only YAML that validates is written. */
  private void write(Map<String, String> files, PrintWriter err) {
    try {
      Path scratch = Files.createTempDirectory("ecsgate-export");
      try {
        for (Map.Entry<String, String> file : files.entrySet())
          Files.writeString(
              scratch.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        try {
          Registry.loader().load(List.of(scratch));
        } catch (InvalidDesiredStateException e) {
          Loading.print(e.problems(), err);
          throw new CommandFailure(
              "the exported documents do not validate (a bug): nothing written");
        }
        Files.createDirectories(out);
        for (Map.Entry<String, String> file : files.entrySet())
          Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      } finally {
        try (Stream<Path> paths = Files.walk(scratch)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean holdsYaml(Path dir) {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.anyMatch(
          p ->
              p.getFileName().toString().endsWith(".yaml")
                  || p.getFileName().toString().endsWith(".yml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
