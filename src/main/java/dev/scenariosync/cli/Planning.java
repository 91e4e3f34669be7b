package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.files.LocalFile;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.plan.DocumentHash;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.plan.Planner;
import dev.scenariosync.plan.ResourceChange;
import dev.scenariosync.plan.SavedPlanCheck;
import dev.scenariosync.plan.Target;
import dev.scenariosync.plan.file.PlanJson;
import dev.scenariosync.render.DiagnosticRenderer;
import dev.scenariosync.render.PlanContext;
import dev.scenariosync.render.PlanMarkdown;
import dev.scenariosync.render.PlanText;
import dev.scenariosync.render.Safe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
            .withFollowExternalLinks(followExternalLinks)
            .withIgnoredTagKeys(plan.ignoreTagKeys()));
  }

  private static ScenarioLoader.Result load(
      CliContext ctx, List<Path> roots, ScenarioLoader.Options options) {
    // Sensitive values are read from the environment (${env:NAME}); validate only checks them.
    ScenarioLoader.Result files =
        new ScenarioLoader(options.withEnv(ctx.env()), ctx.cwd()).load(roots);
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

  /**
   * The plan of what the files declare: scenarios only as before, or, when the files declare a
   * persona, unit test or set, the whole suite over the reference graph (every live resource of
   * every kind is read then). Unresolved references end the command with their file:line:col.
   */
  static Plan plan(
      CliContext ctx,
      Connection conn,
      ScenarioLoader.Result files,
      PlanOptions options,
      Target target) {
    return planned(ctx, conn, files, options, target).plan();
  }

  /**
   * As {@link #plan(CliContext, Connection, ScenarioLoader.Result, PlanOptions, Target)}, with
   * kept. A targeted plan ({@code --changed-since}, {@code --target}) of scenarios only reads and
   * plans as a scenario directory does; one that targets personas, unit tests or sets reads their
   * lists whole (references resolve against them) and only the targeted personas' versions.
   */
  static Planned planned(
      CliContext ctx,
      Connection conn,
      ScenarioLoader.Result files,
      PlanOptions options,
      Target target) {
    Planned p = plannedQuietly(ctx, conn, files, options, target);
    for (Planner.SpentRename spent :
        Planner.spentRenames(files.scenarios(), new RemoteState(p.live(), Map.of()))) {
      ctx.err().println("note: " + Safe.oneLine(spent.note()));
    }
    return p;
  }

  private static Planned plannedQuietly(
      CliContext ctx,
      Connection conn,
      ScenarioLoader.Result files,
      PlanOptions options,
      Target target) {
    // With --prune the other kinds are read even when no file declares one: owned ones no file
    // declares are deleted (within the guards) whatever the files hold.
    // A target of scenarios only is planned as a scenario directory is: the same calls. Unless it
    // renames one while the files declare unit tests: those must follow (or name the new one).
    if (target != null
        ? !target.overKinds()
            && !(renames(files.scenarios(), target) && !files.resources().isEmpty())
        : files.resources().isEmpty() && !options.prune()) {
      return planned(conn, files.scenarios(), options, target);
    }
    Set<String> personas =
        files.resources().stream()
            .filter(r -> r.kind() == ResourceKind.PERSONA)
            .filter(r -> target == null || target.covers(r.kind(), r.name()))
            .map(Resource::name)
            .collect(Collectors.toCollection(java.util.HashSet::new));
    // The old name of a rename too: its delete is made only while the version read is the latest.
    files.resources().stream()
        .filter(r -> r.kind() == ResourceKind.PERSONA && r.renamedFrom() != null)
        .filter(r -> target == null || target.covers(r.kind(), r.name()))
        .forEach(r -> personas.add(r.renamedFrom()));
    if (target != null) {
      // the targeted names no file declares: deleted (with --prune) only once their version is read
      personas.addAll(target.names(ResourceKind.PERSONA));
    }
    // With --prune every persona's latest version is read (a persona delete is made only while
    // that is still its latest); a targeted plan prunes only its targeted ones.
    Set<String> personaVersions = options.prune() && target == null ? null : personas;
    // The scenarios only: the suite planner plans them over the unit tests read with the suite.
    Beside<RemoteState> read =
        beside(conn, personaVersions, () -> readRemote(conn, files.scenarios(), options, target));
    RemoteState scenarios = read.scenarios();
    SuiteRemote suite = read.suite();
    // A rename re-points the remote unit tests of its old scenario that no file declares; those a
    // file declares follow their file (which names the new scenario), as a unit test change.
    Set<String> declaredTests =
        files.resources().stream()
            .filter(r -> r.kind() == ResourceKind.UNIT_TEST)
            .map(Resource::name)
            .collect(Collectors.toSet());
    Set<String> renamedFrom = renamedFrom(files.scenarios());
    Set<String> oldIds = new java.util.HashSet<>();
    scenarios.live().stream()
        .filter(r -> renamedFrom.contains(r.name()))
        .forEach(r -> oldIds.add(r.id()));
    Map<String, List<UnitTestRef>> users = new HashMap<>();
    for (RemoteResource t : suite.of(ResourceKind.UNIT_TEST)) {
      if (t.fields().get("scenario") instanceof Ref r
          && r.id() != null
          && !(oldIds.contains(r.id()) && declaredTests.contains(t.name()))) {
        users
            .computeIfAbsent(r.id(), k -> new ArrayList<>())
            .add(new UnitTestRef(t.id(), t.name(), r.id()));
      }
    }
    Planner.Result result =
        Planner.plan(
            conn.settings.organization(),
            files.scenarios(),
            new RemoteState(scenarios.live(), users),
            files.resources(),
            suite,
            options,
            target);
    for (Planner.SpentRename spent : Planner.spentRenames(files.resources(), suite)) {
      ctx.err().println("note: " + Safe.oneLine(spent.note()));
    }
    if (!result.errors().isEmpty()) {
      ctx.err().print(DiagnosticRenderer.text(result.errors()));
      long n = result.errors().size();
      throw new UserError(
          n + " error" + (n == 1 ? "" : "s") + " in the files' references; nothing was changed");
    }
    return new Planned(result.plan(), result.plan().outside().orphans(), scenarios.live());
  }

  /** What the scenarios' read gave, and the other kinds read beside it. */
  record Beside<T>(T scenarios, SuiteRemote suite) {}

  /**
   * Reads the personas, unit tests and sets on a daemon thread while {@code scenarios} reads in
   * this one: each endpoint has its own limit, so the wait is the longer of the two, not their sum.
   *
   * @param personaVersions the personas whose latest version is read (null: every one)
   */
  static <T> Beside<T> beside(
      Connection conn, Set<String> personaVersions, java.util.function.Supplier<T> scenarios) {
    java.util.concurrent.CompletableFuture<SuiteRemote> reading =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> RemoteReader.readSuite(conn.client, personaVersions, READ_PARALLELISM),
            r -> {
              Thread t = new Thread(r, "scenario-sync-read-suite");
              t.setDaemon(true);
              t.start();
            });
    T first = scenarios.get();
    try {
      return new Beside<>(first, reading.join());
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  /** Whether the target holds a scenario whose file asks for a rename. */
  private static boolean renames(List<DesiredScenario> desired, Target target) {
    return desired.stream()
        .map(DesiredScenario::normalized)
        .anyMatch(d -> d.renamedFrom() != null && target.covers(d.name()));
  }

  /** The old names of the renames the files ask for (a file declaring the old name keeps it). */
  private static Set<String> renamedFrom(List<DesiredScenario> desired) {
    Set<String> declared = desired.stream().map(DesiredScenario::key).collect(Collectors.toSet());
    return desired.stream()
        .map(DesiredScenario::normalized)
        .map(DesiredScenario::renamedFrom)
        .filter(n -> n != null && !declared.contains(n))
        .collect(Collectors.toSet());
  }

  static Plan plan(Connection conn, List<DesiredScenario> desired, PlanOptions options) {
    return plan(conn, desired, options, null);
  }

  /** The plan of {@link #planned(Connection, List, PlanOptions, Target)}. */
  static Plan plan(
      Connection conn, List<DesiredScenario> desired, PlanOptions options, Target target) {
    return planned(conn, desired, options, target).plan();
  }

  /**
   * A plan, the owned remote scenarios that no file declares and it does not delete, and the live
   * remote scenarios it read (the suite planner plans over them again).
   */
  record Planned(Plan plan, List<String> kept, List<dev.scenariosync.model.RemoteScenario> live) {}

  /**
   * A plan of the target only (all of the files when it is null): only the targeted scenarios'
   * versions are read, and only targeted ones are pruned.
   */
  static Planned planned(
      Connection conn, List<DesiredScenario> desired, PlanOptions options, Target target) {
    RemoteReader reader = new RemoteReader(conn.client, READ_PARALLELISM, conn.status);
    RemoteState remote = readRemote(reader, desired, options, target);
    Plan plan = planOf(conn, desired, options, reader, remote, target);
    return new Planned(plan, plan.outside().orphans(), remote.live());
  }

  /**
   * The live remote scenarios, with the latest version of those the plan compares (the target's,
   * the old names of renames, and with --prune the owned ones it may delete); no unit test is read.
   */
  static RemoteState readRemote(
      Connection conn, List<DesiredScenario> desired, PlanOptions options, Target target) {
    return readRemote(
        new RemoteReader(conn.client, READ_PARALLELISM, conn.status), desired, options, target);
  }

  private static RemoteState readRemote(
      RemoteReader reader, List<DesiredScenario> desired, PlanOptions options, Target target) {
    Set<String> names =
        desired.stream()
            .map(DesiredScenario::key)
            .filter(n -> target == null || target.covers(n))
            .collect(Collectors.toSet());
    // the old names of renames are read too: a rename creates from, re-points and deletes them
    desired.stream()
        .map(DesiredScenario::normalized)
        .filter(d -> d.renamedFrom() != null && (target == null || target.covers(d.name())))
        .forEach(d -> names.add(d.renamedFrom()));
    // With prune, the scenarios to delete are read too: a delete shows what it deletes (its
    // objective, latest version and who made it), not only its tags.
    return reader.read(
        r ->
            names.contains(r.name())
                || (options.prune()
                    && (target == null || target.covers(r.name()))
                    && (options.ownership() == null
                        || options
                            .ownership()
                            .owns(dev.scenariosync.model.Tags.normalized(r.tags())))));
  }

  private static Plan planOf(
      Connection conn,
      List<DesiredScenario> desired,
      PlanOptions options,
      RemoteReader reader,
      RemoteState remote,
      Target target) {
    String org = conn.settings.organization();
    Plan first = Planner.scenarios(org, desired, remote, options, target);
    // The unit tests a new version reaches, that block a delete or that a rename re-points: read
    // for those only.
    Set<String> needTests = new LinkedHashSet<>();
    for (ResourceChange c : first.changes()) {
      if (c instanceof ResourceChange.Update u && u.expectedVersion() != null) {
        needTests.add(u.id());
      } else if (c instanceof ResourceChange.Delete d) {
        needTests.add(d.id());
      } else if (c instanceof ResourceChange.Blocked b) {
        needTests.add(b.id());
      } else if (c instanceof ResourceChange.Rename r) {
        needTests.add(r.oldId()); // re-pointed to the new one
      }
    }
    if (needTests.isEmpty()) {
      return first;
    }
    return Planner.scenarios(
        org, desired, reader.withUnitTests(remote, needTests), options, target);
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
        options.maxDeletes(),
        options.allowDeleteAll(),
        options.takeOver(),
        documents(files.scenarios()),
        Version.get(),
        Instant.now());
  }

  /** Each declared document's hash, by its stripped name. */
  static SortedMap<String, String> documents(List<DesiredScenario> scenarios) {
    SortedMap<String, String> out = new TreeMap<>();
    for (DesiredScenario d : scenarios) {
      out.put(d.key(), DocumentHash.of(d));
    }
    return out;
  }

  /** The three forms of a plan, as {@code --format} names them. */
  enum Format {
    text,
    markdown,
    json
  }

  static String render(
      CliContext ctx, Format format, Plan plan, PlanJson.Meta meta, PlanContext context) {
    return render(ctx, format, plan, meta, context, PlanMarkdown.LIMIT);
  }

  static String render(
      CliContext ctx,
      Format format,
      Plan plan,
      PlanJson.Meta meta,
      PlanContext context,
      int markdownLimit) {
    return switch (format) {
      case text -> PlanText.render(plan, ctx.colour(), context);
      case markdown -> PlanMarkdown.render(plan, context, markdownLimit);
      case json -> PlanJson.write(plan, meta);
    };
  }

  /** A saved plan is read only up to this size: 10,000 scenarios of long text fit well within. */
  static final long MAX_SAVED_PLAN_BYTES = 256L << 20;

  /**
   * What a rendered plan says around it: the commit ({@code --commit}, else {@code GITHUB_SHA} or
   * {@code CI_COMMIT_SHA}), the time it was planned, the applying user when known, and the
   * ownership tag.
   */
  static PlanContext context(CliContext ctx, String commit, PlanJson.Meta meta, String user) {
    String sha = commit;
    if (sha == null || sha.isBlank()) {
      sha = ctx.env("GITHUB_SHA");
    }
    if (sha == null || sha.isBlank()) {
      sha = ctx.env("CI_COMMIT_SHA");
    }
    return new PlanContext(
        sha == null || sha.isBlank() ? null : sha.strip(),
        meta.createdAt(),
        user,
        meta.ownership());
  }

  /**
   * Problems of a saved plan as a list, one per line, each made inert ({@link Safe#oneLine}): they
   * quote names and values from the plan file, which is untrusted.
   */
  static String listed(List<String> problems) {
    return problems.stream().map(Safe::oneLine).collect(Collectors.joining("\n  - ", "\n  - ", ""));
  }

  /** The options a saved plan records it was made with. */
  static PlanOptions savedOptions(PlanJson.Saved saved) {
    return new PlanOptions(
        saved.meta().ownership(),
        saved.meta().prune(),
        saved.meta().maxDeletes(),
        saved.meta().allowDeleteAll(),
        saved.meta().takeOver());
  }

  /** The directories a saved plan records it read. */
  static List<Path> savedRoots(PlanJson.Saved saved) {
    return saved.meta().directories().stream().map(Path::of).toList();
  }

  /** A saved plan is used only against the organization and base URL it was made for. */
  static void requireSameTarget(Connection conn, PlanJson.Saved saved) {
    if (!conn.settings.organization().equals(saved.plan().organization())
        || !conn.baseUrlLabel().equals(saved.meta().baseUrl())) {
      throw new UserError(
          "the plan was made for organization '"
              + saved.plan().organization()
              + "' at "
              + saved.meta().baseUrl()
              + ", but this connection is '"
              + conn.settings.organization()
              + "' at "
              + conn.baseUrlLabel());
    }
  }

  /** A plan saved by {@code plan --out}; an unreadable file is a user error naming it. */
  static PlanJson.Saved readSaved(CliContext ctx, Path planFile) {
    try {
      byte[] bytes = LocalFile.read(ctx.cwd().resolve(planFile), MAX_SAVED_PLAN_BYTES);
      return PlanJson.read(new String(bytes, StandardCharsets.UTF_8));
    } catch (LocalFile.Unreadable e) {
      throw new UserError("cannot read the plan " + planFile + ": " + e.getMessage());
    } catch (PlanJson.Unreadable e) {
      throw new UserError(planFile + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // A value no check foresaw (the file is untrusted): still a message, never a stack trace.
      throw new UserError(
          planFile + ": saved plan is damaged (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * A saved plan against the scenario files as they are now (offline): reads the plan's directories
   * with its ownership key and the tag keys the operator's configuration ignores (the only ones
   * whose remote values a saved plan may keep); files with errors end the command (exit 1).
   */
  static SavedPlanCheck.Verdict checkFiles(
      CliContext ctx, PlanJson.Saved saved, boolean followExternalLinks, Set<String> ignored) {
    return checkFiles(saved, loadSaved(ctx, saved, followExternalLinks, ignored), ignored);
  }

  /** The files of a saved plan's directories, read as strictly as the plan that made it. */
  static ScenarioLoader.Result loadSaved(
      CliContext ctx, PlanJson.Saved saved, boolean followExternalLinks, Set<String> ignored) {
    Ownership ownership = saved.meta().ownership();
    // Links are followed only when the person running this says so (the plan file cannot), and a
    // plan with prune reads the files as strictly as the plan that made it.
    return load(
        ctx,
        savedRoots(saved),
        new ScenarioLoader.Options(ownership == null ? null : ownership.key())
            .withPrune(saved.meta().prune())
            .withFollowExternalLinks(followExternalLinks)
            .withIgnoredTagKeys(ignored));
  }

  /** As {@link #checkFiles(CliContext, PlanJson.Saved, boolean, Set)}, of files already read. */
  static SavedPlanCheck.Verdict checkFiles(
      PlanJson.Saved saved, ScenarioLoader.Result files, Set<String> ignored) {
    return SavedPlanCheck.againstFiles(
        saved.plan(),
        new SavedPlanCheck.Recorded(
            saved.meta().prune(),
            saved.meta().ownership(),
            saved.meta().takeOver(),
            saved.meta().documents(),
            ignored),
        files.scenarios());
  }
}
