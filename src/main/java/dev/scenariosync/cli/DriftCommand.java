package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.plan.Drift;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.render.DriftRender;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drift}: which managed scenarios differ from their files and which side moved (a remote
 * edit by someone else, with who and when, or a file not applied yet), the orphans and the
 * unmanaged scenarios. It reads what a full plan reads (the list and the declared scenarios' latest
 * versions), no more, and changes nothing.
 */
@Command(
    name = "drift",
    description =
        "Show which managed scenarios differ from their files and which side moved, orphans and"
            + " unmanaged scenarios; changes nothing.",
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
      RemoteState remote = reader.read(names);
      Drift.Report report =
          Drift.of(
              conn.settings.organization(),
              files.scenarios(),
              remote,
              options,
              conn.client.userId());
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
}
