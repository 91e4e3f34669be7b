package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.ApiSpec;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * apply --run-tests and test through the CLI against the emulator's run engine over real HTTP:
 * exactly the affected sets run, tested versions reported, the previous run compared, the gates,
 * --on-busy, and a run cancelled when the wait ends early.
 */
class TestsInTheLoopEndToEndTest {
  static final String SIM = "/v1/acme/simulation/";
  static final String RUNS = SIM + "unit_test_set_run/";

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  void start(Duration runDuration) throws IOException {
    server =
        EmulatorServer.start(
            EmulatorConfig.defaults()
                .withOrganizations(List.of("acme"))
                .withRunDuration(runDuration));
    ui = RawHttp.dev(server, "acme");
  }

  @AfterEach
  void stop() {
    if (server == null) {
      return;
    }
    try {
      for (EmulatorServer.Logged r : server.requests()) {
        ApiSpec.checkRequest(
            r.method(),
            URI.create(
                r.path() + (r.query() == null || r.query().isEmpty() ? "" : "?" + r.query())),
            null);
      }
    } finally {
      server.close();
    }
  }

  void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static String scenario(String name, String instructions) {
    return """
        name: %s
        objective: Get it done.
        instructions: %s
        initial_message_type: user-message
        """
        .formatted(name, instructions);
  }

  static String unitTest(String name, String scenario) {
    return """
        kind: unit_test
        name: %s
        description: The usual path.
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: Caller
        scenario: %s
        max_interactions: 10
        success_criteria:
          - name: resolved
            metric_id: cccccccccccccccccccccccc
            criterion: {type: boolean, expected_value: true}
        """
        .formatted(name, scenario);
  }

  static String set(String name, String... tests) {
    StringBuilder sb = new StringBuilder("kind: unit_test_set\nname: " + name + "\nunit_tests:\n");
    for (String t : tests) {
      sb.append("  - name: ").append(t).append("\n    run_count: 2\n");
    }
    return sb.toString();
  }

  /** Three scenarios, each with its unit test and a set of its own; a fourth set holds two. */
  void suite() throws IOException {
    write("scenarios/a.yaml", scenario("Alpha", "Be polite."));
    write("scenarios/b.yaml", scenario("Bravo", "Be polite."));
    write("scenarios/c.yaml", scenario("Charlie", "Be polite."));
    write(
        "suite/persona.yaml",
        """
        kind: persona
        name: Caller
        role: customer
        background: A caller.
        """);
    write(
        "suite/tests.yaml",
        unitTest("Alpha path", "Alpha")
            + "---\n"
            + unitTest("Bravo path", "Bravo")
            + "---\n"
            + unitTest("Charlie path", "Charlie"));
    write(
        "suite/sets.yaml",
        set("Alpha set", "Alpha path")
            + "---\n"
            + set("Bravo set", "Bravo path")
            + "---\n"
            + set("Charlie set", "Charlie path"));
  }

  Cli.Result run(String... args) {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme").run(args);
  }

  List<EmulatorServer.Logged> runStarts() {
    return server.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals(RUNS))
        .toList();
  }

  @Test
  void anApplyThatVersionsTwoScenariosRunsExactlyTheirSetsAndFailsWhenAMetricGetsWorse()
      throws IOException {
    start(Duration.ofMillis(200));
    suite();
    Cli.Result first = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(first.exit()).as(first.all()).isZero();
    // A previous completed run of every set: all pass.
    Cli.Result baseline = run("test", "--poll-interval", "50ms");
    assertThat(baseline.exit()).as(baseline.all()).isZero();
    assertThat(baseline.out()).contains("Tests: 3 sets: 3 passed, 0 failed, 0 errored");
    assertThat(runStarts()).hasSize(3);

    // Alpha's metrics now fail; Bravo gets a harmless new version; Charlie is untouched.
    write("scenarios/a.yaml", scenario("Alpha", "Be curt. [[emulator:fail]]"));
    write("scenarios/b.yaml", scenario("Bravo", "Be very polite."));
    Cli.Result apply =
        run(
            "apply",
            "scenarios",
            "suite",
            "--auto-approve",
            "--run-tests",
            "--fail-on",
            "worse",
            "--poll-interval",
            "50ms",
            "--test-markdown",
            "report.md");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(5);
    assertThat(runStarts()).as("only the two sets that use a versioned scenario").hasSize(5);
    assertThat(apply.out())
        .contains("Unit test set Alpha set: failed")
        .contains("Unit test set Bravo set: passed")
        .doesNotContain("Charlie set")
        .contains("tested: scenario Alpha v2, persona Caller v1")
        .contains("tested: scenario Bravo v2, persona Caller v1")
        .contains("metric resolved: 0/2 passed (worse; previously 2/2)")
        .contains("metric resolved: 2/2 passed (same; previously 2/2)")
        .contains("Tests: 2 sets: 1 passed, 1 failed, 0 errored; against the previous run: 1 worse")
        .doesNotContain("MISMATCH");
    assertThat(apply.err()).contains("tests: running 2 unit test sets");
    String md = Files.readString(dir.resolve("report.md"));
    assertThat(md)
        .startsWith("### Unit tests after apply")
        .contains("<details open><summary>❌ Alpha set: failed, worse than the previous run")
        .contains("<details><summary>✅ Bravo set: passed, same than the previous run");

    // The same apply under the default gate (failed) and under never, from the JSON report.
    Cli.Result again =
        run("test", "--set", "Bravo set", "--format", "json", "--poll-interval", "50ms");
    assertThat(again.exit()).as(again.all()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(again.out());
    JsonNode test = json.get("sets").get(0).get("unit_tests").get(0);
    assertThat(test.get("scenario").get("version").asInt()).isEqualTo(2);
    assertThat(test.get("comparison").asString()).isEqualTo("same");
    Cli.Result never =
        run("test", "--set", "Alpha set", "--fail-on", "never", "--poll-interval", "50ms");
    assertThat(never.exit()).as(never.all()).isZero();
    assertThat(never.out()).contains("Alpha set: failed");
  }

  @Test
  void aVersionMadeMeanwhileIsCalledOutAsAMismatch() throws IOException {
    start(Duration.ofMillis(200));
    suite();
    assertThat(run("apply", "scenarios", "suite", "--auto-approve").exit()).isZero();
    write("scenarios/a.yaml", scenario("Alpha", "Be brief."));
    Cli.Result plan = run("plan", "scenarios", "suite", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    // Someone edits Alpha in the UI after the apply: the run tests v3, not the v2 the plan made.
    String alpha = null;
    for (JsonNode s :
        ui.get(SIM + "scenario/?is_deleted=false&limit=50").json().get("simulation_scenarios")) {
      alpha = s.get("name").asString().equals("Alpha") ? s.get("id").asString() : alpha;
    }
    assertThat(
            ui.post(
                    SIM + "scenario/" + alpha + "/version/",
                    """
                    {"objective": "o", "instructions": "edited", "initial_message_type": "skip",
                     "conversation_starts_at": null, "version": 3}""")
                .status())
        .isEqualTo(201);
    Cli.Result test = run("test", "--plan", "plan.json", "--poll-interval", "50ms");
    assertThat(test.exit()).as(test.all()).isZero();
    assertThat(test.out())
        .contains("Unit test set Alpha set: passed")
        .contains("MISMATCH: scenario v3 tested, the changes made v2 (changed meanwhile)")
        .contains("1 unit test ran other versions than the changes made")
        .doesNotContain("Bravo set");
  }

  String setId(String name) {
    for (JsonNode s :
        ui.get(SIM + "unit_test_set/?is_deleted=false&limit=20")
            .json()
            .get("simulation_unit_test_sets")) {
      if (s.get("name").asString().equals(name)) {
        return s.get("id").asString();
      }
    }
    throw new AssertionError(name);
  }

  String startInUi(String set) {
    RawHttp.Reply r = ui.post(RUNS, "{\"simulation_unit_test_set_id\": \"" + set + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("simulation_unit_test_set_run_id").asString();
  }

  @Test
  void aBusySetIsWaitedForSkippedOrFailedAsOnBusySays() throws IOException {
    start(Duration.ofMillis(1500));
    suite();
    assertThat(run("apply", "scenarios", "suite", "--auto-approve").exit()).isZero();
    String bravo = setId("Bravo set");

    String held = startInUi(bravo);
    Cli.Result skip =
        run("test", "--set", "Bravo set", "--on-busy", "skip", "--poll-interval", "50ms");
    assertThat(skip.exit()).as(skip.all()).isZero();
    assertThat(skip.out())
        .contains("Unit test set Bravo set: skipped (busy)")
        .contains("an unfinished run of this user holds the set (" + held + ")");

    Cli.Result fail =
        run("test", "--set", "Bravo set", "--on-busy", "fail", "--poll-interval", "50ms");
    assertThat(fail.exit()).as(fail.all()).isEqualTo(5);
    assertThat(fail.out()).contains("Unit test set Bravo set: busy");
    assertThat(runStarts()).as("skip and fail started nothing").hasSize(1 + 2);

    Cli.Result wait =
        run("test", "--set", "Bravo set", "--on-busy", "wait", "--poll-interval", "50ms");
    assertThat(wait.exit()).as(wait.all()).isZero();
    assertThat(wait.err()).contains("waiting for an unfinished run of this user holds the set");
    assertThat(wait.out())
        .contains("Unit test set Bravo set: passed")
        .contains("than run " + held)
        .as("compared with the run it waited for");
    assertThat(runStarts()).hasSize(1 + 2 + 2); // the 409 and the start after the wait
  }

  @Test
  void runsStillInProgressWhenTheWaitEndsAreCancelledUnlessLeftRunning() throws IOException {
    start(Duration.ofSeconds(30));
    suite();
    assertThat(run("apply", "scenarios", "suite", "--auto-approve").exit()).isZero();
    Cli.Result timedOut =
        run("test", "--set", "Alpha set", "--test-timeout", "300ms", "--poll-interval", "50ms");
    assertThat(timedOut.exit()).as(timedOut.all()).isEqualTo(5);
    assertThat(timedOut.out()).contains("Unit test set Alpha set: timed out").contains("cancelled");
    List<EmulatorServer.Logged> cancels =
        server.requests().stream()
            .filter(r -> r.method().equals("DELETE") && r.path().startsWith(RUNS))
            .toList();
    assertThat(cancels).hasSize(1);
    assertThat(cancels.get(0).status()).isEqualTo(204);
    JsonNode run =
        ui.get(RUNS + "?simulation_unit_test_set_id=" + setId("Alpha set"))
            .json()
            .get("simulation_unit_test_set_runs")
            .get(0);
    assertThat(run.get("is_completed").asBoolean()).as("cancelled").isTrue();

    Cli.Result left =
        run(
            "test",
            "--set",
            "Bravo set",
            "--test-timeout",
            "300ms",
            "--poll-interval",
            "50ms",
            "--leave-running");
    assertThat(left.exit()).as(left.all()).isEqualTo(5);
    assertThat(left.err()).contains("left running (--leave-running)");
    assertThat(
            server.requests().stream()
                .filter(r -> r.method().equals("DELETE") && r.path().startsWith(RUNS))
                .count())
        .isEqualTo(1);
  }
}
