package dev.scenariosync.cli;

import dev.scenariosync.render.PlanJson;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code show}: a saved plan in any of the three forms, offline (as {@code terraform show}). In CI,
 * the job that applies a reviewed plan prints it first, so the log says what was applied.
 */
@Command(
    name = "show",
    description = "Print a saved plan (from 'plan --out') as text, Markdown or JSON; offline.",
    mixinStandardHelpOptions = true)
final class ShowCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "PLAN_FILE", description = "A plan saved by 'plan --out FILE'.")
  Path planFile;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (default), markdown (for a pull-request comment) or json.")
  Planning.Format format;

  @Option(
      names = "--commit",
      paramLabel = "SHA",
      description =
          "The commit the plan describes, named in the Markdown heading (default: GITHUB_SHA or"
              + " CI_COMMIT_SHA when set).")
  String commit;

  @Option(
      names = "--markdown-limit",
      paramLabel = "CHARS",
      defaultValue = "60000",
      description =
          "Cut the Markdown to CHARS characters (default 60000, for a pull-request comment; a job"
              + " summary takes up to 1000000).")
  int markdownLimit;

  ShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (markdownLimit < 10_000 || markdownLimit > 10_000_000) {
      throw new UserError("--markdown-limit must be between 10000 and 10000000 characters");
    }
    PlanJson.Saved saved = Planning.readSaved(ctx, planFile);
    ctx.out()
        .print(
            Planning.render(
                ctx,
                format,
                saved.plan(),
                saved.meta(),
                Planning.context(ctx, commit, saved.meta(), null),
                markdownLimit));
    ctx.out().flush();
    List<String> stale = Planning.staleFiles(ctx, saved.meta());
    if (!stale.isEmpty()) {
      ctx.err()
          .println(
              "note: the files changed since this plan was made ("
                  + String.join(", ", stale)
                  + "); 'apply --plan' would refuse it as stale.");
    }
    return ExitCode.OK;
  }
}
