package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.scenariosync.api.ClientWireTest.S;
import static dev.scenariosync.api.ClientWireTest.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the transport's steps work together within one call (each step's own rules are elsewhere).
 */
@WireMockTest
class TransportChainTest {
  static void answers(List<ResponseDefinitionBuilder> in) {
    for (int i = 0; i < in.size(); i++) {
      stubFor(
          get(urlPathEqualTo(S))
              .inScenario("seq")
              .whenScenarioStateIs(i == 0 ? STARTED : "s" + i)
              .willReturn(in.get(i))
              .willSetStateTo("s" + (i + 1)));
    }
  }

  static ResponseDefinitionBuilder status(int code) {
    return aResponse().withStatus(code).withBody("{\"detail\": \"no\"}");
  }

  @Test
  void aProbeThatGetsNoAnswerShowsNoRoomAndTheNextCallProbesAgain(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers(ClientWireTest.TOKEN, Instant.now().plus(Duration.ofHours(1)));
    List<ResponseDefinitionBuilder> in = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // the list's documented limit: 200 a minute
      in.add(okJson(page("", false, null)));
    }
    in.add(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)); // the probe: no answer
    in.add(okJson(page("", false, null)));
    answers(in);
    RetryPolicy once = new RetryPolicy(1, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
    try (AmigoClient c = ClientWireTest.client(wm, once)) {
      for (int i = 0; i < 200; i++) {
        c.list(ScenarioApi.ListFilter.live());
      }
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(TransportException.class);
      assertThat(c.transportLimiter().isRoomy(Endpoint.LIST))
          .as("an unanswered call past the limit proves no room")
          .isFalse();
      c.list(ScenarioApi.ListFilter.live());
      assertThat(c.transportLimiter().isRoomy(Endpoint.LIST))
          .as("the next call probed again and was accepted")
          .isTrue();
      assertThat(c.transportLimiter().isLimited(Endpoint.LIST)).isFalse();
    }
  }

  @Test
  void aCallSignsInAgainOnceOnlyThoughALaterAttemptMeetsAnother401(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers(ClientWireTest.TOKEN, Instant.now().plus(Duration.ofHours(1)));
    answers(
        List.of(
            status(401),
            status(503).withHeader("Retry-After", "0"),
            status(401),
            okJson(page("", false, null))));
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(ApiException.Unauthorized.class);
      assertThat(c.signIns()).isEqualTo(2); // the first, and one again
    }
    verify(3, getRequestedFor(urlPathEqualTo(S)));
  }

  @Test
  void aSignInAgainTakesNoRetryAttempt(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers(ClientWireTest.TOKEN, Instant.now().plus(Duration.ofHours(1)));
    // two attempts allowed: the 401 and its sign-in again do not use the second one up
    answers(List.of(status(401), status(503), okJson(page("", false, null))));
    RetryPolicy two = new RetryPolicy(2, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO);
    try (AmigoClient c = ClientWireTest.client(wm, two)) {
      assertThat(c.list(ScenarioApi.ListFilter.live())).isEmpty();
    }
    verify(3, getRequestedFor(urlPathEqualTo(S)));
  }

  @Test
  void afterTheDeadlineACallFailsAsItselfWithoutSigningIn(WireMockRuntimeInfo wm) {
    ClientWireTest.signInAnswers(ClientWireTest.TOKEN, Instant.now().plus(Duration.ofHours(1)));
    ApiSettings s =
        ApiSettings.of(
                java.net.URI.create(wm.getHttpBaseUrl()),
                "acme",
                new Credentials(ClientWireTest.KEY, ClientWireTest.KEY_ID, "user-1"),
                "t")
            .withDeadline(Instant.now().minusSeconds(1));
    try (AmigoClient c = new AmigoClient(s)) {
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(TransportException.DeadlinePassed.class)
          .hasMessageStartingWith("list scenarios: not started");
      assertThat(c.signIns()).isZero();
    }
    verify(0, postRequestedFor(urlPathEqualTo("/v1/acme/user/signin_with_api_key")));
  }
}
