package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.plan.Planner;
import dev.scenariosync.render.DiagnosticRenderer;
import dev.scenariosync.render.PlanJson;
import dev.scenariosync.render.PlanMarkdown;
import dev.scenariosync.render.PlanText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The steps plan and apply share: read the files, read the remote, compute the plan. */
final class Planning {
  /** Concurrent reads when planning (apply's writes use --parallelism). */
  static final int READ_PARALLELISM = 16;

  private Planning() {}

  /** The files, checked; bad input ends the command here, before any API call. */
  static ScenarioLoader.Result load(CliContext ctx, List<Path> roots, Ownership ownership) {
    return load(ctx, roots, new ScenarioLoader.Options(ownership == null ? null : ownership.key()));
  }

  /**
   * As {@link #load(CliContext, List, Ownership)}, for a plan: with {@code --prune}, anything under
   * the directories that could not be read is an error, since what it declares would be deleted.
   */
  static ScenarioLoader.Result load(
      CliContext ctx, List<Path> roots, PlanOptions plan, boolean followExternalLinks) {
    Ownership ownership = plan.ownership();
    return load(
        ctx,
        roots,
        new ScenarioLoader.Options(ownership == null ? null : ownership.key())
            .withPrune(plan.prune())
            .withFollowExternalLinks(followExternalLinks));
  }

  private static ScenarioLoader.Result load(
      CliContext ctx, List<Path> roots, ScenarioLoader.Options options) {
    ScenarioLoader.Result files = new ScenarioLoader(options, ctx.cwd()).load(roots);
    ctx.err().print(DiagnosticRenderer.text(files.diagnostics()));
    if (files.hasErrors()) {
      long n = files.diagnostics().stream().filter(Diagnostic::isError).count();
      throw new UserError(
          n
              + " error"
              + (n == 1 ? "" : "s")
              + " in the scenario files; nothing was sent to the API");
    }
    return files;
  }

  static Plan plan(Connection conn, List<DesiredScenario> desired, PlanOptions options) {
    RemoteReader reader = new RemoteReader(conn.client, READ_PARALLELISM, conn.status);
    Set<String> names = desired.stream().map(DesiredScenario::key).collect(Collectors.toSet());
    RemoteState remote = reader.read(names);
    String org = conn.settings.organization();
    Plan first = Planner.plan(org, desired, remote, options);
    Set<String> needTests = new LinkedHashSet<>();
    for (Change c : first.changes()) {
      if (c.scenarioId() != null
          && (c.has(Action.VERSION) || c.has(Action.DELETE) || c.has(Action.BLOCKED))) {
        needTests.add(c.scenarioId());
      }
    }
    if (needTests.isEmpty()) {
      return first;
    }
    return Planner.plan(org, desired, reader.withUnitTests(remote, needTests), options);
  }

  static PlanJson.Meta meta(
      CliContext ctx,
      Connection conn,
      List<Path> roots,
      ScenarioLoader.Result files,
      PlanOptions options) {
    List<String> dirs =
        roots.stream().map(p -> Paths.display(ctx.cwd().resolve(p), ctx.cwd())).toList();
    return new PlanJson.Meta(
        conn.baseUrlLabel(),
        conn.local,
        dirs,
        files.fileHashes(),
        options.ownership(),
        options.prune(),
        Version.get(),
        Instant.now());
  }

  /** The three forms of a plan, as {@code --format} names them. */
  enum Format {
    text,
    markdown,
    json
  }

  static String render(CliContext ctx, Format format, Plan plan, PlanJson.Meta meta) {
    return switch (format) {
      case text -> PlanText.render(plan, ctx.colour());
      case markdown -> PlanMarkdown.render(plan);
      case json -> PlanJson.write(plan, meta);
    };
  }

  /** A plan saved by {@code plan --out}; an unreadable file is a user error naming it. */
  static PlanJson.Saved readSaved(CliContext ctx, Path planFile) {
    try {
      return PlanJson.read(Files.readString(ctx.cwd().resolve(planFile), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError("cannot read the plan " + planFile + ": " + e.getClass().getSimpleName());
    } catch (PlanJson.Unreadable e) {
      throw new UserError(planFile + ": " + e.getMessage());
    }
  }

  /**
   * The scenario files that changed since a saved plan was made: hashes that differ, files added
   * and files removed under the plan's directories. Empty when the plan still describes the files.
   */
  static List<String> staleFiles(CliContext ctx, PlanJson.Meta meta) {
    List<Path> roots = meta.directories().stream().map(Path::of).toList();
    Map<String, String> now = ScenarioLoader.hashes(roots, ctx.cwd());
    List<String> out = new ArrayList<>();
    Set<String> all = new TreeSet<>(meta.files().keySet());
    all.addAll(now.keySet());
    for (String f : all) {
      String before = meta.files().get(f);
      String after = now.get(f);
      if (before == null) {
        out.add(f + " added");
      } else if (after == null) {
        out.add(f + " removed");
      } else if (!before.equals(after)) {
        out.add(f + " changed");
      }
    }
    return out;
  }
}
