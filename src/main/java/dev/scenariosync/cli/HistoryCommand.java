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
      List<RemoteScenario> chain = chain(conn.client, s);
      if (chain.size() > 1) {
        printChain(conn.client, chain);
        return ExitCode.OK;
      }
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

  /** Newest first: the scenario, then each one its {@code previous_id} tag names, back. */
  static List<RemoteScenario> chain(ScenarioApi api, RemoteScenario s) {
    List<RemoteScenario> out = new java.util.ArrayList<>(List.of(s));
    java.util.Set<String> seen = new java.util.HashSet<>(List.of(s.id()));
    RemoteScenario at = s;
    while (out.size() < 50) {
      String previous = at.tags().get(dev.scenariosync.plan.Planner.PREVIOUS_ID);
      // a tag anyone can edit: only an id, only once (no loop)
      if (previous == null || !previous.matches("[0-9a-f]{24}") || !seen.add(previous)) {
        break;
      }
      Optional<RemoteScenario> before =
          api.list(new ScenarioApi.ListFilter(true, List.of(), List.of(previous))).stream()
              .findFirst()
              .or(
                  () ->
                      api
                          .list(new ScenarioApi.ListFilter(false, List.of(), List.of(previous)))
                          .stream()
                          .findFirst());
      if (before.isEmpty()) {
        break;
      }
      at = before.get();
      out.add(at);
    }
    return out;
  }

  /**
   * The versions of a renamed scenario and its earlier names, oldest first, numbered across the
   * chain (each line also gives its own name and number), with a line where each rename happened.
   */
  private void printChain(ScenarioApi api, List<RemoteScenario> chain) {
    RemoteScenario s = chain.get(0);
    ctx.out()
        .println(
            Safe.item(s.name())
                + (s.deleted() ? " (deleted)" : "")
                + "  id "
                + Safe.oneLine(s.id())
                + "  (renamed "
                + (chain.size() - 1)
                + (chain.size() == 2 ? " time" : " times")
                + ": versions numbered across its names)");
    int n = 0;
    RemoteVersion previous = null;
    RemoteScenario previousScenario = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      RemoteScenario at = chain.get(i);
      if (previousScenario != null) {
        ctx.out()
            .println(
                "  --- renamed from \""
                    + Safe.item(previousScenario.name())
                    + "\" to \""
                    + Safe.item(at.name())
                    + "\" ---");
      }
      for (RemoteVersion v : api.versions(at.id(), "1-latest")) {
        n++;
        boolean shown = n >= from && (to == null || n <= to);
        if (shown) {
          ctx.out()
              .printf(
                  "  version %-4d %s  by %s  (%s version %d)%n",
                  n,
                  v.createdAt(),
                  v.creator() == null ? null : Safe.item(v.creator().toString()),
                  Safe.item(at.name()),
                  v.number());
          if (diff && previous != null) {
            List<String> a = VersionText.lines(previous.content());
            List<String> b = VersionText.lines(v.content());
            UnifiedDiffUtils.generateUnifiedDiff(
                    "version " + (n - 1), "version " + n, a, DiffUtils.diff(a, b), 3)
                .forEach(line -> ctx.out().println("      " + line));
          }
        }
        previous = v;
      }
      previousScenario = at;
    }
  }

  private static Optional<RemoteScenario> find(ScenarioApi api, String name, boolean deleted) {
    return api.list(new ScenarioApi.ListFilter(deleted, List.of(), List.of())).stream()
        .filter(r -> r.name().equals(name))
        .findFirst();
  }
}
