package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.model.SetRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run's {@code created_at} as MongoDB and FastAPI may write it: every ISO 8601 form parses to the
 * same instant (no offset is UTC); anything else fails naming the field and the endpoint, never
 * silently null (a lost start is found again by it).
 */
@WireMockTest
class RunDateServerTest {
  static final String RUNS = "/v1/acme/simulation/unit_test_set_run/";
  static final String RUN = "bbbbbbbbbbbbbbbbbbbbbbb2";

  static void answer(String createdAt) {
    ClientWireTest.signInAnswers("t", Instant.now().plus(Duration.ofHours(1)));
    stubFor(
        get(urlPathEqualTo(RUNS))
            .willReturn(
                okJson(
                    """
                    {"simulation_unit_test_set_runs": [{"org_id": "acme", "id": "%s",
                      "is_completed": false, "simulation_unit_test_set_id": "%s",
                      "failed_metrics": false, "errored": false, "artifacts_generated": false,
                      "unit_test_run_specs": [], "unit_test_run_results": [],
                      "created_at": %s, "creator": {"org_id": "acme", "user_id": "user-1"}}],
                     "has_more": false, "continuation_token": null, "filter_values": null}"""
                        .formatted(RUN, "a".repeat(24), createdAt))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-11-29T09:00:00.123456          | 2026-11-29T09:00:00.123456Z",
        "2026-11-29T09:00:00.123456+00:00    | 2026-11-29T09:00:00.123456Z",
        "2026-11-29T09:00:00.123Z            | 2026-11-29T09:00:00.123Z",
        "2026-11-29T09:00:00                 | 2026-11-29T09:00:00Z",
        "2026-11-29 09:00:00.5+0000          | 2026-11-29T09:00:00.500Z",
        "2026-11-29T10:30:00+01:30           | 2026-11-29T09:00:00Z",
        "2026-11-29T04:00:00-05              | 2026-11-29T09:00:00Z",
      })
  void everyIsoFormTheServerMayWriteParses(String wire, String expected, WireMockRuntimeInfo wm) {
    answer("\"" + wire + "\"");
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      List<SetRun> runs = c.runs(List.of(RUN));
      assertThat(runs)
          .singleElement()
          .extracting(SetRun::createdAt)
          .isEqualTo(Instant.parse(expected));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"yesterday\"", "\"2026-13-01T00:00:00\"", "1764406800", "null"})
  void anythingElseFailsNamingTheFieldAndTheEndpoint(String wire, WireMockRuntimeInfo wm) {
    answer(wire);
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      assertThatThrownBy(() -> c.runs(List.of(RUN)))
          .isInstanceOf(ApiException.Unexpected.class)
          .hasMessageContaining("'created_at' is")
          .hasMessageContaining("GET simulation/unit_test_set_run/");
    }
  }
}
