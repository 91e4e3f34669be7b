package dev.scenariosync.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: the working directory, the environment variables,
 * the standard streams and whether a person is at a terminal. Tests pass their own.
 */
public record CliContext(
    Path cwd,
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    InputStream in,
    boolean interactive,
    boolean colour) {

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }
}
