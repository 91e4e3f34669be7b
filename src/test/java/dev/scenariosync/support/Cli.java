package dev.scenariosync.support;

import dev.scenariosync.cli.CliContext;
import dev.scenariosync.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with its own streams, working directory and environment. */
public final class Cli {
  public record Result(int exit, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  private final Path cwd;
  private final Map<String, String> env = new HashMap<>();
  private String terminalInput;

  public Cli(Path cwd) {
    this.cwd = cwd;
  }

  /** A CLI whose environment points at an emulator, signed in with its development key. */
  public static Cli against(Path cwd, dev.scenariosync.emulator.EmulatorServer server) {
    return new Cli(cwd)
        .env("AMIGO_BASE_URL", server.baseUrl())
        .env("AMIGO_API_KEY", dev.scenariosync.emulator.EmulatorConfig.DEV_API_KEY)
        .env("AMIGO_API_KEY_ID", dev.scenariosync.emulator.EmulatorConfig.DEV_API_KEY_ID)
        .env("AMIGO_USER_ID", dev.scenariosync.emulator.EmulatorConfig.DEV_USER_ID);
  }

  public Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs as if at a terminal, with this text typed on standard input. */
  public Cli atTerminal(String input) {
    this.terminalInput = input;
    return this;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            cwd.toAbsolutePath(),
            Map.copyOf(env),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(
                terminalInput == null
                    ? new byte[0]
                    : terminalInput.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            terminalInput != null,
            false);
    int code = Main.run(ctx, args);
    return new Result(code, out.toString(), err.toString());
  }
}
