package dev.scenariosync.apply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.api.AmigoClient;
import dev.scenariosync.api.ApiSettings;
import dev.scenariosync.api.Credentials;
import dev.scenariosync.api.RetryPolicy;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The applier against a server whose answers no emulator gives: odd shapes, every answer lost. */
@WireMockTest
class ApplierWireTest {
  static final String S = "/v1/acme/simulation/scenario/";
  static final String A = "aaaaaaaaaaaaaaaaaaaaaaa1";
  static final String B = "aaaaaaaaaaaaaaaaaaaaaaa2";
  static final VersionContent V2 = new VersionContent("o", "v2", InitialMessageType.SKIP, null);

  static AmigoClient client(WireMockRuntimeInfo wm) {
    stubFor(
        post(urlEqualTo("/v1/acme/user/signin_with_api_key"))
            .willReturn(
                okJson(
                    "{\"id_token\": \"tok\", \"expires_at\": \""
                        + Instant.now().plusSeconds(3600)
                        + "\"}")));
    return new AmigoClient(
        ApiSettings.of(
                URI.create(wm.getHttpBaseUrl()),
                "acme",
                new Credentials("key-1234567890", "key-id", "user-1"),
                "scenario-sync/test")
            .withRetry(RetryPolicy.defaults()));
  }

  static ResourceChange version(String id, String name) {
    return new ResourceChange.Update(
        ResourceKind.SCENARIO,
        name,
        null,
        id,
        null,
        2,
        ScenarioFields.of(new VersionContent("o", "v1", InitialMessageType.SKIP, null)),
        ScenarioFields.of(V2),
        Map.of(),
        Map.of("managed_by", "scenario_sync"),
        List.of("instructions", "tags"),
        Map.of(),
        false);
  }

  static Plan plan(ResourceChange... changes) {
    return new Plan("acme", List.of(changes), 0, List.of());
  }

  @Test
  void anAnswerOfAnUnexpectedShapeFailsThatChangeOnlyAndTheOthersGoOn(WireMockRuntimeInfo wm) {
    // A's read-back answers tags that are not a map of strings; B is fine.
    stubFor(
        get(urlPathEqualTo(S))
            .withQueryParam("id", equalTo(A))
            .willReturn(
                okJson(
                    "{\"simulation_scenarios\": [{\"id\": \""
                        + A
                        + "\", \"name\": \"A\", \"tags\": {\"suite\": {\"deep\": [1]}}, \"is_deleted\": false}],"
                        + " \"has_more\": false, \"continuation_token\": null}")));
    stubFor(
        get(urlPathEqualTo(S))
            .withQueryParam("id", equalTo(B))
            .willReturn(
                okJson(
                    "{\"simulation_scenarios\": [{\"id\": \""
                        + B
                        + "\", \"name\": \"B\", \"tags\": {}, \"is_deleted\": false}],"
                        + " \"has_more\": false, \"continuation_token\": null}")));
    stubFor(post(urlPathEqualTo(S + A + "/version/")).willReturn(okJson("{\"version\": 2}")));
    stubFor(post(urlPathEqualTo(S + B + "/version/")).willReturn(okJson("{\"version\": 2}")));
    stubFor(post(urlEqualTo(S + B + "/")).willReturn(aResponse().withStatus(204)));
    stubFor(post(urlEqualTo(S + A + "/")).willReturn(aResponse().withStatus(204)));

    List<String> progress = new ArrayList<>();
    try (AmigoClient c = client(wm)) {
      ApplyResult r =
          new Applier(c, 1, progress::add).apply(plan(version(A, "A"), version(B, "B")));
      assertThat(r.exitCode()).isEqualTo(3);
      assertThat(r.outcomes())
          .extracting(Outcome::status)
          .containsExactly(Outcome.Status.FAILED, Outcome.Status.DONE);
      assertThat(r.outcomes().get(0).message())
          .contains("read scenario " + A)
          .contains("the API answered a value the client cannot read");
      assertThat(progress).hasSize(2);
    }
  }

  @Test
  void aVersionWhoseEveryAttemptWasLostAndNeverMadeIsFailedNotAConflict(WireMockRuntimeInfo wm) {
    stubFor(
        post(urlPathEqualTo(S + A + "/version/"))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    stubFor(
        get(urlPathEqualTo(S + A + "/version/"))
            .willReturn(
                okJson(
                    "{\"simulation_scenario_versions\": [], \"has_more\": false,"
                        + " \"continuation_token\": null}")));
    ResourceChange v =
        new ResourceChange.Update(
            ResourceKind.SCENARIO,
            "A",
            null,
            A,
            null,
            2,
            Map.of(),
            ScenarioFields.of(V2),
            Map.of(),
            Map.of(),
            List.of("instructions"),
            Map.of(),
            false);
    try (AmigoClient c = client(wm)) {
      ApplyResult r = new Applier(c, 1, s -> {}).apply(plan(v));
      assertThat(r.outcomes().get(0).status()).isEqualTo(Outcome.Status.FAILED);
      assertThat(r.outcomes().get(0).message()).doesNotContain("remote is now at version");
      assertThat(r.exitCode()).isEqualTo(3);
    }
    verify(exactly(5), postRequestedFor(urlPathEqualTo(S + A + "/version/")));
  }
}
