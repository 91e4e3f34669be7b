package dev.scenariosync.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.scenariosync.api.ResourceApi;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.render.Safe;
import dev.scenariosync.render.VersionText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history}: the versions of one scenario or persona, and what changed between them. */
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
    KindSpec spec =
        ResourceKind.fromWord(kind)
            .map(Kinds::of)
            .filter(KindSpec::versioned)
            .orElseThrow(
                () ->
                    new UserError(
                        "--kind must be "
                            + String.join(
                                " or ",
                                Kinds.all().stream()
                                    .filter(KindSpec::versioned)
                                    .map(k -> k.kind().word())
                                    .toList())
                            + " (the kinds with versions)"));
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      Link head =
          (spec.kind() == ResourceKind.SCENARIO
                  ? find(conn.client, key, false)
                      .or(() -> find(conn.client, key, true))
                      .map(s -> scenarioLink(conn.client, s))
                  : conn.client.listAll(spec).stream()
                      .filter(r -> r.name().equals(key))
                      .findFirst()
                      .map(r -> resourceLink(conn.client, spec, r)))
              .orElseThrow(
                  () ->
                      new UserError(
                          "no "
                              + spec.kind().word().replace('_', ' ')
                              + " named '"
                              + dev.scenariosync.files.ControlChars.escape(key)
                              + "' in organization '"
                              + conn.settings.organization()
                              + "'"));
      List<Link> chain =
          chain(
              head,
              id ->
                  spec.kind() == ResourceKind.SCENARIO
                      ? scenarioById(conn.client, id)
                      : conn.client
                          .getResource(spec, id)
                          .map(r -> resourceLink(conn.client, spec, r)));
      if (chain.size() > 1) {
        printChain(chain);
        return ExitCode.OK;
      }
      // With --diff, the version before --from is read too, so the first shown has its diff.
      int first = diff && from > 1 ? from - 1 : from;
      String range = first + "-" + (to == null ? "latest" : String.valueOf(to));
      printVersions(head, head.versions().apply(range));
    }
    return ExitCode.OK;
  }

  /** The versions of one name, numbered as the API numbers them. */
  private void printVersions(Link head, List<Version> versions) {
    ctx.out()
        .println(
            Safe.item(head.name())
                + (head.deleted() ? " (deleted)" : "")
                + "  id "
                + Safe.oneLine(head.id()));
    Version previous = null;
    for (Version v : versions) {
      if (v.number() >= from) {
        ctx.out()
            .printf(
                "  version %-4d %s  by %s%n",
                v.number(),
                v.createdAt(),
                v.creator() == null ? null : Safe.item(v.creator().toString()));
        if (diff && previous != null) {
          UnifiedDiffUtils.generateUnifiedDiff(
                  "version " + previous.number(),
                  "version " + v.number(),
                  previous.lines(),
                  DiffUtils.diff(previous.lines(), v.lines()),
                  3)
              .forEach(line -> ctx.out().println("      " + line));
        }
      }
      previous = v;
    }
    if (versions.isEmpty()) {
      ctx.out().println("  no versions in that range");
    }
  }

  /**
   * One name in a rename chain: a scenario or persona, and how to read its versions in a range
   * ({@code 1-latest}).
   */
  record Link(
      String name,
      String id,
      boolean deleted,
      Map<String, String> tags,
      Function<String, List<Version>> versions) {}

  /** One version of a {@link Link}: its number, time, creator and its text for diffs. */
  record Version(int number, Instant createdAt, UserRef creator, List<String> lines) {}

  private static Link scenarioLink(ScenarioApi api, RemoteScenario s) {
    return new Link(
        s.name(),
        s.id(),
        s.deleted(),
        s.tags(),
        range ->
            api.versions(s.id(), range).stream()
                .map(
                    v ->
                        new Version(
                            v.number(),
                            v.createdAt(),
                            v.creator(),
                            VersionText.lines(Kinds.SCENARIO, ScenarioFields.of(v.content()))))
                .toList());
  }

  private static Optional<Link> scenarioById(ScenarioApi api, String id) {
    return api.list(new ScenarioApi.ListFilter(true, List.of(), List.of(id))).stream()
        .findFirst()
        .or(
            () ->
                api.list(new ScenarioApi.ListFilter(false, List.of(), List.of(id))).stream()
                    .findFirst())
        .map(s -> scenarioLink(api, s));
  }

  private static Link resourceLink(ResourceApi api, KindSpec spec, RemoteResource p) {
    // the persona list answers live ones only when asked, so a persona read by id may be deleted:
    // the head (from the live list) is shown as live, the older names need no such mark
    return new Link(
        p.name(),
        p.id(),
        false,
        p.tags(),
        range ->
            api.versions(spec, p, range).stream()
                .filter(v -> v.version() != null)
                .map(
                    v ->
                        new Version(
                            v.version(),
                            v.updatedAt(),
                            v.versionCreator(),
                            VersionText.lines(spec, v.fields())))
                .toList());
  }

  /**
   * Newest first: the head, then each one its {@code previous_id} tag names, back; {@code byId}
   * reads one by id, live or deleted.
   */
  static List<Link> chain(Link head, Function<String, Optional<Link>> byId) {
    List<Link> out = new ArrayList<>(List.of(head));
    Set<String> seen = new HashSet<>(List.of(head.id()));
    Link at = head;
    while (out.size() < 50) {
      String previous = at.tags().get(dev.scenariosync.plan.Planner.PREVIOUS_ID);
      // a tag anyone can edit: only an id, only once (no loop)
      if (previous == null || !previous.matches("[0-9a-f]{24}") || !seen.add(previous)) {
        break;
      }
      Optional<Link> before = byId.apply(previous);
      if (before.isEmpty()) {
        break;
      }
      at = before.get();
      out.add(at);
    }
    return out;
  }

  /**
   * The versions of a renamed scenario or persona and its earlier names, oldest first, numbered
   * across the chain (each line also gives its own name and number), with a line where each rename
   * happened.
   */
  private void printChain(List<Link> chain) {
    Link s = chain.get(0);
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
    Version previous = null;
    Link previousLink = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Link at = chain.get(i);
      if (previousLink != null) {
        ctx.out()
            .println(
                "  --- renamed from \""
                    + Safe.item(previousLink.name())
                    + "\" to \""
                    + Safe.item(at.name())
                    + "\" ---");
      }
      for (Version v : at.versions().apply("1-latest")) {
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
            UnifiedDiffUtils.generateUnifiedDiff(
                    "version " + (n - 1),
                    "version " + n,
                    previous.lines(),
                    DiffUtils.diff(previous.lines(), v.lines()),
                    3)
                .forEach(line -> ctx.out().println("      " + line));
          }
        }
        previous = v;
      }
      previousLink = at;
    }
  }

  private static Optional<RemoteScenario> find(ScenarioApi api, String name, boolean deleted) {
    return api.list(new ScenarioApi.ListFilter(deleted, List.of(), List.of())).stream()
        .filter(r -> r.name().equals(name))
        .findFirst();
  }
}
