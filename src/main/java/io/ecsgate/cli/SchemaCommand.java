package io.ecsgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the JSON Schema of the desired-state documents (schema/ecsgate.schema.json, shipped in the
 * jar), for editors that validate and complete YAML with yaml-language-server.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description =
        "Print the JSON Schema (draft-07) of the desired-state YAML, for editors"
            + " (yaml-language-server: VS Code, IntelliJ, Neovim).")
final class SchemaCommand implements Callable<Integer> {
  static final String RESOURCE = "/schema/ecsgate.schema.json";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(text());
    out.flush();
    return Main.OK;
  }

  static String text() {
    try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
