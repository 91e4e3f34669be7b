package dev.scenariosync.cli;

import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.apply.ApplyResult;
import dev.scenariosync.apply.Outcome;
import dev.scenariosync.apply.TestRunner;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import dev.scenariosync.plan.TestReport;
import dev.scenariosync.plan.TestSelection;
import dev.scenariosync.render.Safe;
import dev.scenariosync.render.TestReportRender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The unit test runs of apply --run-tests and test: which sets, the run, the gate. */
final class Testing {
  private Testing() {}

  /** What to run: the sets a change affects, the named sets, or every set. */
  sealed interface Selection {
    /** The sets with a unit test using one of these changes (files where declared). */
    record Affected(List<TestSelection.Changed> changed, List<Resource> files)
        implements Selection {}

    /** These sets, by name. */
    record Named(List<String> names) implements Selection {}

    /** Every unit test set of the organization. */
    record All() implements Selection {}
  }

  /**
   * The scenarios and personas an apply created, versioned or renamed (done only), with the version
   * made.
   */
  static List<TestSelection.Changed> changed(ApplyResult result) {
    List<ResourceChange> done = new ArrayList<>();
    for (Outcome o : result.outcomes()) {
      if (o.status() == Outcome.Status.DONE) {
        done.add(o.change());
      }
    }
    return changed(done);
  }

  /**
   * The scenarios and personas a plan creates, versions or renames; a saved plan (untrusted) whose
   * change breaks its shape's rules is a user error.
   */
  static List<TestSelection.Changed> changed(Plan plan) {
    List<ResourceChange> all;
    try {
      all = plan.changes();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new UserError("the saved plan holds a change that breaks its rules: " + e.getMessage());
    }
    return changed(all);
  }

  /**
   * The scenarios and personas among these changes that are created (or renamed: a new one, version
   * 1) or versioned, with the version made; the same for every kind unit tests run.
   */
  static List<TestSelection.Changed> changed(List<ResourceChange> changes) {
    List<TestSelection.Changed> out = new ArrayList<>();
    for (ResourceChange c : changes) {
      if (c.kind() != ResourceKind.SCENARIO && c.kind() != ResourceKind.PERSONA) {
        continue;
      }
      if (c instanceof ResourceChange.Create || c instanceof ResourceChange.Rename) {
        out.add(new TestSelection.Changed(c.kind(), c.name(), 1));
      } else if (c instanceof ResourceChange.Update u && u.expectedVersion() != null) {
        out.add(new TestSelection.Changed(c.kind(), c.name(), u.expectedVersion()));
      }
    }
    return out;
  }

  /** The personas of a saved plan's resource changes (format 2) that are created or versioned. */
  static List<TestSelection.Changed> changedPersonas(JsonNode resources) {
    List<TestSelection.Changed> out = new ArrayList<>();
    if (resources == null) {
      return out;
    }
    for (JsonNode n : resources) {
      if (!n.path("kind").asString("").equals(ResourceKind.PERSONA.word())) {
        continue;
      }
      String action = n.path("action").asString("");
      String name = n.path("name").asString("");
      if (action.equals(Action.CREATE.word())) {
        out.add(new TestSelection.Changed(ResourceKind.PERSONA, name, 1));
      } else if (action.equals(Action.VERSION.word()) && n.path("expected_version").isInt()) {
        out.add(
            new TestSelection.Changed(
                ResourceKind.PERSONA, name, n.path("expected_version").asInt()));
      }
    }
    return out;
  }

  /**
   * Finds the sets, runs them (an interrupt cancels the runs started, unless --leave-running) and
   * returns the report; progress goes to stderr.
   */
  static TestReport run(CliContext ctx, Connection conn, TestOptions options, Selection selection) {
    TestRunner.Options runnerOptions = options.runnerOptions();
    Map<String, String> scenarios = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (RemoteScenario s : conn.client.list(ScenarioApi.ListFilter.live())) {
      scenarios.put(s.name(), s.id());
      names.put(s.id(), s.name());
    }
    Map<String, String> personas = new HashMap<>();
    for (RemoteResource p : conn.client.listAll(Kinds.PERSONA)) {
      personas.put(p.name(), p.id());
      names.put(p.id(), p.name());
    }
    List<RemoteResource> unitTests = conn.client.listAll(Kinds.UNIT_TEST);
    unitTests.forEach(t -> names.put(t.id(), t.name()));
    List<RemoteResource> sets = conn.client.listAll(Kinds.UNIT_TEST_SET);
    Map<String, Integer> expected = new LinkedHashMap<>();
    List<TestRunner.Target> targets = new ArrayList<>();
    if (selection instanceof Selection.Affected a) {
      for (TestSelection.Changed c : a.changed()) {
        String id = (c.kind() == ResourceKind.SCENARIO ? scenarios : personas).get(c.name());
        if (id != null) {
          expected.put(id, c.version());
        }
      }
      for (TestSelection.Selected s :
          TestSelection.affected(
              a.changed(),
              a.files(),
              new TestSelection.Remote(scenarios, personas, unitTests, sets))) {
        targets.add(
            new TestRunner.Target(
                s.name(), s.id(), "runs a change through: " + String.join(", ", s.because())));
      }
    } else if (selection instanceof Selection.Named n) {
      for (String wanted : n.names()) {
        String key = PyText.strip(wanted);
        RemoteResource set =
            sets.stream()
                .filter(s -> s.name().equals(key))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UserError(
                            "no unit test set is named '"
                                + Safe.item(wanted)
                                + "' (see ls --kind unit_test_set)"));
        targets.add(new TestRunner.Target(set.name(), set.id(), null));
      }
    } else {
      sets.forEach(s -> targets.add(new TestRunner.Target(s.name(), s.id(), null)));
    }
    if (targets.isEmpty()) {
      conn.status.println("tests: no unit test set to run");
      return new TestReport(List.of());
    }
    conn.status.println(
        "tests: running "
            + targets.size()
            + (targets.size() == 1 ? " unit test set" : " unit test sets")
            + ": "
            + String.join(", ", targets.stream().map(t -> Safe.item(t.name())).toList()));
    TestRunner runner = new TestRunner(conn.client, runnerOptions, conn.status::println);
    Thread hook = new Thread(runner::stopEarly, "scenario-sync-cancel-runs");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runner.run(targets, new TestReport.Context(names, expected, options.minPassRate));
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs
      }
    }
  }

  /** Writes --test-markdown and returns the exit code of the gate (0 or 5). */
  static int finish(CliContext ctx, TestOptions options, TestReport report) {
    if (options.markdownFile != null) {
      Path file = ctx.cwd().resolve(options.markdownFile);
      try {
        Files.writeString(file, TestReportRender.markdown(report), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError("cannot write " + file + ": " + e.getMessage());
      }
    }
    return report.fails(options.failOn) ? ExitCode.TESTS_FAILED : ExitCode.OK;
  }
}
