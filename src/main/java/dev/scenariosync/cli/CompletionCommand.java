package dev.scenariosync.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: prints a shell completion script (picocli's AutoComplete). */
@Command(
    name = "completion",
    description = "Print a shell completion script: source <(scenario-sync completion bash).",
    mixinStandardHelpOptions = true)
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  CompletionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("scenario-sync", spec.root().commandLine());
    if (shell == Shell.zsh) {
      // picocli's script runs in zsh through bashcompinit
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    ctx.out().print(script);
    return ExitCode.OK;
  }
}
