package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.sun.net.httpserver.HttpServer;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.VersionContent;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server that answers to hurt the client: endless waits, endless pages, huge bodies, odd types.
 * Every call must end with a clear message naming the call, never hang or fail internally. (The
 * timeouts below only stop a hang; they assert no speed.)
 */
@WireMockTest
class HostileServerTest {
  static final Duration HANG = Duration.ofSeconds(60);
  static final String S = "/v1/acme/simulation/scenario/";

  static AmigoClient client(String base, RateLimiter.Mode mode) {
    ApiSettings s =
        ApiSettings.of(
                URI.create(base),
                "acme",
                new Credentials("sk-hostile-key", "kid-hostile", "user-1"),
                "scenario-sync/test")
            .withRateLimit(mode);
    return new AmigoClient(s);
  }

  static AmigoClient client(WireMockRuntimeInfo wm) {
    return client(wm.getHttpBaseUrl(), RateLimiter.Mode.ADAPTIVE);
  }

  static void signIn() {
    ClientWireTest.signInAnswers("tok.en.sig", Instant.now().plus(Duration.ofHours(1)));
  }

  static String scenario(String id) {
    return ClientWireTest.scenarioJson(id, "n-" + id, "2026-03-01T08:00:00Z");
  }

  // ---------------------------------------------------------------- waits

  @ParameterizedTest
  @ValueSource(strings = {"ADAPTIVE", "DOCUMENTED", "OFF"})
  void aRetryAfterLongerThanTheRetryTimeFailsThatCallAtOnceAndHoldsNoOtherEndpoint(
      String mode, WireMockRuntimeInfo wm) {
    signIn();
    stubFor(
        post(urlEqualTo(S))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3600")
                    .withBody("{\"detail\": \"slow down\"}")));
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(ClientWireTest.page("", false, null))));
    try (AmigoClient c = client(wm.getHttpBaseUrl(), RateLimiter.Mode.valueOf(mode))) {
      assertTimeoutPreemptively(
          HANG,
          () -> {
            assertThatThrownBy(() -> c.create("a", Map.of(), ClientWireTest.CONTENT))
                .isInstanceOf(ApiException.RateLimited.class)
                .hasMessageContaining("create scenario 'a'")
                .hasMessageContaining("the API asks to wait 3600 s")
                .hasMessageContaining("--retry-max-time 5m");
            // another endpoint goes on
            assertThat(c.list(ScenarioApi.ListFilter.live())).isEmpty();
            // the same endpoint: the next call fails at once too, without being sent
            assertThatThrownBy(() -> c.create("b", Map.of(), ClientWireTest.CONTENT))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("create scenario 'b'")
                .hasMessageContaining("more than --retry-max-time 5m");
          });
    }
    verify(exactly(1), postRequestedFor(urlEqualTo(S)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1000000000",
        "100000000000000",
        "9223372036854775807",
        "99999999999999999999999999999"
      })
  void hugeRetryAfterValuesAreLongWaitsNotArithmeticErrors(String value, WireMockRuntimeInfo wm) {
    signIn();
    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", value)));
    try (AmigoClient c = client(wm)) {
      assertTimeoutPreemptively(
          HANG,
          () ->
              assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
                  .isInstanceOf(ApiException.ServerError.class)
                  .hasMessageContaining("list scenarios")
                  .hasMessageContaining("the API asks to wait"));
    }
    verify(exactly(1), getRequestedFor(urlPathEqualTo(S)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3600", "100000000000000", "99999999999999999999999999999"})
  void aRateLimitResetFarAwayFailsTheNextCallOfThatEndpointAtOnce(
      String reset, WireMockRuntimeInfo wm) {
    signIn();
    long epoch = Instant.now().getEpochSecond();
    String value = reset.equals("3600") ? String.valueOf(epoch + 3600) : reset;
    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(
                okJson(ClientWireTest.page("", false, null))
                    .withHeader("X-RateLimit-Limit", "200")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", value)));
    try (AmigoClient c = client(wm)) {
      assertTimeoutPreemptively(
          HANG,
          () -> {
            assertThat(c.list(ScenarioApi.ListFilter.live())).isEmpty();
            assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
                .isInstanceOf(ApiException.RateLimited.class)
                .hasMessageContaining("list scenarios")
                .hasMessageContaining("the API asks to wait")
                .hasMessageContaining("before calling this endpoint again");
          });
    }
    verify(exactly(1), getRequestedFor(urlPathEqualTo(S)));
  }

  @Test
  void afterTheDeadlineNoCallIsStarted(WireMockRuntimeInfo wm) {
    signIn();
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(ClientWireTest.page("", false, null))));
    ApiSettings s =
        ApiSettings.of(
                URI.create(wm.getHttpBaseUrl()),
                "acme",
                new Credentials("sk-hostile-key", "kid-hostile", "user-1"),
                "t")
            .withDeadline(Instant.now().minusSeconds(1));
    try (AmigoClient c = new AmigoClient(s)) {
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(TransportException.DeadlinePassed.class)
          .hasMessageContaining("not started: the --deadline has passed");
    }
    verify(exactly(0), getRequestedFor(urlPathEqualTo(S)));
  }

  // ---------------------------------------------------------------- pages

  @Test
  void aRepeatedContinuationTokenStopsPagingWithAnError(WireMockRuntimeInfo wm) {
    signIn();
    stubFor(
        get(urlPathEqualTo(S)).willReturn(okJson(ClientWireTest.page(scenario("a"), true, 200))));
    try (AmigoClient c = client(wm)) {
      assertTimeoutPreemptively(
          HANG,
          () ->
              assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
                  .isInstanceOf(ApiException.class)
                  .hasMessageContaining("list scenarios")
                  .hasMessageContaining("the API answered page 2 with a continuation token"));
    }
    verify(exactly(2), getRequestedFor(urlPathEqualTo(S)));
  }

  @Test
  void aPageWithNothingThatSaysThereIsMoreIsAnError(WireMockRuntimeInfo wm) {
    signIn();
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(ClientWireTest.page("", true, 200))));
    try (AmigoClient c = client(wm)) {
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .hasMessageContaining("the API answered page 1 with no items yet has_more: true");
    }
  }

  @Test
  void aStringContinuationTokenIsSentBackAsGiven(WireMockRuntimeInfo wm) {
    signIn();
    stubFor(
        get(urlEqualTo(S + "?is_deleted=false&limit=200"))
            .willReturn(
                okJson(
                    "{\"simulation_scenarios\": ["
                        + scenario("a")
                        + "], \"has_more\": true, \"continuation_token\": \"next-page\"}")));
    stubFor(
        get(urlEqualTo(S + "?is_deleted=false&limit=200&continuation_token=next-page"))
            .willReturn(okJson(ClientWireTest.page(scenario("b"), false, null))));
    try (AmigoClient c = client(wm)) {
      assertThat(c.list(ScenarioApi.ListFilter.live()))
          .extracting(r -> r.id())
          .containsExactly("a", "b");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"simulation_scenarios\": {\"a\": 1}, \"has_more\": false}",
        "{\"simulation_scenarios\": [1, 2], \"has_more\": false}",
        "{\"simulation_scenarios\": [], \"has_more\": \"yes\", \"continuation_token\": 3}",
        "{\"simulation_scenarios\": [{\"id\": \"a\"}], \"has_more\": true, \"continuation_token\":"
            + " {\"x\": 1}}",
        "[1, 2, 3]",
        "{\"simulation_scenarios\": [{\"id\": {\"x\": 1}, \"name\": [1], \"tags\": 3}]}"
      })
  void wrongJsonTypesAreWhatTheApiAnsweredNeverAnInternalError(
      String body, WireMockRuntimeInfo wm) {
    signIn();
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(body)));
    try (AmigoClient c = client(wm)) {
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("list scenarios")
          .hasMessageContaining("the API answered");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[1, 2]",
        "{\"id_token\": 5}",
        "{\"id_token\": \"to\\nken\"}",
        "{\"id_token\": \"to\\u00e9ken\"}",
        "{\"id_token\": \"t.o.k\", \"expires_at\": 7}"
      })
  void anOddSignInAnswerIsWhatTheApiAnswered(String body, WireMockRuntimeInfo wm) {
    stubFor(post(urlEqualTo("/v1/acme/user/signin_with_api_key")).willReturn(okJson(body)));
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(ClientWireTest.page("", false, null))));
    try (AmigoClient c = client(wm)) {
      if (body.contains("expires_at")) {
        assertThat(c.list(ScenarioApi.ListFilter.live())).isEmpty(); // an odd expiry: 10 minutes
      } else {
        assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
            .isInstanceOf(ApiException.class)
            .hasMessageContaining("sign in")
            .hasMessageContaining("the API answered");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"simulation_scenario_id\": \"\"}",
        "{\"simulation_scenario_id\": {\"x\": 1}}"
      })
  void aCreateAnsweredWithoutAnIdIsWhatTheApiAnswered(String body, WireMockRuntimeInfo wm) {
    signIn();
    stubFor(post(urlEqualTo(S)).willReturn(okJson(body).withStatus(201)));
    try (AmigoClient c = client(wm)) {
      assertThatThrownBy(
              () ->
                  c.create(
                      "n",
                      Map.of(),
                      new VersionContent("o", "i", InitialMessageType.SKIP, null, null)))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("create scenario 'n'")
          .hasMessageContaining("the API answered no 'simulation_scenario_id'");
    }
  }

  @Test
  void aVersionCreateThatStatesNoNumberMadeTheExpectedOne(WireMockRuntimeInfo wm) {
    signIn();
    stubFor(
        post(urlPathEqualTo(S + ClientWireTest.ID + "/version/"))
            .willReturn(okJson("{}").withStatus(201)));
    try (AmigoClient c = client(wm)) {
      assertThat(
              c.createVersion(
                  ClientWireTest.ID,
                  new VersionContent("o", "i", InitialMessageType.SKIP, null, null),
                  3))
          .isEqualTo(3);
    }
  }

  @Test
  void twoPersonasListedUnderOneIdAreBothKeptWhenTheirVersionsAreRead(WireMockRuntimeInfo wm) {
    signIn();
    String p = "/v1/acme/simulation/persona/";
    String persona =
        "{\"id\": \"%s\", \"name\": \"%s\", \"role\": \"r\", \"tags\": {},"
            + " \"updated_at\": \"2026-03-01T08:00:00Z\"}";
    stubFor(
        get(urlPathEqualTo(p))
            .willReturn(
                okJson(
                    "{\"simulation_personas\": ["
                        + persona.formatted(ClientWireTest.ID, "P1")
                        + ", "
                        + persona.formatted(ClientWireTest.ID, "P2")
                        + "], \"has_more\": false}")));
    stubFor(
        get(urlPathEqualTo(p + ClientWireTest.ID + "/version/"))
            .willReturn(
                okJson(
                    "{\"simulation_persona_versions\": [{\"version\": 1, \"background\": \"b\","
                        + " \"created_at\": \"2026-03-01T08:00:00Z\"}], \"has_more\": false}")));
    stubFor(
        get(urlPathEqualTo("/v1/acme/simulation/unit_test/"))
            .willReturn(okJson("{\"simulation_unit_tests\": [], \"has_more\": false}")));
    stubFor(
        get(urlPathEqualTo("/v1/acme/simulation/unit_test_set/"))
            .willReturn(okJson("{\"simulation_unit_test_sets\": [], \"has_more\": false}")));
    try (AmigoClient c = client(wm)) {
      var personas =
          RemoteReader.readSuite(c, null, 4).of(dev.scenariosync.model.ResourceKind.PERSONA);
      assertThat(personas).extracting(r -> r.name()).containsExactly("P1", "P2");
      assertThat(personas).allSatisfy(r -> assertThat(r.version()).isEqualTo(1));
    }
  }

  @Test
  void aVersionOfTheWrongShapeIsWhatTheApiAnswered(WireMockRuntimeInfo wm) {
    signIn();
    stubFor(
        get(urlPathEqualTo(S + ClientWireTest.ID + "/version/"))
            .willReturn(
                okJson(
                    "{\"simulation_scenario_versions\": [{\"version\": \"one\", \"objective\": 5,"
                        + " \"initial_message_type\": [\"x\"]}], \"has_more\": false}")));
    try (AmigoClient c = client(wm)) {
      assertThatThrownBy(() -> c.latestVersion(ClientWireTest.ID))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("read versions of " + ClientWireTest.ID)
          .hasMessageContaining("the API answered");
    }
  }

  @Test
  void pagingStopsPastAHundredThousandItems() throws Exception {
    // every page is new and full: only the bound stops it
    try (Raw raw =
            new Raw(
                q -> {
                  int token =
                      q.contains("continuation_token=")
                          ? Integer.parseInt(q.replaceAll(".*continuation_token=(\\d+).*", "$1"))
                          : 0;
                  StringBuilder items = new StringBuilder();
                  for (int i = 0; i < 200; i++) {
                    items.append(i == 0 ? "" : ",").append("{\"id\":\"").append(token + i);
                    items.append("\",\"name\":\"n\"}");
                  }
                  return ClientWireTest.page(items.toString(), true, token + 200);
                });
        AmigoClient c = client(raw.base(), RateLimiter.Mode.OFF)) {
      assertTimeoutPreemptively(
          HANG,
          () ->
              assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
                  .hasMessageContaining("the API answered more than 100000 items"));
      assertThat(raw.pages).isBetween(500, 502);
    }
  }

  @Test
  void aBodyOverThirtyTwoMebibytesIsAnErrorNamingTheCall() throws Exception {
    try (Raw raw = new Raw(q -> null);
        AmigoClient c = client(raw.base(), RateLimiter.Mode.OFF)) {
      assertTimeoutPreemptively(
          HANG,
          () ->
              assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
                  .isInstanceOf(ApiException.class)
                  .hasMessageContaining("list scenarios")
                  .hasMessageContaining("more than 32 MiB"));
    }
  }

  @Test
  void aLongErrorDetailIsCut(WireMockRuntimeInfo wm) {
    signIn();
    String detail = "x".repeat(50_000);
    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(aResponse().withStatus(404).withBody("{\"detail\": \"" + detail + "\"}")));
    try (AmigoClient c = client(wm)) {
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(ApiException.NotFound.class)
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500).endsWith("..."));
    }
  }

  /**
   * A small HTTP server: sign-in answers a token; lists answer {@code page(query)}, or, when that
   * is null, an endless stream of spaces.
   */
  static final class Raw implements AutoCloseable {
    final HttpServer server;
    volatile int pages;

    Raw(Function<String, String> page) throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server.createContext(
          "/",
          ex -> {
            try (ex) {
              ex.getRequestBody().readAllBytes();
              String path = ex.getRequestURI().getPath();
              if (path.endsWith("signin_with_api_key")) {
                byte[] b =
                    ("{\"id_token\": \"t.o.k\", \"expires_at\": \""
                            + Instant.now().plus(Duration.ofHours(1))
                            + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                return;
              }
              pages++;
              String q = ex.getRequestURI().getRawQuery();
              String body = page.apply(q == null ? "" : q);
              ex.getResponseHeaders().set("Content-Type", "application/json");
              if (body == null) {
                ex.sendResponseHeaders(200, 0); // chunked, never ending
                byte[] spaces = new byte[1 << 16];
                java.util.Arrays.fill(spaces, (byte) ' ');
                OutputStream os = ex.getResponseBody();
                for (long sent = 0; sent < (1L << 30); sent += spaces.length) {
                  os.write(spaces);
                }
                return;
              }
              byte[] b = body.getBytes(StandardCharsets.UTF_8);
              ex.sendResponseHeaders(200, b.length);
              ex.getResponseBody().write(b);
            } catch (java.io.IOException e) {
              // the client hung up: expected when it refuses a body
            }
          });
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
      server.start();
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
