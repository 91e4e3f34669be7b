package dev.scenariosync.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** The real command line, wired to nothing, for tests that only parse arguments. */
final class OfflineCli {
  private OfflineCli() {}

  static CommandLine commandLine() {
    return Main.commandLine(
        new CliContext(
            Path.of("").toAbsolutePath(),
            Map.of(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            System.in,
            false,
            false));
  }
}
