package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.plan.TestReport;
import dev.scenariosync.plan.TestSelection;
import dev.scenariosync.plan.file.PlanJson;
import dev.scenariosync.render.TestReportRender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code test}: runs unit test sets of the current remote state and reports them. */
@Command(
    name = "test",
    description =
        "Run unit test sets (named, those a saved plan's changes affect, or all) and report each"
            + " unit test's result against the set's previous run.",
    mixinStandardHelpOptions = true)
final class TestCommand implements Callable<Integer> {
  /** The forms of the report. */
  enum Format {
    text,
    markdown,
    json
  }

  private final CliContext ctx;

  @Option(
      names = "--set",
      paramLabel = "NAME",
      description = "Run this unit test set; repeatable (default: every set).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description =
          "Run the sets with a unit test using a scenario or persona this saved plan creates or"
              + " versions (after it was applied).")
  Path planFile;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "The report: text (default), markdown (the pull-request section) or json.")
  Format format;

  @Mixin TestOptions tests;
  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  TestCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ConfigFile.Config config = configOptions.load(ctx);
    if (planFile != null && !sets.isEmpty()) {
      throw new UserError("test takes --set or --plan, not both");
    }
    tests.runnerOptions(); // flags checked before any connection
    Testing.Selection selection;
    PlanJson.Saved saved = null;
    if (planFile != null) {
      saved = Planning.readSaved(ctx, planFile);
      List<TestSelection.Changed> changed = new ArrayList<>(Testing.changed(saved.plan()));
      changed.addAll(Testing.changedPersonas(saved.resources()));
      ScenarioLoader.Result files =
          Planning.load(ctx, Planning.savedRoots(saved), Planning.savedOptions(saved), false);
      selection = new Testing.Selection.Affected(changed, files.resources());
      connection.local = connection.local || saved.meta().local();
    } else if (!sets.isEmpty()) {
      selection = new Testing.Selection.Named(sets);
    } else {
      selection = new Testing.Selection.All();
    }
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      if (saved != null) {
        Planning.requireSameTarget(conn, saved);
      }
      TestReport report = Testing.run(ctx, conn, tests, selection);
      ctx.out()
          .print(
              switch (format) {
                case text -> TestReportRender.text(report);
                case markdown -> TestReportRender.markdown(report);
                case json -> TestReportRender.jsonText(report);
              });
      ctx.out().flush();
      return Testing.finish(ctx, tests, report);
    }
  }
}
