package io.ecsgate.testing;

import io.ecsgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process and captures what it prints. */
public final class Cli {
  public record Result(int exitCode, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs a command against the emulator: {@code --endpoint-url} and {@code --region} added. */
  public static Result against(Emulator aws, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--endpoint-url=" + aws.endpoint());
    all.add("--region=" + Emulator.REGION);
    return run(all.toArray(String[]::new));
  }
}
