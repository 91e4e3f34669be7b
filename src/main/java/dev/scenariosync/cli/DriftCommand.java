package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.plan.Drift;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.render.DiagnosticRenderer;
import dev.scenariosync.render.DriftRender;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drift}: which managed scenarios, personas, unit tests and sets differ from their files and
 * which side moved (a remote edit by someone else, with who and when, or a file not applied yet),
 * the orphans and the unmanaged ones. It reads what a full plan reads (the scenario list and the
 * declared scenarios' latest versions; when the files declare another kind, every live persona,
 * unit test and set and the declared personas' latest versions), no more, and changes nothing.
 */
@Command(
    name = "drift",
    description =
        "Show which managed scenarios, personas, unit tests and sets differ from their files and"
            + " which side moved, orphans and unmanaged ones; changes nothing.",
    mixinStandardHelpOptions = true)
final class DriftCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(
      paramLabel = "DIR",
      description = "Scenario files or directories (default: the configuration's, else .).")
  List<Path> dirs = List.of();

  @Option(
      names = "--owner-tag",
      paramLabel = "KEY:VALUE",
      description = "The ownership tag (default: managed_by:scenario_sync).")
  String ownerTag;

  @Option(
      names = "--no-ownership",
      description = "No ownership tag: every scenario of the organization counts as managed.")
  boolean noOwnership;

  @Option(
      names = "--follow-external-links",
      description =
          "Read symbolic links that lead outside the scenario directories (refused by default).")
  boolean followExternalLinks;

  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (default), markdown (for an issue) or json.")
  Planning.Format format;

  @Option(names = "--detailed-exitcode", description = "Exit 2 when there is drift (0 when none).")
  boolean detailedExitcode;

  DriftCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ConfigFile.Config config = configOptions.load(ctx);
    PlanningOptions p = new PlanningOptions();
    p.dirs = dirs;
    p.ownerTag = ownerTag;
    p.noOwnership = noOwnership;
    p.followExternalLinks = followExternalLinks;
    PlanOptions options = p.resolve(config);
    List<Path> roots = p.roots(ctx, config);
    ScenarioLoader.Result files = Planning.load(ctx, roots, options, followExternalLinks);
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      RemoteReader reader = new RemoteReader(conn.client, Planning.READ_PARALLELISM, conn.status);
      Set<String> names =
          files.scenarios().stream().map(DesiredScenario::key).collect(Collectors.toSet());
      // The other kinds are read as a full plan reads them: only when a file declares one, beside
      // the scenarios.
      Planning.Beside<RemoteState> read =
          files.resources().isEmpty()
              ? new Planning.Beside<>(reader.read(names), SuiteRemote.empty())
              : Planning.beside(conn, personas(files.resources()), () -> reader.read(names));
      RemoteState remote = read.scenarios();
      SuiteRemote others = read.suite();
      Drift.Report report =
          Drift.of(
              conn.settings.organization(),
              files.scenarios(),
              remote,
              files.resources(),
              others,
              options,
              conn.client.userId());
      if (!report.errors().isEmpty()) {
        ctx.err().print(DiagnosticRenderer.text(report.errors()));
        long n = report.errors().size();
        throw new UserError(n + " error" + (n == 1 ? "" : "s") + " in the files' references");
      }
      ctx.out()
          .print(
              switch (format) {
                case text -> DriftRender.text(report);
                case markdown -> DriftRender.markdown(report);
                case json -> DriftRender.json(report);
              });
      ctx.out().flush();
      return detailedExitcode && report.hasDrift() ? ExitCode.CHANGES : ExitCode.OK;
    }
  }

  /** The personas whose latest version is read: those declared, and the old names of renames. */
  private static Set<String> personas(List<Resource> resources) {
    Set<String> out = new HashSet<>();
    for (Resource r : resources) {
      if (r.kind() == ResourceKind.PERSONA) {
        out.add(r.name());
        if (r.renamedFrom() != null) {
          out.add(r.renamedFrom());
        }
      }
    }
    return out;
  }
}
