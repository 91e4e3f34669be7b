package dev.scenariosync.cli;

import dev.scenariosync.plan.SavedPlanCheck;
import dev.scenariosync.plan.file.PlanJson;
import dev.scenariosync.plan.file.ResourceJson;
import dev.scenariosync.render.ResourceText;
import dev.scenariosync.render.Safe;
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
      names = "--follow-external-links",
      description =
          "Read symbolic links that lead outside the scenario directories (refused by default).")
  boolean followExternalLinks;

  @picocli.CommandLine.Mixin ConfigOptions configOptions;

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

  /** A format 2 plan's personas, unit tests and sets, after the scenarios. */
  private String withResources(String shown, PlanJson.Saved saved) {
    if (format == Planning.Format.json) {
      return ResourceJson.rewrite(
          shown, saved.resources(), saved.salt(), saved.resourcesUnchanged());
    }
    if (format == Planning.Format.markdown) {
      // Within --markdown-limit, as the scenarios' part is.
      return shown + ResourceText.savedMarkdown(saved.resources(), markdownLimit - shown.length());
    }
    List<String> lines = ResourceText.savedLines(saved.resources());
    StringBuilder sb = new StringBuilder(shown);
    sb.append("\nPersonas, unit tests and sets: ")
        .append(lines.size())
        .append(" changes, ")
        .append(saved.resourcesUnchanged())
        .append(" unchanged\n");
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  @Override
  public Integer call() {
    if (markdownLimit < 10_000 || markdownLimit > 10_000_000) {
      throw new UserError("--markdown-limit must be between 10000 and 10000000 characters");
    }
    PlanJson.Saved saved = Planning.readSaved(ctx, planFile);
    String shown =
        Planning.render(
            ctx,
            format,
            saved.plan(),
            saved.meta(),
            Planning.context(ctx, commit, saved.meta(), null)
                .withKept(saved.plan().outside().orphans()),
            markdownLimit);
    if (saved.resources() != null) {
      shown = withResources(shown, saved);
    }
    ctx.out().print(shown);
    ctx.out().flush();
    if (!saved.plan().refusals().isEmpty()) {
      ctx.err()
          .println(
              "error: this plan was refused when it was made; 'apply --plan' refuses it:"
                  + Planning.listed(saved.plan().refusals()));
      return ExitCode.ERROR;
    }
    SavedPlanCheck.Verdict verdict;
    try {
      verdict =
          Planning.checkFiles(
              ctx, saved, followExternalLinks, configOptions.load(ctx).ignoreTagKeys());
    } catch (UserError e) {
      ctx.err()
          .println(
              "note: " + Safe.oneLine(e.getMessage()) + "; 'apply --plan' would refuse this plan.");
      return ExitCode.OK;
    }
    if (!verdict.refused().isEmpty()) {
      ctx.err()
          .println(
              "error: this plan does not match the scenario files; 'apply --plan' refuses it:"
                  + Planning.listed(verdict.refused()));
      return ExitCode.ERROR;
    }
    if (!verdict.stale().isEmpty()) {
      ctx.err()
          .println(
              "note: documents this plan plans changed since it was made; 'apply --plan' would"
                  + " refuse it as stale:"
                  + Planning.listed(verdict.stale()));
    }
    verdict.notes().forEach(n -> ctx.err().println("note: " + Safe.oneLine(n)));
    return ExitCode.OK;
  }
}
