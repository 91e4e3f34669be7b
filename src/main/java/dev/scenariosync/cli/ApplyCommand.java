package dev.scenariosync.cli;

import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.apply.Applier;
import dev.scenariosync.apply.ApplyResult;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.plan.ResourceChange;
import dev.scenariosync.plan.SavedPlanCheck;
import dev.scenariosync.plan.Target;
import dev.scenariosync.plan.TestReport;
import dev.scenariosync.plan.file.PlanJson;
import dev.scenariosync.plan.file.ResourceJson;
import dev.scenariosync.render.ApplyResultJson;
import dev.scenariosync.render.ApplyResultText;
import dev.scenariosync.render.PlanContext;
import dev.scenariosync.render.PlanText;
import dev.scenariosync.render.Safe;
import dev.scenariosync.render.TestReportRender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apply}: makes the calls, with expected version numbers, and reports each outcome. */
@Command(
    name = "apply",
    description =
        "Make the remote match the files (or apply a saved plan), never overwriting a concurrent edit.",
    mixinStandardHelpOptions = true)
final class ApplyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin PlanningOptions planning;
  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;
  @Mixin TestOptions tests;

  @Option(
      names = "--run-tests",
      description =
          "After the apply, run the unit test sets that use a scenario or persona it created or"
              + " versioned, and report them (exit 5 when they fail the --fail-on gate).")
  boolean runTests;

  /** The personas, unit tests and sets the files declare (where tests find their references). */
  private List<dev.scenariosync.model.Resource> declared = List.of();

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description = "Apply this saved plan (from 'plan --out') exactly; no directory, no question.")
  Path planFile;

  @Option(
      names = "--auto-approve",
      description = "Do not ask for confirmation (required when not at a terminal).")
  boolean autoApprove;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Independent changes applied at once (default: 4).")
  Integer parallelism;

  /** The forms of the apply result. */
  enum ResultFormat {
    text,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "The result: text (default, a table) or json (per change its status and the steps done;"
              + " the plan then goes to stderr).")
  ResultFormat format;

  private ConfigFile.Config config;

  ApplyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    config = configOptions.load(ctx);
    if (parallelism == null) {
      parallelism = config.parallelism() != null ? config.parallelism() : 4;
    }
    if (parallelism < 1) {
      throw new UserError("--parallelism must be at least 1");
    }
    if (runTests) {
      tests.runnerOptions(); // flags checked before anything is applied
    }
    return planFile != null ? applySaved() : applyFresh();
  }

  private int applyFresh() {
    PlanOptions options = planning.resolve(config);
    List<Path> roots = planning.roots(ctx, config);
    ScenarioLoader.Result files = Planning.load(ctx, roots, options, planning.followExternalLinks);
    declared = files.resources();
    Target target = Targeting.resolve(ctx, planning, config, roots, files, options);
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      Plan plan = Planning.plan(ctx, conn, files, options, target);
      PrintWriter planOut = format == ResultFormat.json ? ctx.err() : ctx.out();
      planOut.print(
          PlanText.render(
              plan,
              ctx.colour(),
              new PlanContext(
                  null, null, conn.settings.credentials().userId(), options.ownership())));
      planOut.flush();
      if (!plan.refusals().isEmpty()) {
        throw new UserError("the plan is refused: " + String.join("; ", plan.refusals()));
      }
      if (!plan.hasChanges()) {
        return ExitCode.OK;
      }
      if (!autoApprove && !confirm(conn.settings.organization(), plan)) {
        ctx.err().println("Apply cancelled; nothing was changed.");
        return ExitCode.ERROR;
      }
      return run(conn, plan);
    }
  }

  private int applySaved() {
    if (!planning.dirs.isEmpty()) {
      throw new UserError("apply --plan takes no directory: the saved plan records its own");
    }
    if (planning.changedSince != null || !planning.targets.isEmpty()) {
      throw new UserError(
          "apply --plan takes no --changed-since or --target: the saved plan records its own");
    }
    PlanJson.Saved saved = Planning.readSaved(ctx, planFile);
    PlanOptions mine = planning.resolve(config);
    if (!Objects.equals(mine.ownership(), saved.meta().ownership())) {
      return refuse(
          List.of(
              "ownership: the plan was made with "
                  + describe(saved.meta().ownership())
                  + ", this apply uses "
                  + describe(mine.ownership())));
    }
    // A saved plan travels as an artifact of a pull-request job: deleting is the operator's call
    // here, as for a fresh apply, whatever the file says it was made with.
    // The delete of a rename's old name needs no --prune (the file asks for the rename; the
    // saved-plan check below refuses a plan whose file does not): it is part of the Rename.
    long deletes = scenarioDeletes(saved.plan());
    long resourceDeletes = 0;
    if (saved.resources() != null) {
      for (tools.jackson.databind.JsonNode n : saved.resources()) {
        resourceDeletes += "delete".equals(n.path("action").asString("")) ? 1 : 0;
      }
    }
    if ((deletes > 0 || resourceDeletes > 0) && !mine.prune()) {
      throw new UserError(
          "the saved plan deletes "
              + (deletes > 0 ? deletes + " scenario" + (deletes == 1 ? "" : "s") : "")
              + (deletes > 0 && resourceDeletes > 0 ? " and " : "")
              + (resourceDeletes > 0 ? resourceDeletes + " personas, unit tests and sets" : "")
              + "; pass --prune to apply --plan to allow deletes (nothing was applied)");
    }
    // Before any connection: the plan against the files as they are now.
    ScenarioLoader.Result files =
        Planning.loadSaved(ctx, saved, planning.followExternalLinks, mine.ignoreTagKeys());
    SavedPlanCheck.Verdict verdict = Planning.checkFiles(saved, files, mine.ignoreTagKeys());
    if (!verdict.stale().isEmpty()) {
      ctx.err()
          .println(
              "error: the saved plan is stale: documents it plans changed since it was made:"
                  + Planning.listed(verdict.stale())
                  + "\nNothing was applied. Run plan again.");
      return ExitCode.CONFLICT;
    }
    warnIfMadeByAnotherVersion(saved.meta().toolVersion());
    if (!verdict.refused().isEmpty()) {
      return refuse(verdict.refused());
    }
    if (!verdict.guards().isEmpty()) {
      throw new UserError("the plan is refused: " + String.join("; ", verdict.guards()));
    }
    ConnectionOptions o = connection;
    o.local = o.local || saved.meta().local();
    try (Connection conn = Connection.open(ctx, o, configOptions.defaults(ctx, config))) {
      Planning.requireSameTarget(conn, saved);
      Plan resources = null;
      if (saved.resources() != null) {
        resources = replanResources(conn, saved, files, mine.ignoreTagKeys());
        if (resources == null) {
          return ExitCode.CONFLICT;
        }
      }
      if (!saved.plan().hasChanges()
          && (resources == null
              || resources.changes().stream().allMatch(c -> c.kind() == ResourceKind.SCENARIO))) {
        ctx.out().println("The saved plan has no changes.");
        return ExitCode.OK;
      }
      verdict =
          SavedPlanCheck.againstRemote(
              verdict,
              conn.client.list(ScenarioApi.ListFilter.live()),
              mine,
              saved.meta().takeOver(),
              saved.meta().createdAt());
      if (!verdict.refused().isEmpty()) {
        return refuse(verdict.refused());
      }
      if (!verdict.guards().isEmpty()) {
        throw new UserError("the plan is refused: " + String.join("; ", verdict.guards()));
      }
      verdict.notes().forEach(n -> ctx.err().println("note: " + Safe.oneLine(n)));
      Plan plan = verdict.plan();
      if (resources != null) {
        plan = plan.withKindsOf(resources);
      }
      return run(conn, plan);
    }
  }

  /**
   * The scenario deletes of a saved plan (a rename's is part of it, not counted); 0 for a plan
   * whose changes break their shape's rules, which the saved-plan check refuses.
   */
  private static long scenarioDeletes(Plan saved) {
    try {
      return saved.changes().stream()
          .filter(c -> c.kind() == ResourceKind.SCENARIO && c instanceof ResourceChange.Delete)
          .count();
    } catch (IllegalArgumentException | NullPointerException e) {
      return 0;
    }
  }

  /**
   * A format 2 plan's personas, unit tests and sets: planned again from the same files with the
   * plan's options and target, and required to be exactly what was saved (sensitive values compared
   * by their salted hash); null, with the differences printed, when they are not.
   */
  private Plan replanResources(
      Connection conn,
      PlanJson.Saved saved,
      ScenarioLoader.Result files,
      java.util.Set<String> ignoreTagKeys) {
    // the tag keys other writers own, as the configuration says now (as the scenarios' check)
    PlanOptions recorded = Planning.savedOptions(saved);
    PlanOptions options =
        new PlanOptions(
            recorded.ownership(),
            recorded.prune(),
            recorded.maxDeletes(),
            recorded.allowDeleteAll(),
            recorded.takeOver(),
            ignoreTagKeys);
    declared = files.resources();
    // A targeted plan is planned again over its own target: nothing outside it is read or applied.
    Plan fresh = Planning.plan(ctx, conn, files, options, saved.plan().target());
    tools.jackson.databind.JsonNode now = ResourceJson.changes(fresh, saved.salt());
    // Compared as written (a number read back from the file is another node type than ours).
    if (now.toString().equals(saved.resources().toString())) {
      return fresh;
    }
    List<String> stale = new java.util.ArrayList<>();
    java.util.Set<String> was = new java.util.HashSet<>();
    saved.resources().forEach(n -> was.add(n.toString()));
    java.util.Set<String> is = new java.util.HashSet<>();
    now.forEach(n -> is.add(n.toString()));
    for (tools.jackson.databind.JsonNode n : saved.resources()) {
      if (!is.contains(n.toString())) {
        stale.add(n.path("kind").asString() + " " + n.path("name").asString());
      }
    }
    for (tools.jackson.databind.JsonNode n : now) {
      if (!was.contains(n.toString())) {
        String what = n.path("kind").asString() + " " + n.path("name").asString();
        if (!stale.contains(what)) {
          stale.add(what);
        }
      }
    }
    ctx.err()
        .println(
            "error: the saved plan is stale: personas, unit tests or sets (or the sensitive values"
                + " they use) changed since it was made:"
                + Planning.listed(stale)
                + "\nNothing was applied. Run plan again.");
    return null;
  }

  private static String describe(Ownership o) {
    return o == null ? "no ownership tag" : "ownership tag " + o;
  }

  /** A saved plan that disagrees with the files or the remote: nothing is applied. */
  private int refuse(List<String> problems) {
    ctx.err()
        .println(
            "error: the saved plan is refused: it does not match the scenario files or the remote"
                + " scenarios:"
                + Planning.listed(problems)
                + "\nNothing was applied. Apply only a plan made by 'plan --out' from these files.");
    return ExitCode.CONFLICT;
  }

  private boolean confirm(String org, Plan plan) {
    if (!ctx.interactive()) {
      throw new UserError(
          "apply needs --auto-approve when not run at a terminal (or apply a reviewed plan with --plan FILE)");
    }
    // The summary again, just above the question: the plan above may have scrolled it away.
    ctx.err().print("\nPlan: " + plan.summary() + "\n");
    ctx.err().print("Apply these changes to organization '" + org + "'? Only 'yes' is accepted: ");
    ctx.err().flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      return answer != null && answer.strip().equals("yes");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A plan made by another version may have been planned by other rules; it is applied all the same
   * (its version numbers still guard every change), with a warning. Plans without the field (older
   * than it) are not warned about.
   */
  private void warnIfMadeByAnotherVersion(String madeBy) {
    if (madeBy != null && !madeBy.isEmpty() && !madeBy.equals(Version.get())) {
      ctx.err()
          .println(
              "warning: the saved plan was made by scenario-sync "
                  // the file is untrusted: its text never drives the terminal or the CI log
                  + (madeBy.matches("[0-9A-Za-z.+_-]{1,40}") ? madeBy : "(an unreadable version)")
                  + ", this is "
                  + Version.get()
                  + "; applying it as planned");
    }
  }

  private int run(Connection conn, Plan plan) {
    Applier applier = new Applier(conn.client, parallelism, conn.status::println);
    ApplyResult result = applier.apply(plan);
    if (!runTests) {
      ctx.out()
          .print(
              format == ResultFormat.json
                  ? ApplyResultJson.write(plan.organization(), result)
                  : table(result));
      ctx.out().flush();
      return result.exitCode();
    }
    if (format == ResultFormat.text) {
      ctx.out().print(table(result));
      ctx.out().flush();
    }
    // Only what was done: a failed change did not change what the unit tests run.
    TestReport report =
        Testing.run(
            ctx, conn, tests, new Testing.Selection.Affected(Testing.changed(result), declared));
    if (format == ResultFormat.json) {
      tools.jackson.databind.node.ObjectNode out =
          (tools.jackson.databind.node.ObjectNode)
              JSON.readTree(ApplyResultJson.write(plan.organization(), result));
      out.set("tests", TestReportRender.json(report));
      ctx.out().print(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
    } else {
      ctx.out().print(TestReportRender.text(report));
    }
    ctx.out().flush();
    int tested = Testing.finish(ctx, tests, report);
    return result.exitCode() != ExitCode.OK ? result.exitCode() : tested;
  }

  private static final tools.jackson.databind.json.JsonMapper JSON =
      dev.scenariosync.json.JsonOut.MAPPER;

  static String table(ApplyResult result) {
    return ApplyResultText.render(result);
  }
}
