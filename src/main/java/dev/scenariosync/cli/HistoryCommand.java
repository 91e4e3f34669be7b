package dev.scenariosync.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.render.ResourceListing;
import dev.scenariosync.render.Safe;
import dev.scenariosync.render.VersionText;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history}: the versions of one scenario, and what changed between them. */
@Command(
    name = "history",
    description =
        "Show the versions of one scenario (number, author, time), with --diff what changed.",
    mixinStandardHelpOptions = true)
final class HistoryCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "NAME", description = "The scenario's name.")
  String name;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "scenario",
      description = "scenario (default) or persona: the versioned kinds.")
  String kind;

  @Option(names = "--diff", description = "Show the unified diff between consecutive versions.")
  boolean diff;

  @Option(
      names = "--from",
      paramLabel = "N",
      defaultValue = "1",
      description = "First version (default: 1).")
  int from;

  @Option(names = "--to", paramLabel = "M", description = "Last version (default: latest).")
  Integer to;

  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  HistoryCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (from < 1 || (to != null && to < from)) {
      throw new UserError(
          "versions go from 1 up: --from must be at least 1 and --to at least --from");
    }
    ConfigFile.Config config = configOptions.load(ctx);
    String key = PyText.strip(name);
    if (kind.equals("persona")) {
      return personaHistory(config, key);
    }
    if (!kind.equals("scenario")) {
      throw new UserError("--kind must be scenario or persona (the kinds with versions)");
    }
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      Optional<RemoteScenario> found =
          find(conn.client, key, false).or(() -> find(conn.client, key, true));
      if (found.isEmpty()) {
        throw new UserError(
            "no scenario named '"
                + key
                + "' in organization '"
                + conn.settings.organization()
                + "'");
      }
      RemoteScenario s = found.get();
      // With --diff, the version before --from is read too, so the first shown has its diff.
      int first = diff && from > 1 ? from - 1 : from;
      String range = first + "-" + (to == null ? "latest" : String.valueOf(to));
      List<RemoteVersion> versions = conn.client.versions(s.id(), range);
      ctx.out()
          .println(
              Safe.item(s.name())
                  + (s.deleted() ? " (deleted)" : "")
                  + "  id "
                  + Safe.oneLine(s.id()));
      RemoteVersion previous = null;
      for (RemoteVersion v : versions) {
        if (v.number() >= from) {
          ctx.out()
              .printf(
                  "  version %-4d %s  by %s%n",
                  v.number(),
                  v.createdAt(),
                  v.creator() == null ? null : Safe.item(v.creator().toString()));
          if (diff && previous != null) {
            List<String> a = VersionText.lines(previous.content());
            List<String> b = VersionText.lines(v.content());
            List<String> d =
                UnifiedDiffUtils.generateUnifiedDiff(
                    "version " + previous.number(),
                    "version " + v.number(),
                    a,
                    DiffUtils.diff(a, b),
                    3);
            d.forEach(line -> ctx.out().println("      " + line));
          }
        }
        previous = v;
      }
      if (versions.isEmpty()) {
        ctx.out().println("  no versions in that range");
      }
    }
    return ExitCode.OK;
  }

  private int personaHistory(ConfigFile.Config config, String key) {
    KindSpec spec = Kinds.PERSONA;
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      RemoteResource p =
          conn.client.listAll(spec).stream()
              .filter(r -> r.name().equals(key))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserError(
                          "no persona named '"
                              + dev.scenariosync.files.ControlChars.escape(key)
                              + "' in organization '"
                              + conn.settings.organization()
                              + "'"));
      int first = diff && from > 1 ? from - 1 : from;
      String range = first + "-" + (to == null ? "latest" : String.valueOf(to));
      ctx.out().print(ResourceListing.history(p, conn.client.versions(spec, p, range), from, diff));
    }
    return ExitCode.OK;
  }

  private static Optional<RemoteScenario> find(ScenarioApi api, String name, boolean deleted) {
    return api.list(new ScenarioApi.ListFilter(deleted, List.of(), List.of())).stream()
        .filter(r -> r.name().equals(name))
        .findFirst();
  }
}
