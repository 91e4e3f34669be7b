package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.VersionContent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins the wire format of every call and the client's behaviour on every failure. */
@WireMockTest
class ClientWireTest {
  static final String KEY = "sk-live-RECOGNISABLE-KEY-1234";
  static final String KEY_ID = "0c4d6a52-key-id";
  static final String TOKEN = "eyJhbGciOi.RECOGNISABLE-TOKEN.sig";
  static final String ID = "aaaaaaaaaaaaaaaaaaaaaaaa";
  static final String S = "/v1/acme/simulation/scenario/";
  static final VersionContent CONTENT =
      new VersionContent(
          "Move it.",
          "Be polite.",
          InitialMessageType.USER_MESSAGE,
          Instant.parse("2026-01-05T09:30:00Z"));

  AmigoClient client;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wm) {
    client = client(wm, RetryPolicy.defaults());
    signInAnswers(TOKEN, Instant.now().plus(Duration.ofHours(1)));
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static AmigoClient client(WireMockRuntimeInfo wm, RetryPolicy retry) {
    ApiSettings s =
        ApiSettings.of(
                URI.create(wm.getHttpBaseUrl()),
                "acme",
                new Credentials(KEY, KEY_ID, "user-1"),
                "scenario-sync/test")
            .withRetry(retry);
    return new AmigoClient(s);
  }

  static void signInAnswers(String token, Instant expires) {
    stubFor(
        post(urlEqualTo("/v1/acme/user/signin_with_api_key"))
            .willReturn(
                okJson("{\"id_token\": \"" + token + "\", \"expires_at\": \"" + expires + "\"}")));
  }

  static String scenarioJson(String id, String name, String updatedAt) {
    return """
        {"id": "%s", "name": "%s", "tags": {"suite": "smoke", "owner": null}, "is_deleted": false,
         "created_at": "2026-03-01T08:00:00Z", "creator": {"org_id": "acme", "user_id": "u1"},
         "updated_at": "%s", "updated_by": {"org_id": "acme", "user_id": "u1"}}"""
        .formatted(id, name, updatedAt);
  }

  static String page(String items, boolean more, Integer token) {
    return "{\"simulation_scenarios\": ["
        + items
        + "], \"has_more\": "
        + more
        + ", \"continuation_token\": "
        + token
        + ", \"filter_values\": null}";
  }

  static String versionJson(int n, String objective) {
    return """
        {"_id": "bbbbbbbbbbbbbbbbbbbbbbbb", "org_id": "acme", "simulation_scenario_id": "%s", "version": %d,
         "objective": "%s", "instructions": "Be polite.", "initial_message_type": "user-message",
         "conversation_starts_at": "2026-01-05T09:30:00+00:00", "creator": {"org_id": "acme", "user_id": "u2"},
         "created_at": "2026-03-02T09:00:00.312Z"}"""
        .formatted(ID, n, objective);
  }

  static String versions(String... items) {
    return "{\"simulation_scenario_versions\": ["
        + String.join(",", items)
        + "], \"has_more\": false, \"continuation_token\": null}";
  }

  // ---------------------------------------------------------------- wire format

  @Test
  void signInSendsTheKeyHeadersWithoutABodyThenBearerOnEveryCall() {
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(page("", false, null))));
    client.list(ScenarioApi.ListFilter.live());
    client.list(ScenarioApi.ListFilter.live());

    verify(
        exactly(1),
        postRequestedFor(urlEqualTo("/v1/acme/user/signin_with_api_key"))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("x-api-key-id", equalTo(KEY_ID))
            .withHeader("x-user-id", equalTo("user-1"))
            .withHeader("Authorization", absent()));
    verify(
        exactly(2),
        getRequestedFor(urlEqualTo(S + "?is_deleted=false&limit=200"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("User-Agent", equalTo("scenario-sync/test")));
  }

  @Test
  void listFollowsEveryPageAndEncodesRepeatedTags() {
    stubFor(
        get(urlEqualTo(S + "?is_deleted=false&limit=200&tag=suite%3Aregression&tag=owner%3A*"))
            .willReturn(okJson(page(scenarioJson(ID, "A", "2026-03-02T09:00:00Z"), true, 200))));
    stubFor(
        get(urlEqualTo(
                S
                    + "?is_deleted=false&limit=200&continuation_token=200&tag=suite%3Aregression&tag=owner%3A*"))
            .willReturn(
                okJson(
                    page(
                        scenarioJson("cccccccccccccccccccccccc", "B", "2026-03-02T09:00:00+00:00"),
                        false,
                        null))));

    List<RemoteScenario> all =
        client.list(
            new ScenarioApi.ListFilter(false, List.of("suite:regression", "owner:*"), List.of()));

    assertThat(all).extracting(RemoteScenario::name).containsExactly("A", "B");
    assertThat(all.get(0).tags()).containsEntry("owner", null);
    assertThat(all.get(1).updatedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void createSendsTheDocumentedBody() {
    stubFor(
        post(urlEqualTo(S))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"simulation_scenario_id\": \"" + ID + "\"}")));
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("suite", "smoke");
    tags.put("owner", null);

    assertThat(client.create("Reschedule", tags, CONTENT)).isEqualTo(ID);

    verify(
        postRequestedFor(urlEqualTo(S))
            .withHeader("Content-Type", matching("application/json.*"))
            .withRequestBody(
                equalToJson(
                    """
                    {"name": "Reschedule", "tags": {"suite": "smoke", "owner": null},
                     "initial_version": {"objective": "Move it.", "instructions": "Be polite.",
                     "initial_message_type": "user-message", "conversation_starts_at": "2026-01-05T09:30:00Z"}}""",
                    false,
                    false)));
  }

  @Test
  void newVersionCarriesTheExpectedNumberAndANullStart() {
    stubFor(
        post(urlEqualTo(S + ID + "/version/?version=3"))
            .willReturn(aResponse().withStatus(201).withBody("{\"version\": 3}")));
    VersionContent noStart = new VersionContent("o", "i", InitialMessageType.SKIP, null);

    assertThat(client.createVersion(ID, noStart, 3)).isEqualTo(3);

    verify(
        postRequestedFor(urlEqualTo(S + ID + "/version/?version=3"))
            .withRequestBody(
                equalToJson(
                    "{\"objective\": \"o\", \"instructions\": \"i\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}",
                    false,
                    false)));
  }

  @Test
  void tagUpdateDeleteSearchVersionsAndUnitTestsUseTheExactPaths() {
    stubFor(post(urlEqualTo(S + ID + "/")).willReturn(aResponse().withStatus(204)));
    stubFor(delete(urlEqualTo(S + ID + "/")).willReturn(aResponse().withStatus(204)));
    stubFor(
        get(urlEqualTo(S + "search?query=billing%20dispute&tag=suite%3A"))
            .willReturn(
                okJson(
                    "{\"simulation_scenarios\": ["
                        + scenarioJson(ID, "Billing dispute", "2026-03-02T09:00:00Z")
                        + "]}")));
    stubFor(
        get(urlEqualTo(S + ID + "/version/?version=2-latest&limit=10&sort_by=%2Bversion"))
            .willReturn(okJson(versions(versionJson(2, "a"), versionJson(3, "b")))));
    stubFor(
        get(urlEqualTo(
                "/v1/acme/simulation/unit_test/?is_deleted=false&limit=500&scenario_id="
                    + ID
                    + "&scenario_id=cccccccccccccccccccccccc"))
            .willReturn(
                okJson(
                    "{\"simulation_unit_tests\": [{\"id\": \"dddddddddddddddddddddddd\", \"name\": \"refund flow\", \"scenario_id\": \""
                        + ID
                        + "\"}], \"has_more\": false, \"continuation_token\": null, \"filter_values\": null}")));

    client.updateTags(ID, Map.of("suite", "smoke"));
    client.delete(ID);
    assertThat(client.search("billing dispute", List.of("suite:"))).hasSize(1);
    assertThat(client.versions(ID, "2-latest")).extracting(v -> v.number()).containsExactly(2, 3);
    assertThat(client.versions(ID, "2-latest").get(0).creator().userId()).isEqualTo("u2");
    assertThat(client.unitTestsFor(List.of(ID, "cccccccccccccccccccccccc")).get(ID))
        .extracting(u -> u.name())
        .containsExactly("refund flow");

    verify(
        postRequestedFor(urlEqualTo(S + ID + "/"))
            .withRequestBody(equalToJson("{\"tags\": {\"suite\": \"smoke\"}}")));
    verify(deleteRequestedFor(urlEqualTo(S + ID + "/")));
  }

  // ---------------------------------------------------------------- auth

  @Test
  void a401SignsInAgainAndRetriesOnce() {
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("401")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"detail\": \"Invalid authorization credentials.\"}"))
            .willSetStateTo("ok"));
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("401")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(page("", false, null))));

    assertThat(client.list(ScenarioApi.ListFilter.live())).isEmpty();
    assertThat(client.signIns()).isEqualTo(2);
  }

  @Test
  void persistent401IsAnErrorWithoutTheSecrets() {
    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(
                aResponse().withStatus(401).withBody("{\"detail\": \"bad token " + TOKEN + "\"}")));
    assertThatThrownBy(() -> client.list(ScenarioApi.ListFilter.live()))
        .isInstanceOf(ApiException.Unauthorized.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(TOKEN);
    assertThat(client.signIns()).isEqualTo(2);
  }

  @Test
  void aTokenCloseToExpiryIsRefreshed(WireMockRuntimeInfo wm) throws Exception {
    signInAnswers(TOKEN, Instant.now().plus(Duration.ofSeconds(2)));
    stubFor(get(urlPathEqualTo(S)).willReturn(okJson(page("", false, null))));
    client.list(ScenarioApi.ListFilter.live());
    client.list(ScenarioApi.ListFilter.live());
    assertThat(client.signIns()).isEqualTo(1);
    Thread.sleep(1100); // past half the token's life
    client.list(ScenarioApi.ListFilter.live());
    assertThat(client.signIns()).isEqualTo(2);
  }

  @Test
  void refusedKeyNamesTheVariablesNotTheirValues() {
    stubFor(
        post(urlEqualTo("/v1/acme/user/signin_with_api_key"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody("{\"detail\": \"API key " + KEY + " not found\"}")));
    assertThatThrownBy(() -> client.list(ScenarioApi.ListFilter.live()))
        .isInstanceOf(ApiException.Unauthorized.class)
        .hasMessageContaining("AMIGO_API_KEY")
        .hasMessageNotContaining(KEY)
        .hasMessageNotContaining(KEY_ID);
  }

  // ---------------------------------------------------------------- retries

  @Test
  void getRetries429WithRetryAfterSecondsAndHttpDate() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plusSeconds(1).atOffset(ZoneOffset.UTC));
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("429")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("date"));
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("429")
            .whenScenarioStateIs("date")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", date))
            .willSetStateTo("ok"));
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(page("", false, null))));

    long start = System.nanoTime();
    client.list(ScenarioApi.ListFilter.live());
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(client.stats().throttled()).isEqualTo(2);
    assertThat(client.stats().calls()).isEqualTo(4); // sign-in + 3
  }

  @Test
  void postIsRetriedOn503WithRetryAfterButNotWithout() {
    stubFor(
        post(urlEqualTo(S))
            .inScenario("503")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
            .willSetStateTo("ok"));
    stubFor(
        post(urlEqualTo(S))
            .inScenario("503")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"simulation_scenario_id\": \"" + ID + "\"}")));
    assertThat(client.create("A", Map.of(), CONTENT)).isEqualTo(ID);

    stubFor(
        post(urlEqualTo(S + ID + "/"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withBody(
                        "{\"detail\": \"The service is going through temporary maintenance.\"}")));
    assertThatThrownBy(() -> client.updateTags(ID, Map.of()))
        .isInstanceOf(ApiException.ServerError.class)
        .hasMessageContaining("temporary maintenance");
    verify(exactly(1), postRequestedFor(urlEqualTo(S + ID + "/")));
  }

  @Test
  void getIsRetriedAfterAConnectionReset() {
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("reset")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("ok"));
    stubFor(
        get(urlPathEqualTo(S))
            .inScenario("reset")
            .whenScenarioStateIs("ok")
            .willReturn(okJson(page("", false, null))));
    assertThat(client.list(ScenarioApi.ListFilter.live())).isEmpty();
    verify(exactly(2), getRequestedFor(urlPathEqualTo(S)));
  }

  @Test
  void aDeleteWhoseAnswerWasLostIsDoneWhenTheRetryFindsItGoneButA404AloneIsNot() {
    stubFor(
        delete(urlEqualTo(S + ID + "/"))
            .inScenario("lost delete")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
            .willSetStateTo("gone"));
    stubFor(
        delete(urlEqualTo(S + ID + "/"))
            .inScenario("lost delete")
            .whenScenarioStateIs("gone")
            .willReturn(aResponse().withStatus(404).withBody("{\"detail\": \"not found\"}")));
    client.delete(ID); // the first, lost request did it
    verify(exactly(2), deleteRequestedFor(urlEqualTo(S + ID + "/")));

    assertThatThrownBy(() -> client.delete(ID))
        .as("without a lost request, a 404 is the answer")
        .isInstanceOf(ApiException.NotFound.class);
  }

  @Test
  void aLostCreateIsFoundByReadingBackAndNeverSentTwice() {
    lostCreateReadsBack("user-1");
    assertThat(client.create("Reschedule", SMOKE, CONTENT)).isEqualTo(ID);
    verify(exactly(1), postRequestedFor(urlEqualTo(S)));
  }

  static final Map<String, String> SMOKE = new java.util.HashMap<>();

  static {
    SMOKE.put("suite", "smoke");
    SMOKE.put("owner", null);
  }

  /** A create whose answer is lost; the read-back finds "Reschedule" made by {@code creator}. */
  static void lostCreateReadsBack(String creator) {
    stubFor(post(urlEqualTo(S)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    stubFor(
        get(urlEqualTo(S + "?is_deleted=false&limit=200&sort_by=-updated_at"))
            .willReturn(
                okJson(
                    page(
                        scenarioJson(ID, "Reschedule", Instant.now().toString())
                            .replace(
                                "\"creator\": {\"org_id\": \"acme\", \"user_id\": \"u1\"}",
                                "\"creator\": {\"org_id\": \"acme\", \"user_id\": \""
                                    + creator
                                    + "\"}"),
                        false,
                        null))));
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(okJson(versions(versionJson(1, "Move it.")))));
  }

  @Test
  void aLostCreateMetBySomeoneElsesSameFirstVersionWithOtherTagsIsAConflict() {
    lostCreateReadsBack("user-1");
    assertThatThrownBy(() -> client.create("Reschedule", Map.of("suite", "regression"), CONTENT))
        .isInstanceOf(ApiException.Conflict.class);
    verify(exactly(1), postRequestedFor(urlEqualTo(S)));
  }

  @Test
  void aLostCreateMetBySomeoneElsesIdenticalScenarioIsAConflict() {
    lostCreateReadsBack("another-user");
    assertThatThrownBy(() -> client.create("Reschedule", SMOKE, CONTENT))
        .isInstanceOf(ApiException.Conflict.class);
    verify(exactly(1), postRequestedFor(urlEqualTo(S)));
  }

  @Test
  void aLostCreateThatNeverHappenedIsSentAgain() {
    stubFor(
        post(urlEqualTo(S))
            .inScenario("lost")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
            .willSetStateTo("ok"));
    stubFor(
        post(urlEqualTo(S))
            .inScenario("lost")
            .whenScenarioStateIs("ok")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"simulation_scenario_id\": \"" + ID + "\"}")));
    stubFor(
        get(urlEqualTo(S + "?is_deleted=false&limit=200&sort_by=-updated_at"))
            .willReturn(okJson(page("", false, null))));

    assertThat(client.create("Reschedule", Map.of(), CONTENT)).isEqualTo(ID);
    verify(exactly(2), postRequestedFor(urlEqualTo(S)));
  }

  @Test
  void aVersionWithAnUnknownTypeAndUnknownFieldsIsReadAndOnlyWritingItIsRefused() {
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(
                okJson(
                    versions(
                        """
                        {"version": 2, "objective": "o", "instructions": "i",
                         "initial_message_type": "agent-message", "conversation_starts_at": null,
                         "voice": {"speed": 1.2}, "new_field": [1, 2]}"""))));

    RemoteVersion v = client.latestVersion(ID).orElseThrow();
    assertThat(v.content().initialMessageType().wire()).isEqualTo("agent-message");
    assertThat(v.content().initialMessageType().known()).isFalse();
    assertThat(v.creator()).as("fields the tool does not use are optional").isNull();

    assertThatThrownBy(() -> client.createVersion(ID, v.content(), 3))
        .isInstanceOf(UnwritableContent.class)
        .hasMessageContaining(
            "'agent-message' is not a value this version of scenario-sync can write");
    verify(exactly(0), postRequestedFor(urlPathEqualTo(S + ID + "/version/")));
  }

  @Test
  void aLostVersionThatWasAppliedIsNotSentAgain() {
    stubFor(
        post(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(okJson(versions(versionJson(3, "Move it.")))));

    assertThat(client.createVersion(ID, CONTENT, 3)).isEqualTo(3);
    verify(exactly(1), postRequestedFor(urlPathEqualTo(S + ID + "/version/")));
  }

  @Test
  void aLostVersionThatWasNotAppliedIsSentAgainWithTheSameNumber() {
    stubFor(
        post(urlEqualTo(S + ID + "/version/?version=3"))
            .inScenario("v")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
            .willSetStateTo("ok"));
    stubFor(
        post(urlEqualTo(S + ID + "/version/?version=3"))
            .inScenario("v")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(201).withBody("{\"version\": 3}")));
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .withQueryParam("version", equalTo("3"))
            .willReturn(okJson(versions())));

    assertThat(client.createVersion(ID, CONTENT, 3)).isEqualTo(3);
    verify(exactly(2), postRequestedFor(urlEqualTo(S + ID + "/version/?version=3")));
  }

  @Test
  void aLostVersionIsOursWhenVersionExpectedHoldsOurContentWhateverCameAfter() {
    stubFor(
        post(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .withQueryParam("version", equalTo("3"))
            .willReturn(okJson(versions(versionJson(3, CONTENT.objective())))));
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .withQueryParam("version", equalTo("latest"))
            .willReturn(okJson(versions(versionJson(4, "someone else's, later")))));

    assertThat(client.createVersion(ID, CONTENT, 3)).isEqualTo(3);
    verify(exactly(1), postRequestedFor(urlPathEqualTo(S + ID + "/version/")));
  }

  @Test
  void aLostVersionOvertakenBySomeoneElseIsAConflict() {
    stubFor(
        post(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    stubFor(
        get(urlPathEqualTo(S + ID + "/version/"))
            .willReturn(okJson(versions(versionJson(3, "someone else's")))));

    assertThatThrownBy(() -> client.createVersion(ID, CONTENT, 3))
        .isInstanceOf(ApiException.BadRequest.class);
    verify(exactly(1), postRequestedFor(urlPathEqualTo(S + ID + "/version/")));
  }

  @Test
  void errorsAreTypedAndKeepTheServersDetail() {
    stubFor(
        post(urlEqualTo(S))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withBody(
                        "{\"detail\": \"A simulation scenario with this name already exists.\"}")));
    assertThatThrownBy(() -> client.create("A", Map.of(), CONTENT))
        .isInstanceOf(ApiException.Conflict.class)
        .hasMessageContaining("already exists");

    stubFor(
        post(urlEqualTo(S + ID + "/"))
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withBody(
                        "{\"detail\": [{\"type\": \"string_pattern_mismatch\", \"loc\": [\"body\", \"tags\", \"a-b\", \"[key]\"], \"msg\": \"String should match pattern\", \"input\": \"a-b\"}]}")));
    assertThatThrownBy(() -> client.updateTags(ID, Map.of("a-b", "x")))
        .isInstanceOfSatisfying(
            ApiException.Validation.class,
            e ->
                assertThat(e.fields())
                    .containsExactly("body.tags.a-b.[key]: String should match pattern"));

    stubFor(
        delete(urlEqualTo(S + ID + "/"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody("{\"detail\": \"Missing required permissions.\"}")));
    assertThatThrownBy(() -> client.delete(ID)).isInstanceOf(ApiException.Forbidden.class);

    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"detail\": \"Specified organization is not found.\"}")));
    assertThatThrownBy(() -> client.list(ScenarioApi.ListFilter.live()))
        .isInstanceOf(ApiException.NotFound.class);
  }

  @Test
  void retriesAreBoundedByAttempts(WireMockRuntimeInfo wm) {
    try (AmigoClient c =
        client(
            wm,
            new RetryPolicy(
                3, Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofMillis(5)))) {
      stubFor(get(urlPathEqualTo(S)).willReturn(aResponse().withStatus(502)));
      assertThatThrownBy(() -> c.list(ScenarioApi.ListFilter.live()))
          .isInstanceOf(ApiException.ServerError.class);
      verify(exactly(3), getRequestedFor(urlPathEqualTo(S)));
    }
  }

  @Test
  void rateLimitHeadersStartPacing() {
    stubFor(
        get(urlPathEqualTo(S))
            .willReturn(
                okJson(page("", false, null))
                    .withHeader("X-RateLimit-Limit", "200")
                    .withHeader("X-RateLimit-Remaining", "199")));
    assertThat(client.transportLimiter().isLimited(Endpoint.LIST)).isFalse();
    client.list(ScenarioApi.ListFilter.live());
    assertThat(client.transportLimiter().isLimited(Endpoint.LIST)).isTrue();
    assertThat(client.transportLimiter().isLimited(Endpoint.CREATE)).isFalse();
  }
}
