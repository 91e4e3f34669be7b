package dev.scenariosync.emulator;

import static dev.scenariosync.emulator.Fixture.P;
import static dev.scenariosync.emulator.Fixture.R;
import static dev.scenariosync.emulator.Fixture.S;
import static dev.scenariosync.emulator.Fixture.T;
import static dev.scenariosync.emulator.Fixture.problems;
import static dev.scenariosync.emulator.Fixture.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The run engine behind the unit-test-set-run endpoints, timed by a hand-moved clock (runs take 10
 * seconds of it): progress, recorded versions, the markers, the seeded pass rate, one unfinished
 * run per user and set, cancel, list filters and artifacts.
 */
class RunEngineTest {
  Fixture f = new Fixture();
  RawHttp http = f.http;

  @AfterEach
  void stop() {
    f.close();
  }

  String start(String set) {
    return Fixture.created(
        http.post(R, "{\"simulation_unit_test_set_id\": \"%s\"}".formatted(set)),
        "simulation_unit_test_set_run_id");
  }

  JsonNode run(String id) {
    Reply r = http.get(R + "?id=" + id);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("simulation_unit_test_set_runs").get(0);
  }

  /** Each session's outcome of the first metric of unit test {@code i}, in order. */
  static List<Boolean> outcomes(JsonNode run, int i) {
    List<Boolean> out = new ArrayList<>();
    run.get("unit_test_run_results")
        .get(i)
        .get("metric_evaluation_results")
        .get(0)
        .get("results")
        .forEach(t -> out.add(t.get(1).asBoolean()));
    return out;
  }

  @Test
  void aRunGoesFromInProgressToCompletedAndRecordsTheVersionsItUsed() {
    String persona = f.persona("Ana");
    String scenario = f.scenario("S", "i");
    f.scenarioVersion(scenario, "second");
    String first = f.unitTest("first", "d", persona, scenario);
    String second = f.unitTest("second", "d", persona, f.scenario("S2", "i"));
    String set = f.set("Nightly", 2, first, second);

    String id = start(set);
    JsonNode running = run(id);
    assertThat(running.get("is_completed").asBoolean()).isFalse();
    assertThat(running.get("artifacts_generated").asBoolean()).isFalse();
    assertThat(running.get("unit_test_run_results").toString()).isEqualTo("[null,null]");
    JsonNode spec = running.get("unit_test_run_specs").get(0);
    assertThat(spec.get("unit_test_id").asString()).isEqualTo(first);
    assertThat(spec.get("run_count").asInt()).isEqualTo(2);
    assertThat(spec.get("scenario_version_info").toString())
        .isEqualTo("[\"%s\",2]".formatted(scenario));
    assertThat(spec.get("persona_version_info").toString())
        .isEqualTo("[\"%s\",1]".formatted(persona));
    assertThat(spec.get("metrics_to_evaluate").get(0).get("success_criterion_name").asString())
        .isEqualTo("c0");
    assertThat(
            http.get(T + "?id=" + set)
                .json()
                .get("simulation_unit_test_sets")
                .get(0)
                .get("last_triggered_run_id")
                .asString())
        .isEqualTo(id);

    f.scenarioVersion(scenario, "third, after the run started");
    f.clock.advance(Duration.ofSeconds(5));
    JsonNode half = run(id);
    assertThat(half.get("is_completed").asBoolean()).isFalse();
    assertThat(half.get("unit_test_run_results").get(0).isNull()).isFalse();
    assertThat(half.get("unit_test_run_results").get(1).isNull()).isTrue();

    f.clock.advance(Duration.ofSeconds(5));
    JsonNode done = run(id);
    assertThat(done.get("is_completed").asBoolean()).isTrue();
    assertThat(done.get("artifacts_generated").asBoolean()).isTrue();
    assertThat(done.get("failed_metrics").asBoolean()).isFalse();
    assertThat(done.get("errored").asBoolean()).isFalse();
    assertThat(done.get("unit_test_run_specs").get(0).get("scenario_version_info").get(1).asInt())
        .as("the version used is the one at the start")
        .isEqualTo(2);
    assertThat(outcomes(done, 0)).containsExactly(true, true);
    assertThat(done.get("unit_test_run_results").get(0).get("run_errors").toString())
        .isEqualTo("[null,null]");
    assertThat(done.get("created_at").asString()).isEqualTo("2026-05-01T10:00:00Z");
  }

  @Test
  void theFailMarkerFailsEveryMetricAndTheErrorMarkerErrors() {
    String persona = f.persona("Ana");
    String failing =
        f.unitTest("failing", "d", persona, f.scenario("F", "Be rude. [[emulator:fail]]"));
    String erroring = f.unitTest("erroring", "d", persona, f.scenario("E", "[[emulator:error]]"));
    String passing = f.unitTest("passing", "d", persona, f.scenario("P", "fine"));
    String id = start(f.set("Mixed", 3, failing, erroring, passing));
    f.clock.advance(Duration.ofSeconds(10));
    JsonNode done = run(id);
    assertThat(done.get("failed_metrics").asBoolean()).isTrue();
    assertThat(done.get("errored").asBoolean()).isTrue();
    assertThat(outcomes(done, 0)).containsExactly(false, false, false);
    assertThat(outcomes(done, 1)).isEmpty();
    assertThat(done.get("unit_test_run_results").get(1).get("run_errors").get(0).asString())
        .contains("[[emulator:error]]");
    assertThat(outcomes(done, 2)).containsExactly(true, true, true);
  }

  /** Three runs of a set whose unit test passes 40% of 10 sessions; the outcome patterns. */
  static List<List<Boolean>> passRatePatterns(long seed) {
    try (Fixture g = new Fixture(c -> c.withRunSeed(seed).withRunDuration(Duration.ZERO))) {
      String test =
          g.unitTest(
              "flaky",
              "Sometimes. [[emulator:pass_rate=0.4]]",
              g.persona("Ana"),
              g.scenario("S", "i"));
      String set = g.set("Flaky", 10, test);
      List<List<Boolean>> patterns = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id =
            Fixture.created(
                g.http.post(R, "{\"simulation_unit_test_set_id\": \"%s\"}".formatted(set)),
                "simulation_unit_test_set_run_id");
        JsonNode run =
            g.http.get(R + "?id=" + id).json().get("simulation_unit_test_set_runs").get(0);
        patterns.add(outcomes(run, 0));
      }
      return patterns;
    }
  }

  @Test
  void aPassRateIsExactPerRunAndReproducibleUnderItsSeed() {
    List<List<Boolean>> one = passRatePatterns(7);
    assertThat(one).allSatisfy(p -> assertThat(p.stream().filter(b -> b)).hasSize(4));
    assertThat(passRatePatterns(7)).isEqualTo(one);
    assertThat(passRatePatterns(8)).isNotEqualTo(one);
    assertThat(Runs.passRate("x [[emulator:pass_rate=0.25]]")).isEqualTo(0.25);
    assertThat(Runs.passRate("no marker")).isEqualTo(1.0);
  }

  @Test
  void oneUnfinishedRunPerUserAndSetCancelAndArtifacts() {
    String test = f.unitTest("t", "d", f.persona("Ana"), f.scenario("S", "i"));
    String set = f.set("Set", 1, test);
    String id = start(set);
    Reply busy = http.post(R, "{\"simulation_unit_test_set_id\": \"%s\"}".formatted(set));
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.json().get("detail").asString())
        .isEqualTo("The user already has an unfinished run for this simulation unit test set.");
    Reply notYet = http.get(R + id + "/artifacts/");
    assertThat(notYet.status()).isEqualTo(400);
    assertThat(notYet.json().get("detail").asString()).contains("not yet available");

    assertThat(http.delete(R + id + "/").status()).isEqualTo(204);
    JsonNode cancelled = run(id);
    assertThat(cancelled.get("is_completed").asBoolean()).isTrue();
    assertThat(cancelled.get("errored").asBoolean()).isTrue();
    assertThat(cancelled.get("unit_test_run_results").toString()).isEqualTo("[null]");
    assertThat(http.get(R + id + "/artifacts/").status())
        .as("a cancelled run has none")
        .isEqualTo(400);
    Reply again = http.delete(R + id + "/");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asString())
        .isEqualTo("The simulation unit test set run is not in progress.");

    String next = start(set);
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(http.delete(R + next + "/").status())
        .as("completed: not in progress")
        .isEqualTo(409);
    Reply artifacts = http.get(R + next + "/artifacts/");
    assertThat(artifacts.status()).isEqualTo(200);
    assertThat(artifacts.json().get("presigned_url").asString()).startsWith("https://");
    assertThat(artifacts.json().get("url_expires_at").asString()).isEqualTo("2026-05-01T11:00:10Z");

    assertThat(
            http.post(R, "{\"simulation_unit_test_set_id\": \"eeeeeeeeeeeeeeeeeeeeeeee\"}")
                .status())
        .isEqualTo(404);
    assertThat(http.delete(R + "eeeeeeeeeeeeeeeeeeeeeeee/").status()).isEqualTo(404);
    assertThat(http.get(R + "eeeeeeeeeeeeeeeeeeeeeeee/artifacts/").status()).isEqualTo(404);
    assertThat(problems(http.delete(R + "x/")))
        .containsExactly("[\"path\",\"simulation_unit_test_set_run_id\"] string_pattern_mismatch");
    assertThat(problems(http.post(R, "{}")))
        .containsExactly("[\"body\",\"simulation_unit_test_set_id\"] missing");
  }

  @Test
  void listFiltersRunsByStateSetAndTime() {
    String persona = f.persona("Ana");
    String good = f.set("Good", 1, f.unitTest("g", "d", persona, f.scenario("G", "i")));
    String bad =
        f.set("Bad", 1, f.unitTest("b", "d", persona, f.scenario("B", "[[emulator:fail]]")));
    String goodRun = start(good);
    f.clock.advance(Duration.ofSeconds(10));
    String badRun = start(bad);
    f.clock.advance(Duration.ofSeconds(10));
    String running = start(good);

    assertThat(ids("?is_completed=false")).containsExactly(running);
    assertThat(ids("?is_completed=true")).containsExactly(goodRun, badRun);
    assertThat(ids("?failed_metrics=true")).containsExactly(badRun);
    assertThat(ids("?errored=false&simulation_unit_test_set_id=" + good))
        .containsExactly(goodRun, running);
    assertThat(ids("?created_after=2026-05-01T10:00:10Z")).containsExactly(badRun, running);
    assertThat(ids("?created_before=2026-05-01T10:00:10Z")).containsExactly(goodRun, badRun);
    assertThat(ids("?sort_by=-created_at&limit=1")).containsExactly(running);
    assertThat(ids("?creator=acme,someone")).isEmpty();
    Reply page = http.get(R + "?limit=2");
    assertThat(page.json().get("has_more").asBoolean()).isTrue();
    assertThat(page.json().get("filter_values").get("simulation_unit_test_set_ids")).hasSize(2);
    assertThat(problems(http.get(R + "?limit=51&created_after=yesterday")))
        .containsExactlyInAnyOrder(
            "[\"query\",\"limit\"] less_than_equal",
            "[\"query\",\"created_after\"] datetime_from_date_parsing");
  }

  List<String> ids(String query) {
    return values(http.get(R + query), "simulation_unit_test_set_runs", "id");
  }

  @Test
  void personasSetsAndRunsSurviveARestart(@TempDir Path dir) {
    f.close();
    Path state = dir.resolve("state.json");
    String persona;
    String run;
    try (Fixture g = new Fixture(c -> c.withStateFile(state))) {
      persona = g.persona("Kept");
      g.http.post(
          P + persona + "/version/",
          "{\"background\": \"b2\", \"user_models\": [], \"nonsensitive_user_variables\": {}, \"sensitive_user_variables\": {}}");
      run =
          Fixture.created(
              g.http.post(
                  R,
                  "{\"simulation_unit_test_set_id\": \"%s\"}"
                      .formatted(
                          g.set("Set", 1, g.unitTest("t", "d", persona, g.scenario("S", "i"))))),
              "simulation_unit_test_set_run_id");
    }
    f = new Fixture(c -> c.withStateFile(state));
    http = f.http;
    Reply versions = http.get(P + persona + "/version/?version=latest");
    assertThat(
            versions.json().get("simulation_persona_versions").get(0).get("background").asString())
        .isEqualTo("b2");
    assertThat(
            run(run).get("unit_test_run_specs").get(0).get("persona_version_info").get(1).asInt())
        .isEqualTo(2);
    assertThat(http.get(S).json().get("simulation_scenarios")).hasSize(1);
  }
}
