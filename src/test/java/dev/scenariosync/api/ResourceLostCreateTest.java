package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lost create answer of a persona, unit test or set, resolved by reading back against the
 * emulator: the one found is ours only when its content, tags and creator all match what was sent.
 */
class ResourceLostCreateTest {
  static final Map<String, String> TAGS = Map.of("managed_by", "scenario_sync", "suite", "smoke");

  @TempDir Path dir;

  static String files(String text) {
    return """
        kind: persona
        name: Caller
        role: patient
        background: %1$s
        ---
        kind: unit_test
        name: Happy path
        description: %1$s
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: Caller
        scenario: Reschedule
        max_interactions: 10
        success_criteria:
          - name: polite
            metric_id: dddddddddddddddddddddddd
            criterion: {type: boolean, expected_value: true}
        ---
        kind: unit_test_set
        name: Smoke
        description: %1$s
        unit_tests:
          - name: Happy path
            run_count: 2
        """
        .formatted(text);
  }

  List<Resource> load(String name, String text) throws Exception {
    Path d = dir.resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("suite.yaml"), files(text));
    ScenarioLoader.Result r =
        new ScenarioLoader(ScenarioLoader.Options.defaults(), dir).load(List.of(d));
    assertThat(r.diagnostics()).isEmpty();
    return r.resources();
  }

  /** Creates each resource in order, references resolved to what was created before. */
  static void createAll(AmigoClient c, List<Resource> resources, Map<String, String> ids) {
    Function<Ref, String> byName = r -> r.id() != null ? r.id() : ids.get(r.name());
    for (Resource r : resources) {
      ids.put(r.name(), c.createResource(Kinds.of(r.kind()), r.name(), TAGS, r.fields(), byName));
    }
  }

  @Test
  void aLostCreateOfEveryKindIsFoundAsOursWhenContentTagsAndCreatorMatch() throws Exception {
    List<Resource> mine = load("mine", "From the file.");
    try (EmulatorServer server =
            EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
        AmigoClient c = ClientEmulatorTest.client(server, "acme", Duration.ofMinutes(1))) {
      Map<String, String> ids = new HashMap<>();
      ids.put("Reschedule", c.create("Reschedule", Map.of(), ClientEmulatorTest.content("o")));
      server.loseAnswers("persona_create", 1);
      server.loseAnswers("unit_test_create", 1);
      server.loseAnswers("unit_test_set_create", 1);
      createAll(c, mine, ids);
      for (Resource r : mine) {
        List<RemoteResource> live = c.listAll(Kinds.of(r.kind()));
        assertThat(live).extracting(RemoteResource::id).containsExactly(ids.get(r.name()));
      }
      long lost = server.requests().stream().filter(x -> x.status() == -1).count();
      assertThat(lost).as("the answers were really lost").isEqualTo(3);
    }
  }

  static final String SET = "/v1/acme/simulation/unit_test_set/";
  static final String ID = "bbbbbbbbbbbbbbbbbbbbbbbb";
  static final String TEST_ID = "cccccccccccccccccccccccc";

  /** The set's create answer is lost; the read-back lists one "Smoke" as given. */
  static void lostSetCreateReadsBack(String description, String tags, String creator) {
    stubFor(post(urlEqualTo(SET)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    stubFor(
        get(urlPathEqualTo(SET))
            .willReturn(
                okJson(
                    """
                    {"simulation_unit_test_sets": [{"id": "%s", "org_id": "acme",
                      "created_at": "2026-01-05T10:00:00.000Z", "updated_at": "2026-01-05T10:00:00.000Z",
                      "creator": {"org_id": "acme", "user_id": "%s"},
                      "updated_by": {"org_id": "acme", "user_id": "%s"},
                      "name": "Smoke", "description": "%s", "tags": %s,
                      "unit_test_runs": [{"unit_test_id": "%s", "run_count": 2}],
                      "last_triggered_run_id": null}],
                     "has_more": false, "continuation_token": null}"""
                        .formatted(ID, creator, creator, description, tags, TEST_ID))));
  }

  static String createSet(WireMockRuntimeInfo wm) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("description", "Before each release.");
    Map<String, Object> run = new TreeMap<>();
    run.put("unit_test", new Ref(ResourceKind.UNIT_TEST, "Happy path", null));
    run.put("run_count", new BigDecimal(2));
    fields.put("unit_tests", List.of(run));
    ClientWireTest.signInAnswers("tok", Instant.now().plus(Duration.ofHours(1)));
    try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      return c.createResource(Kinds.UNIT_TEST_SET, "Smoke", TAGS, fields, r -> TEST_ID);
    }
  }

  static final String OUR_TAGS =
      "[{\"key\": \"managed_by\", \"value\": \"scenario_sync\"},"
          + " {\"key\": \"suite\", \"value\": \"smoke\"}]";

  @Nested
  @WireMockTest
  class AgainstAnHttpServer {
    @Test
    void theOneFoundIsOursWhenContentTagsAndCreatorMatch(WireMockRuntimeInfo wm) {
      lostSetCreateReadsBack("Before each release.", OUR_TAGS, "user-1");
      assertThat(createSet(wm)).isEqualTo(ID);
      verify(exactly(1), postRequestedFor(urlEqualTo(SET)));
    }

    @Test
    void otherContentIsAConflict(WireMockRuntimeInfo wm) {
      lostSetCreateReadsBack("Made in the UI.", OUR_TAGS, "user-1");
      assertThatThrownBy(() -> createSet(wm)).isInstanceOf(ApiException.Conflict.class);
      verify(exactly(1), postRequestedFor(urlEqualTo(SET)));
    }

    @Test
    void anotherCreatorIsAConflict(WireMockRuntimeInfo wm) {
      lostSetCreateReadsBack("Before each release.", OUR_TAGS, "someone-else");
      assertThatThrownBy(() -> createSet(wm)).isInstanceOf(ApiException.Conflict.class);
    }

    @Test
    void aReadBackVersionOfTheWrongShapeIsWhatTheApiAnswered(WireMockRuntimeInfo wm) {
      String versions = "/v1/acme/simulation/persona/" + ID + "/version/";
      stubFor(
          post(urlPathEqualTo(versions)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
      stubFor(
          get(urlPathEqualTo(versions))
              .willReturn(
                  okJson(
                      "{\"simulation_persona_versions\": [{\"version\": 3, \"background\": \"b\","
                          + " \"user_models\": {\"a\": 1}, \"created_at\": \"yesterday\"}],"
                          + " \"has_more\": false}")));
      ClientWireTest.signInAnswers("tok", Instant.now().plus(Duration.ofHours(1)));
      try (AmigoClient c = ClientWireTest.client(wm, RetryPolicy.defaults())) {
        assertThatThrownBy(
                () -> c.createResourceVersion(Kinds.PERSONA, ID, Map.of("background", "b"), 3))
            .isInstanceOf(ApiException.class)
            .hasMessageContaining("create version 3 of persona " + ID)
            .hasMessageContaining("the API answered");
      }
    }

    @Test
    void otherTagsAreAConflict(WireMockRuntimeInfo wm) {
      lostSetCreateReadsBack(
          "Before each release.", "[{\"key\": \"suite\", \"value\": \"smoke\"}]", "user-1");
      assertThatThrownBy(() -> createSet(wm)).isInstanceOf(ApiException.Conflict.class);
    }
  }
}
