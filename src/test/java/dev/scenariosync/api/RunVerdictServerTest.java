package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.apply.TestRunner;
import dev.scenariosync.plan.TestReport;
import dev.scenariosync.render.TestReportRender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a completed run is judged from what the real API returns for it: a run cancelled by someone
 * else, a key without the permissions to read results, and the service's {@code failed_metrics}.
 */
@WireMockTest
class RunVerdictServerTest {
  static final String RUNS = "/v1/acme/simulation/unit_test_set_run/";
  static final String SET = "aaaaaaaaaaaaaaaaaaaaaaa1";
  static final String RUN = "bbbbbbbbbbbbbbbbbbbbbbb2";
  static final String TEST = "ccccccccccccccccccccccc3";
  static final String METRIC = "ddddddddddddddddddddddd4";

  static final String SPEC =
      """
      {"unit_test_id": "%s", "run_count": 2,
       "service_hierarchical_state_machine_version_info": ["s", 1],
       "agent_version_info": ["a", 1], "scenario_version_info": ["%s", 3],
       "persona_version_info": ["%s", 1], "llm_model_preferences": {}, "max_interactions": 10,
       "metrics_to_evaluate": %s}"""
          .formatted(TEST, "e".repeat(24), "f".repeat(24), "%s");

  /** The run as the API lists it (complete, with the given flags, specs and results). */
  static String run(boolean failedMetrics, boolean errored, String specs, String results) {
    return """
        {"simulation_unit_test_set_runs": [{"org_id": "acme", "id": "%s", "is_completed": true,
          "simulation_unit_test_set_id": "%s", "failed_metrics": %s, "errored": %s,
          "artifacts_generated": true, "unit_test_run_specs": [%s],
          "unit_test_run_results": [%s], "created_at": "2026-11-29T09:00:00.123456",
          "creator": {"org_id": "acme", "user_id": "user-1"}}],
         "has_more": false, "continuation_token": null, "filter_values": null}"""
        .formatted(RUN, SET, failedMetrics, errored, specs, results);
  }

  static TestReport judge(WireMockRuntimeInfo wm, String runsAnswer) {
    ClientWireTest.signInAnswers("t", Instant.now().plus(Duration.ofHours(1)));
    stubFor(
        post(urlPathEqualTo(RUNS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"simulation_unit_test_set_run_id\": \"" + RUN + "\"}")));
    // The previous completed run of the set (none), then the run itself by id.
    stubFor(
        get(urlPathEqualTo(RUNS))
            .willReturn(
                okJson(
                    "{\"simulation_unit_test_set_runs\": [], \"has_more\": false,"
                        + " \"continuation_token\": null, \"filter_values\": null}")));
    stubFor(
        get(urlPathEqualTo(RUNS))
            .withQueryParam("id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(RUN))
            .willReturn(okJson(runsAnswer)));
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      return new TestRunner(
              c,
              new TestRunner.Options(
                  TestRunner.OnBusy.fail, Duration.ofSeconds(30), Duration.ofMillis(20), false),
              line -> {})
          .run(
              List.of(new TestRunner.Target("Smoke", SET, null)),
              new TestReport.Context(Map.of(), Map.of(), 1.0));
    }
  }

  @Test
  void aRunCompletedWithUnitTestsThatNeverFinishedIsCancelledNotErrored(WireMockRuntimeInfo wm) {
    // Cancelled in the UI: the API has no status for it, only is_completed and a null result.
    TestReport report = judge(wm, run(false, true, SPEC.formatted("[]"), "null"));

    assertThat(report.sets().get(0).status()).isEqualTo(TestReport.Status.CANCELLED);
    assertThat(report.fails(TestReport.FailOn.failed)).isTrue();
    assertThat(report.fails(TestReport.FailOn.worse)).isTrue();
    assertThat(TestReportRender.text(report))
        .contains("Unit test set Smoke: cancelled (run " + RUN + ")")
        .contains("it was cancelled")
        .contains("1 cancelled");
  }

  @Test
  void aCompletedRunWithoutVisibleSpecsOrResultsIsNoPass(WireMockRuntimeInfo wm) {
    // What a key without Simulation:GetSimulationUnitTestSet reads: empty lists.
    TestReport report = judge(wm, run(false, false, "", ""));

    assertThat(report.sets().get(0).status()).isEqualTo(TestReport.Status.NO_RESULTS);
    assertThat(report.fails(TestReport.FailOn.failed)).isTrue();
    assertThat(report.fails(TestReport.FailOn.worse)).isTrue();
    assertThat(TestReportRender.text(report))
        .contains("Unit test set Smoke: no results visible")
        .contains("results not visible with this key")
        .contains("0 passed");
    assertThat(TestReportRender.json(report).get("sets").get(0).get("status").asString())
        .isEqualTo("no_results");
  }

  @Test
  void aFinishedUnitTestWithoutVisibleMetricResultsIsNotCountedAsPassed(WireMockRuntimeInfo wm) {
    // Without Simulation:GetSimulationUnitTest the metric lists are empty; no session errored.
    String result =
        "{\"unit_test_id\": \"%s\", \"metric_evaluation_results\": [], \"run_errors\": [null, null]}"
            .formatted(TEST);
    TestReport report = judge(wm, run(false, false, SPEC.formatted("[]"), result));

    TestReport.SetReport set = report.sets().get(0);
    assertThat(set.status()).isEqualTo(TestReport.Status.NO_RESULTS);
    assertThat(set.unitTests().get(0).pass()).isFalse();
    assertThat(set.unitTests().get(0).passed()).isZero();
    assertThat(TestReportRender.text(report))
        .contains("FAIL " + TEST + ": 0 errored of 2, results not visible");
  }

  @Test
  void failedMetricsTellsAKeyThatCannotReadTheResultsThatTheRunFailed(WireMockRuntimeInfo wm) {
    TestReport report = judge(wm, run(true, false, "", ""));

    assertThat(report.sets().get(0).status()).isEqualTo(TestReport.Status.FAILED);
    assertThat(TestReportRender.text(report)).contains("the API reports failed metrics");
  }

  @Test
  void failedMetricsAgainstResultsThatAllPassIsNoPassUnderAllOrNothing(WireMockRuntimeInfo wm) {
    String result =
        ("{\"unit_test_id\": \"%s\", \"metric_evaluation_results\": [{\"metric_id\": \"%s\","
                + " \"results\": [[\"r1\", true], [\"r2\", true]]}], \"run_errors\": [null, null]}")
            .formatted(TEST, METRIC);
    TestReport report = judge(wm, run(true, false, SPEC.formatted("[]"), result));

    assertThat(report.sets().get(0).status()).isEqualTo(TestReport.Status.FAILED);
  }

  @Test
  void aRunThatPassedWithVisibleResultsStillPasses(WireMockRuntimeInfo wm) {
    String result =
        ("{\"unit_test_id\": \"%s\", \"metric_evaluation_results\": [{\"metric_id\": \"%s\","
                + " \"results\": [[\"r1\", true], [\"r2\", true]]}], \"run_errors\": [null, null]}")
            .formatted(TEST, METRIC);
    TestReport report = judge(wm, run(false, false, SPEC.formatted("[]"), result));

    assertThat(report.sets().get(0).status()).isEqualTo(TestReport.Status.PASSED);
    assertThat(report.fails(TestReport.FailOn.failed)).isFalse();
  }
}
