package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.render.DiagnosticRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code validate}: checks scenario files offline, with no credentials and no network. */
@Command(
    name = "validate",
    description = "Check scenario files offline against the schema and the API's rules.",
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
  enum Format {
    text,
    json,
    github
  }

  private final CliContext ctx;

  @Parameters(paramLabel = "DIR|FILE", description = "Files or directories (default: .).")
  List<Path> paths = List.of();

  @Option(
      names = "--format",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format;

  @Option(
      names = "--no-ownership",
      description = "Allow 20 user tags (ownership tag off) instead of 19.")
  boolean noOwnership;

  @picocli.CommandLine.Option(
      names = "--follow-external-links",
      description =
          "Read symbolic links that lead outside the scenario directories (refused by default).")
  boolean followExternalLinks;

  @picocli.CommandLine.Mixin ConfigOptions configOptions;

  ValidateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ConfigFile.Config config = configOptions.load(ctx);
    List<Path> roots = PlanningOptions.roots(paths, ctx, config);
    PlanningOptions planning = new PlanningOptions();
    planning.noOwnership = noOwnership;
    var ownership = planning.ownership(config);
    ScenarioLoader.Options options =
        new ScenarioLoader.Options(ownership == null ? null : ownership.key())
            .withFollowExternalLinks(followExternalLinks)
            .withIgnoredTagKeys(config.ignoreTagKeys());
    ScenarioLoader.Result result = new ScenarioLoader(options, ctx.cwd()).load(roots);
    List<Diagnostic> diagnostics = result.diagnostics();
    switch (format) {
      case json -> ctx.out().print(DiagnosticRenderer.json(diagnostics));
      case github -> ctx.out().print(DiagnosticRenderer.github(diagnostics));
      case text -> {
        ctx.err().print(DiagnosticRenderer.text(diagnostics));
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long files = result.fileHashes().size();
        if (errors > 0) {
          ctx.err().printf("%d error%s found%n", errors, errors == 1 ? "" : "s");
        } else {
          ctx.out()
              .printf(
                  "%d scenario%s%s in %d file%s: valid%n",
                  result.scenarios().size(),
                  result.scenarios().size() == 1 ? "" : "s",
                  otherKinds(result),
                  files,
                  files == 1 ? "" : "s");
        }
      }
    }
    return result.hasErrors() ? ExitCode.ERROR : ExitCode.OK;
  }

  /** ", 2 personas, 3 unit tests, 1 unit test set" (the kinds declared, if any). */
  private static String otherKinds(ScenarioLoader.Result result) {
    StringBuilder sb = new StringBuilder();
    for (var spec : dev.scenariosync.kinds.Kinds.resources()) {
      long n = result.resources().stream().filter(r -> r.kind() == spec.kind()).count();
      if (n > 0) {
        sb.append(", ").append(n).append(' ').append(spec.kind().word().replace('_', ' '));
        sb.append(n == 1 ? "" : "s");
      }
    }
    return sb.toString();
  }
}
