package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.apply.TestRunner;
import dev.scenariosync.plan.TestReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Servers that answer oddly about runs and ids: every answer bounded, nothing sent astray. */
@WireMockTest
class OddRunServerTest {
  static final String RUNS = "/v1/acme/simulation/unit_test_set_run/";
  static final String SET = "aaaaaaaaaaaaaaaaaaaaaaa1";
  static final String RUN = "bbbbbbbbbbbbbbbbbbbbbbb2";

  @Test
  void a409WithNoUnfinishedRunListedIsBusyAfterOneMoreTryNeverALoop(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers("t", Instant.now().plus(Duration.ofHours(1)));
    stubFor(
        post(urlPathEqualTo(RUNS))
            .willReturn(aResponse().withStatus(409).withBody("{\"detail\": \"unfinished run\"}")));
    stubFor(
        get(urlPathEqualTo(RUNS))
            .willReturn(
                okJson(
                    "{\"simulation_unit_test_set_runs\": [], \"has_more\": false,"
                        + " \"continuation_token\": null}")));
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      TestReport report =
          new TestRunner(
                  c,
                  new TestRunner.Options(
                      TestRunner.OnBusy.wait, Duration.ofSeconds(5), Duration.ofMillis(50), false),
                  line -> {})
              .run(
                  List.of(new TestRunner.Target("Smoke", SET, null)),
                  new TestReport.Context(Map.of(), Map.of(), 1.0));
      assertThat(report.sets())
          .singleElement()
          .satisfies(s -> assertThat(s.status()).isEqualTo(TestReport.Status.BUSY));
    }
    verify(exactly(2), postRequestedFor(urlPathEqualTo(RUNS)));
  }

  @Test
  void a429WithoutRetryAfterIsBackedOffAndTheStartThenSucceeds(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers("t", Instant.now().plus(Duration.ofHours(1)));
    // Throttled twice without Retry-After (the spec's 429s name only the limit), then started.
    stubFor(
        post(urlPathEqualTo(RUNS))
            .inScenario("throttled")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withBody("{\"detail\": \"slow down\"}"))
            .willSetStateTo("once"));
    stubFor(
        post(urlPathEqualTo(RUNS))
            .inScenario("throttled")
            .whenScenarioStateIs("once")
            .willReturn(aResponse().withStatus(429).withBody("{\"detail\": \"slow down\"}"))
            .willSetStateTo("twice"));
    stubFor(
        post(urlPathEqualTo(RUNS))
            .inScenario("throttled")
            .whenScenarioStateIs("twice")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"simulation_unit_test_set_run_id\": \"" + RUN + "\"}")));
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      assertThat(c.startRun(SET)).isEqualTo(RUN);
      assertThat(c.stats().throttled()).isEqualTo(2);
    }
    verify(exactly(3), postRequestedFor(urlPathEqualTo(RUNS)));
  }

  @Test
  void a429WithoutRetryAfterThatNeverEndsIsBoundedAndReportedNotStarted(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers("t", Instant.now().plus(Duration.ofHours(1)));
    stubFor(
        post(urlPathEqualTo(RUNS))
            .willReturn(aResponse().withStatus(429).withBody("{\"detail\": \"slow down\"}")));
    stubFor(
        get(urlPathEqualTo(RUNS))
            .willReturn(
                okJson(
                    "{\"simulation_unit_test_set_runs\": [], \"has_more\": false,"
                        + " \"continuation_token\": null}")));
    RetryPolicy four =
        new RetryPolicy(4, Duration.ofMinutes(1), Duration.ofMillis(50), Duration.ofSeconds(1));
    try (AmigoClient c = ClientWireTest.client(wm, four)) {
      TestReport report =
          new TestRunner(
                  c,
                  new TestRunner.Options(
                      TestRunner.OnBusy.wait, Duration.ofSeconds(30), Duration.ofMillis(50), false),
                  line -> {})
              .run(
                  List.of(new TestRunner.Target("Smoke", SET, null)),
                  new TestReport.Context(Map.of(), Map.of(), 1.0));
      assertThat(report.sets())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.status()).isEqualTo(TestReport.Status.NOT_STARTED);
                assertThat(s.note()).contains("HTTP 429");
              });
      assertThat(report.fails(TestReport.FailOn.failed)).isTrue();
    }
    // every attempt the policy allows, and not one more: no tight loop
    verify(exactly(4), postRequestedFor(urlPathEqualTo(RUNS)));
  }

  @Test
  void anIdThatWouldChangeThePathIsRefusedAndNothingIsSent(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers("t", Instant.now().plus(Duration.ofHours(1)));
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      assertThatThrownBy(() -> c.delete(".."))
          .isInstanceOf(UnwritableContent.class)
          .hasMessageContaining("is not an id; nothing was sent");
    }
    verify(exactly(0), deleteRequestedFor(urlPathMatching("/v1/.*")));
  }
}
