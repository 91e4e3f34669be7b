package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.scenariosync.api.ClientWireTest.page;
import static dev.scenariosync.api.ClientWireTest.scenarioJson;
import static dev.scenariosync.api.ClientWireTest.versionJson;
import static dev.scenariosync.api.ClientWireTest.versions;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 §6: a hold longer than 2 s (a rate limit or a {@code Retry-After}) is told to the
 * progress sink once, naming the endpoint, its limit and the time left; shorter holds say nothing.
 */
@WireMockTest
class WaitNoticeTest {
  static final String S = ClientWireTest.S;
  static final UrlPathPattern VERSIONS = urlPathMatching(S + "[0-9a-f]{24}/version/");

  /** A sink that keeps what it is told, as the person at the terminal would read it. */
  static final class Told implements Progress {
    final List<String> holds = Collections.synchronizedList(new ArrayList<>());
    final List<String> reads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void holding(Hold hold) {
      holds.add(hold.message(Instant.now()));
    }

    @Override
    public void reads(String what, int done, int total) {
      reads.add(done + "/" + total);
    }
  }

  static AmigoClient client(WireMockRuntimeInfo wm, Progress progress) {
    ClientWireTest.signInAnswers(ClientWireTest.TOKEN, Instant.now().plus(Duration.ofHours(1)));
    ApiSettings s =
        ApiSettings.of(
            URI.create(wm.getHttpBaseUrl()),
            "acme",
            new Credentials(ClientWireTest.KEY, ClientWireTest.KEY_ID, "user-1"),
            "scenario-sync/test");
    return new AmigoClient(s, progress);
  }

  /** Eight live scenarios; the first version read answers 429 with this Retry-After. */
  static Set<String> eightScenariosAndAFirst429(String retryAfter) {
    List<String> ids = IntStream.range(0, 8).mapToObj(i -> "aaaaaaaaaaaaaaaaaaaaaaa" + i).toList();
    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(
                okJson(
                    page(
                        ids.stream()
                            .map(id -> scenarioJson(id, "S " + id, "2026-03-01T08:00:00Z"))
                            .collect(Collectors.joining(",")),
                        false,
                        null))));
    stubFor(
        get(VERSIONS)
            .inScenario("429")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter))
            .willSetStateTo("ok"));
    stubFor(
        get(VERSIONS)
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(versions(versionJson(1, "Move it.")))));
    return ids.stream().map(id -> "S " + id).collect(Collectors.toSet());
  }

  @Test
  void aLongRetryAfterIsToldOnceThoughEveryParallelReadWaitsInIt(WireMockRuntimeInfo wm) {
    Set<String> names = eightScenariosAndAFirst429("3");
    Told told = new Told();
    try (AmigoClient c = client(wm, told)) {
      new RemoteReader(c, 8, told).read(names);
    }
    assertThat(told.holds)
        .singleElement()
        .asString()
        .startsWith("waiting 3 s: ")
        .contains("get versions")
        .contains("limited to 500 a minute")
        .contains("429");
    verify(9, getRequestedFor(VERSIONS)); // the one 429, then each of the eight
    assertThat(told.reads).hasSize(8).endsWith("8/8");
  }

  @Test
  void aShortRetryAfterSaysNothing(WireMockRuntimeInfo wm) {
    Set<String> names = eightScenariosAndAFirst429("1");
    Told told = new Told();
    try (AmigoClient c = client(wm, told)) {
      new RemoteReader(c, 8, told).read(names);
    }
    assertThat(told.holds).isEmpty();
  }

  @Test
  void aRateLimitHoldIsToldWithTheServersLimit(WireMockRuntimeInfo wm) {
    long reset = Instant.now().getEpochSecond() + 4; // a hold of 3 to 4 s
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("limit")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                okJson(page("", false, null))
                    .withHeader("X-RateLimit-Limit", "120")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", String.valueOf(reset)))
            .willSetStateTo("reset"));
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("limit")
            .whenScenarioStateIs("reset")
            .willReturn(okJson(page("", false, null))));
    Told told = new Told();
    try (AmigoClient c = client(wm, told)) {
      c.list(ScenarioApi.ListFilter.live());
      assertThat(told.holds).isEmpty();
      c.list(ScenarioApi.ListFilter.live()); // held until the reset
    }
    assertThat(told.holds)
        .singleElement()
        .asString()
        .matches("waiting [34] s: list scenarios is limited to 120 a minute");
  }
}
