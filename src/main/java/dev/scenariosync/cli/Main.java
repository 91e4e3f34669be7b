package dev.scenariosync.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line entry. {@link #run} is the testable entry; only {@link #main} exits the process.
 * User mistakes exit 1 with a message and no stack trace.
 */
@Command(
    name = "scenario-sync",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Keep Amigo simulation scenarios as YAML files in git.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DriftCommand.class,
      ShowCommand.class,
      PullCommand.class,
      LsCommand.class,
      HistoryCommand.class,
      TestCommand.class,
      EmulatorCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    boolean tty = System.console() != null;
    Map<String, String> env = System.getenv();
    boolean colour = tty && env.get("NO_COLOR") == null && !"dumb".equals(env.get("TERM"));
    CliContext ctx =
        new CliContext(Path.of("").toAbsolutePath(), env, out, err, System.in, tty, colour);
    int code = run(ctx, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** The command line, wired to the context, without running anything. */
  static CommandLine commandLine(CliContext ctx) {
    return new CommandLine(new Main(), new Factory(ctx));
  }

  public static int run(CliContext ctx, String... args) {
    CommandLine cl = commandLine(ctx);
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ctx.err().println("error: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, ctx.err());
          ctx.err()
              .println(
                  "Run '"
                      + ex.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for usage.");
          return ExitCode.ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof UserError
              || ex instanceof dev.scenariosync.api.ApiException
              || ex instanceof dev.scenariosync.api.TransportException
              || ex instanceof dev.scenariosync.api.UnwritableContent) {
            ctx.err()
                .println(
                    "error: "
                        + dev.scenariosync.render.Safe.terminal(
                            dev.scenariosync.api.Redactor.redact(ex.getMessage())));
            if (ex instanceof dev.scenariosync.api.TransportException.DeadlinePassed) {
              return ExitCode.APPLY_FAILED; // the --deadline passed: stopped, as documented
            }
          } else {
            ctx.err()
                .println(
                    "internal error: "
                        + ex.getClass().getName()
                        + ": "
                        + dev.scenariosync.render.Safe.oneLine(
                            dev.scenariosync.api.Redactor.redact(ex.getMessage()))
                        + " (set SCENARIO_SYNC_DEBUG=1 for the stack trace)");
            if (ctx.env("SCENARIO_SYNC_DEBUG") != null) {
              ex.printStackTrace(ctx.err());
            }
          }
          return ExitCode.ERROR;
        });
    int code = cl.execute(args);
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /** Builds commands with the context when they take it, and with picocli's factory otherwise. */
  private record Factory(CliContext ctx) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(ctx));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
