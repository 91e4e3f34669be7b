package dev.scenariosync.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.apply.TestRunner;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.model.SetRun;
import dev.scenariosync.plan.TestReport;
import dev.scenariosync.support.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The run calls and the runner against the emulator's run engine: 30 sets started within the 20
 * starts a minute (a short window on both sides), and a stop from another thread (what the shutdown
 * hook does on SIGINT) cancels the runs in progress.
 */
class RunClientEmulatorTest {
  static final String SIM = "/v1/acme/simulation/";

  /** A persona, a scenario, a unit test and {@code n} sets that each hold it; the set ids. */
  static List<String> sets(RawHttp http, int n) {
    String persona =
        http.post(
                SIM + "persona/",
                """
                {"name": "Ana", "role": "caller", "tags": {}, "initial_version": {"background": "b",
                 "preferred_language": "eng", "timezone": "Europe/Paris", "user_models": [],
                 "nonsensitive_user_variables": {}, "sensitive_user_variables": {}}}""")
            .json()
            .get("simulation_persona_id")
            .asString();
    String scenario =
        http.post(
                SIM + "scenario/",
                """
                {"name": "S", "tags": {}, "initial_version": {"objective": "o", "instructions": "i",
                 "initial_message_type": "user-message", "conversation_starts_at": null}}""")
            .json()
            .get("simulation_scenario_id")
            .asString();
    String test =
        http.post(
                SIM + "unit_test/",
                """
                {"name": "T", "description": "d", "service_id": "aaaaaaaaaaaaaaaaaaaaaaaa",
                 "service_version_set_name": "release", "persona_id": "%s", "scenario_id": "%s",
                 "max_interactions": 10, "success_criterions": [{"name": "c",
                 "metric_id": "cccccccccccccccccccccccc",
                 "criterion": {"type": "boolean", "expected_value": true}}], "tags": {}}"""
                    .formatted(persona, scenario))
            .json()
            .get("simulation_unit_test_id")
            .asString();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          http.post(
                  SIM + "unit_test_set/",
                  """
                  {"name": "Set %d", "description": null, "tags": {},
                   "unit_test_runs": [{"unit_test_id": "%s", "run_count": 1}]}"""
                      .formatted(i, test))
              .json()
              .get("simulation_unit_test_set_id")
              .asString());
    }
    return out;
  }

  static TestReport.Context context() {
    return new TestReport.Context(Map.of(), Map.of(), 1.0);
  }

  @Test
  void thirtySetsStartWithinTheTwentyAMinuteLimit() throws Exception {
    Duration window = Duration.ofSeconds(2);
    EmulatorConfig config =
        EmulatorConfig.defaults()
            .withOrganizations(List.of("acme"))
            .withRateLimits(true)
            .withRateLimitWindow(window)
            .withRunDuration(Duration.ofMillis(100));
    try (EmulatorServer server = EmulatorServer.start(config);
        AmigoClient c = ClientEmulatorTest.client(server, "acme", window)) {
      List<String> ids = sets(RawHttp.dev(server, "acme"), 30);
      List<TestRunner.Target> targets = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        targets.add(new TestRunner.Target("Set " + i, ids.get(i), null));
      }
      TestReport report =
          new TestRunner(
                  c,
                  new TestRunner.Options(
                      TestRunner.OnBusy.fail, Duration.ofMinutes(2), Duration.ofMillis(50), false),
                  line -> {})
              .run(targets, context());
      assertThat(report.sets()).hasSize(30);
      assertThat(report.sets())
          .allSatisfy(s -> assertThat(s.status()).isEqualTo(TestReport.Status.PASSED));
      long starts =
          server.requests().stream()
              .filter(r -> r.method().equals("POST") && r.path().endsWith("/unit_test_set_run/"))
              .filter(r -> r.status() == 201)
              .count();
      assertThat(starts).isEqualTo(30);
      long throttled =
          server.requests().stream()
              .filter(r -> r.path().endsWith("/unit_test_set_run/") && r.status() == 429)
              .count();
      assertThat(throttled).as("at most one 429 teaches the limit").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aStopFromAnotherThreadCancelsTheRunsInProgress() throws Exception {
    EmulatorConfig config =
        EmulatorConfig.defaults()
            .withOrganizations(List.of("acme"))
            .withRunDuration(Duration.ofMinutes(5));
    try (EmulatorServer server = EmulatorServer.start(config);
        AmigoClient c = ClientEmulatorTest.client(server, "acme", Duration.ofMinutes(1))) {
      List<String> ids = sets(RawHttp.dev(server, "acme"), 2);
      List<String> lines = new CopyOnWriteArrayList<>();
      TestRunner runner =
          new TestRunner(
              c,
              new TestRunner.Options(
                  TestRunner.OnBusy.fail, Duration.ofMinutes(5), Duration.ofMillis(50), false),
              lines::add);
      CompletableFuture<TestReport> running =
          CompletableFuture.supplyAsync(
              () ->
                  runner.run(
                      List.of(
                          new TestRunner.Target("A", ids.get(0), null),
                          new TestRunner.Target("B", ids.get(1), null)),
                      context()));
      // Wait (without a time bound on the assertion) until both runs have started.
      while (lines.stream().noneMatch(l -> l.startsWith("tests: started 2 runs"))) {
        Thread.sleep(20);
      }
      List<String> cancelled = runner.stopEarly();
      assertThat(cancelled).hasSize(2);
      TestReport report = running.get();
      assertThat(report.sets())
          .allSatisfy(
              s -> {
                assertThat(s.status()).isEqualTo(TestReport.Status.TIMED_OUT);
                assertThat(s.cancelled()).isTrue();
              });
      for (SetRun run : c.runs(cancelled)) {
        assertThat(run.completed()).as("cancelled runs read as completed").isTrue();
        assertThat(run.errored()).isTrue();
      }
    }
  }
}
