package dev.scenariosync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The emulator over real HTTP; every body is checked against the OpenAPI document. */
class EmulatorTest {
  static final String S = "/v1/acme/simulation/scenario/";
  static final String U = "/v1/acme/simulation/unit_test/";

  EmulatorServer server;
  RawHttp http;

  @BeforeEach
  void start() throws IOException {
    server =
        EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme", "beta")));
    http = signedIn(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static RawHttp signedIn(EmulatorServer s) {
    return RawHttp.dev(s, "acme");
  }

  static String body(String name, String tags, String objective) {
    return """
        {"name": %s, "tags": %s, "initial_version": {"objective": %s, "instructions": "Be kind.",
         "initial_message_type": "user-message", "conversation_starts_at": null}}"""
        .formatted(name, tags, objective);
  }

  String create(String name) {
    Reply r = http.post(S, body("\"" + name + "\"", "{\"suite\": \"smoke\"}", "\"o\""));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("simulation_scenario_id").asString();
  }

  static String version(String objective) {
    return """
        {"objective": "%s", "instructions": "i", "initial_message_type": "skip", "conversation_starts_at": null}"""
        .formatted(objective);
  }

  // ---------------------------------------------------------------- create, strip, validation

  @Test
  void createStripsWithPythonSemanticsAndStartsAtVersionOne() {
    Reply r =
        http.post(
            S,
            """
            {"name": "\\u00a0 Reschedule \\u2007", "tags": {" suite ": " regression\\u202f", "owner": null},
             "initial_version": {"objective": " o \\n", "instructions": "line\\n", "initial_message_type": "skip",
             "conversation_starts_at": "2026-01-05T10:30:00+01:00"}}""");
    assertThat(r.status()).isEqualTo(201);
    String id = r.json().get("simulation_scenario_id").asString();
    assertThat(id).matches("^[a-f0-9]{24}$");

    JsonNode s = http.get(S + "?id=" + id).json().get("simulation_scenarios").get(0);
    assertThat(s.get("name").asString()).isEqualTo("Reschedule");
    assertThat(s.get("tags").get("suite").asString()).isEqualTo("regression");
    assertThat(s.get("tags").get("owner").isNull()).isTrue();
    JsonNode v =
        http.get(S + id + "/version/?version=latest")
            .json()
            .get("simulation_scenario_versions")
            .get(0);
    assertThat(v.get("version").asInt()).isEqualTo(1);
    assertThat(v.get("objective").asString()).isEqualTo("o");
    assertThat(v.get("instructions").asString()).isEqualTo("line");
    assertThat(v.get("conversation_starts_at").asString()).isEqualTo("2026-01-05T09:30:00Z");
    assertThat(v.get("creator").get("user_id").asString()).isEqualTo(EmulatorConfig.DEV_USER_ID);
  }

  @Test
  void badTagKeyValueAndCountGetPydanticLocations() {
    Reply key = http.post(S, body("\"a\"", "{\"a-b\": \"x\"}", "\"o\""));
    assertThat(key.status()).isEqualTo(422);
    assertThat(key.json().get("detail").get(0).get("loc").toString())
        .isEqualTo("[\"body\",\"tags\",\"a-b\",\"[key]\"]");
    assertThat(key.json().get("detail").get(0).get("type").asString())
        .isEqualTo("string_pattern_mismatch");

    Reply value = http.post(S, body("\"a\"", "{\"suite\": \"smoke-test\"}", "\"o\""));
    assertThat(value.json().get("detail").get(0).get("loc").toString())
        .isEqualTo("[\"body\",\"tags\",\"suite\"]");

    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 21; i++) {
      many.append(i == 0 ? "" : ",").append("\"t").append(i).append("\": null");
    }
    Reply count = http.post(S, body("\"a\"", many + "}", "\"o\""));
    assertThat(count.status()).isEqualTo(422);
    assertThat(count.json().get("detail").get(0).get("loc").toString())
        .isEqualTo("[\"body\",\"tags\"]");
    assertThat(count.json().get("detail").get(0).get("type").asString()).isEqualTo("too_long");
  }

  @Test
  void unicodeWordTagsAreAcceptedAsPythonWould() {
    assertThat(http.post(S, body("\"u\"", "{\"café\": \"thé x²\"}", "\"o\"")).status())
        .isEqualTo(201);
    Reply mark = http.post(S, body("\"v\"", "{\"cafe\\u0301\": \"x\"}", "\"o\""));
    assertThat(mark.status()).isEqualTo(422);
  }

  @Test
  void blankFieldsEnumAndMissingFieldsAre422() {
    Reply r =
        http.post(
            S,
            """
            {"name": "  ", "tags": {}, "initial_version": {"objective": "\\u0085", "instructions": "i",
             "initial_message_type": "user"}}""");
    assertThat(r.status()).isEqualTo(422);
    List<String> locs = new ArrayList<>();
    r.json()
        .get("detail")
        .forEach(d -> locs.add(d.get("loc").toString() + d.get("type").asString()));
    assertThat(locs)
        .containsExactlyInAnyOrder(
            "[\"body\",\"name\"]string_too_short",
            "[\"body\",\"initial_version\",\"objective\"]string_too_short",
            "[\"body\",\"initial_version\",\"initial_message_type\"]enum",
            "[\"body\",\"initial_version\",\"conversation_starts_at\"]missing");
  }

  @Test
  void malformedJsonIs422() {
    assertThat(http.post(S, "{not json").status()).isEqualTo(422);
  }

  @Test
  void duplicateNameAmongLiveScenariosIs409AndIsFreedByDelete() {
    String id = create("Dup");
    Reply again = http.post(S, body("\" Dup \"", "{}", "\"o\""));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asString())
        .isEqualTo("A simulation scenario with this name already exists.");
    assertThat(http.delete(S + id + "/").status()).isEqualTo(204);
    assertThat(http.post(S, body("\"Dup\"", "{}", "\"o\"")).status()).isEqualTo(201);
  }

  // ---------------------------------------------------------------- versions

  @Test
  void expectedVersionMustBeLatestPlusOne() {
    String id = create("V");
    assertThat(http.post(S + id + "/version/?version=3", version("x")).status()).isEqualTo(400);
    Reply one = http.post(S + id + "/version/?version=1", version("x"));
    assertThat(one.status()).isEqualTo(422);
    assertThat(one.json().get("detail").get(0).get("loc").toString())
        .isEqualTo("[\"query\",\"version\"]");
    Reply two = http.post(S + id + "/version/?version=2", version("x"));
    assertThat(two.status()).isEqualTo(201);
    assertThat(two.json().get("version").asInt()).isEqualTo(2);
    assertThat(http.post(S + id + "/version/?version=2", version("y")).status()).isEqualTo(400);
    assertThat(http.post(S + id + "/version/", version("z")).json().get("version").asInt())
        .isEqualTo(3);
  }

  @Test
  void versionRangesLimitsSortingAndPaging() {
    String id = create("R");
    for (int v = 2; v <= 12; v++) {
      http.post(S + id + "/version/?version=" + v, version("o" + v));
    }
    assertThat(numbers(http.get(S + id + "/version/?version=3-5"))).containsExactly(3, 4, 5);
    assertThat(numbers(http.get(S + id + "/version/?version=10-latest")))
        .containsExactly(10, 11, 12);
    assertThat(numbers(http.get(S + id + "/version/?version=7"))).containsExactly(7);
    assertThat(numbers(http.get(S + id + "/version/?version=latest"))).containsExactly(12);
    Reply page1 = http.get(S + id + "/version/?sort_by=-version&limit=5");
    assertThat(numbers(page1)).containsExactly(12, 11, 10, 9, 8);
    assertThat(page1.json().get("has_more").asBoolean()).isTrue();
    int token = page1.json().get("continuation_token").asInt();
    Reply page2 =
        http.get(S + id + "/version/?sort_by=-version&limit=5&continuation_token=" + token);
    assertThat(numbers(page2)).containsExactly(7, 6, 5, 4, 3);
    assertThat(http.get(S + id + "/version/?limit=11").status()).isEqualTo(422);
    assertThat(http.get(S + id + "/version/?version=5-2").status()).isEqualTo(422);
    assertThat(http.get(S + id + "/version/?version=abc").status()).isEqualTo(422);
  }

  static List<Integer> numbers(Reply r) {
    List<Integer> out = new ArrayList<>();
    r.json().get("simulation_scenario_versions").forEach(v -> out.add(v.get("version").asInt()));
    return out;
  }

  @Test
  void newVersionAndTagUpdateChangeUpdatedAtAndBy() {
    String id = create("U");
    String before =
        http.get(S + "?id=" + id)
            .json()
            .get("simulation_scenarios")
            .get(0)
            .get("updated_at")
            .asString();
    assertThat(http.post(S + id + "/", "{\"tags\": {\"a\": \"b\"}}").status()).isEqualTo(204);
    JsonNode afterTags = http.get(S + "?id=" + id).json().get("simulation_scenarios").get(0);
    assertThat(afterTags.get("updated_at").asString()).isGreaterThan(before);
    assertThat(afterTags.get("tags").toString()).isEqualTo("{\"a\":\"b\"}");
    http.post(S + id + "/version/", version("n"));
    JsonNode afterVersion = http.get(S + "?id=" + id).json().get("simulation_scenarios").get(0);
    assertThat(afterVersion.get("updated_at").asString())
        .isGreaterThan(afterTags.get("updated_at").asString());
    assertThat(http.post(S + id + "/", "{}").status()).as("no tags: no change").isEqualTo(204);
    assertThat(
            http.get(S + "?id=" + id)
                .json()
                .get("simulation_scenarios")
                .get(0)
                .get("tags")
                .toString())
        .isEqualTo("{\"a\":\"b\"}");
  }

  // ---------------------------------------------------------------- delete and unit tests

  @Test
  void deleteIsSoftAndDeletedScenariosCannotChangeButCanBeRead() {
    String id = create("D");
    assertThat(http.delete(S + id + "/").status()).isEqualTo(204);
    assertThat(http.delete(S + id + "/").status()).isEqualTo(404);
    assertThat(http.post(S + id + "/", "{\"tags\": {}}").status()).isEqualTo(404);
    assertThat(http.post(S + id + "/version/", version("x")).status()).isEqualTo(404);
    assertThat(http.get(S + id + "/version/?version=latest").status()).isEqualTo(200);
    JsonNode all = http.get(S + "?id=" + id).json().get("simulation_scenarios");
    assertThat(all.get(0).get("is_deleted").asBoolean()).isTrue();
    assertThat(http.get(S + "?is_deleted=false").json().get("simulation_scenarios")).isEmpty();
  }

  String unitTest(String name, String scenarioId) {
    return unitTest(
        name, http.persona("acme", "caller of " + name + " " + System.nanoTime()), scenarioId);
  }

  static String unitTest(String name, String personaId, String scenarioId) {
    return """
        {"name": "%s", "description": "d", "service_id": "aaaaaaaaaaaaaaaaaaaaaaaa",
         "service_version_set_name": "release", "persona_id": "%s",
         "scenario_id": "%s", "max_interactions": 10,
         "success_criterions": [{"name": "c", "metric_id": "cccccccccccccccccccccccc",
           "criterion": {"type": "boolean", "expected_value": true}}], "tags": {"k": "v"}}"""
        .formatted(name, personaId, scenarioId);
  }

  @Test
  void aReferencingUnitTestBlocksDeleteUntilItIsDeleted() {
    String id = create("Used");
    Reply t = http.post(U, unitTest("checks used", id));
    assertThat(t.status()).as(t.body()).isEqualTo(201);
    String testId = t.json().get("simulation_unit_test_id").asString();
    Reply blocked = http.delete(S + id + "/");
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.json().get("detail").asString()).contains("used in a simulation unit test");

    JsonNode listed = http.get(U + "?scenario_id=" + id + "&is_deleted=false").json();
    assertThat(listed.get("simulation_unit_tests").get(0).get("name").asString())
        .isEqualTo("checks used");
    assertThat(listed.get("simulation_unit_tests").get(0).get("tags").get(0).get("key").asString())
        .isEqualTo("k");

    assertThat(http.delete(U + testId + "/").status()).isEqualTo(204);
    assertThat(
            http.get(U + "?scenario_id=" + id + "&is_deleted=false")
                .json()
                .get("simulation_unit_tests"))
        .isEmpty();
    assertThat(http.delete(S + id + "/").status()).isEqualTo(204);
  }

  @Test
  void unitTestNeedsAnExistingScenario() {
    assertThat(http.post(U, unitTest("t", "dddddddddddddddddddddddd")).status()).isEqualTo(404);
    assertThat(http.post(U, unitTest("t", "nope")).status()).isEqualTo(422);
  }

  // ---------------------------------------------------------------- list and search

  @Test
  void listPagesFiltersAndSorts() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(create("L" + i));
    }
    http.post(S + ids.get(2) + "/", "{\"tags\": {\"suite\": \"regression\", \"owner\": null}}");
    http.post(S + ids.get(4) + "/", "{\"tags\": {\"owner\": \"ana\"}}");

    Reply page1 = http.get(S + "?limit=3&is_deleted=false");
    assertThat(page1.json().get("simulation_scenarios")).hasSize(3);
    assertThat(page1.json().get("has_more").asBoolean()).isTrue();
    assertThat(page1.json().get("filter_values").get("tags").toString())
        .isEqualTo("[\"owner\",\"suite\"]");
    int next = page1.json().get("continuation_token").asInt();
    Reply page3 = http.get(S + "?limit=3&continuation_token=6");
    assertThat(page3.json().get("has_more").asBoolean()).isFalse();
    assertThat(page3.json().get("continuation_token").isNull()).isTrue();
    assertThat(page3.json().get("filter_values").isNull()).as("only on the first page").isTrue();
    assertThat(next).isEqualTo(3);

    assertThat(names(http.get(S + "?tag=suite:regression"))).containsExactly("L2");
    assertThat(names(http.get(S + "?tag=owner:*"))).containsExactlyInAnyOrder("L2", "L4");
    assertThat(names(http.get(S + "?tag=owner:"))).containsExactly("L2");
    assertThat(names(http.get(S + "?tag=owner:*&tag=suite:*"))).containsExactly("L2");
    assertThat(names(http.get(S + "?id=" + ids.get(0) + "&id=" + ids.get(1))))
        .containsExactly("L0", "L1");
    assertThat(names(http.get(S + "?sort_by=-updated_at&limit=2"))).containsExactly("L4", "L2");
    assertThat(names(http.get(S + "?sort_by=%2Bupdated_at&limit=1"))).containsExactly("L0");
    assertThat(http.get(S + "?sort_by=+updated_at").status())
        .as("a raw + is a space")
        .isEqualTo(422);
    assertThat(names(http.get(S + "?creator=acme," + EmulatorConfig.DEV_USER_ID))).hasSize(7);
    assertThat(names(http.get(S + "?creator=acme,someone"))).isEmpty();
    assertThat(http.get(S + "?limit=201").status()).isEqualTo(422);
    assertThat(http.get(S + "?id=xyz").status()).isEqualTo(422);
  }

  static List<String> names(Reply r) {
    List<String> out = new ArrayList<>();
    r.json().get("simulation_scenarios").forEach(s -> out.add(s.get("name").asString()));
    return out;
  }

  @Test
  void searchMatchesTermsInTheNameTopFifty() {
    for (int i = 0; i < 55; i++) {
      create("Billing case " + i);
    }
    create("Cancel plan");
    assertThat(names(http.get(S + "search?query=billing"))).hasSize(50);
    assertThat(names(http.get(S + "search?query=CANCEL"))).containsExactly("Cancel plan");
    assertThat(http.get(S + "search?query=%20").status()).isEqualTo(422);
    assertThat(http.get(S + "search").status()).isEqualTo(422);
  }

  // ---------------------------------------------------------------- routing and auth

  @Test
  void unknownOrgPathAndMethod() {
    assertThat(http.get("/v1/nobody/simulation/scenario/").status()).isEqualTo(404);
    assertThat(http.get("/v1/acme/simulation/scenarios/").status()).isEqualTo(404);
    assertThat(http.get("/v1/acme/simulation/scenario").status())
        .as("no trailing slash")
        .isEqualTo(404);
    assertThat(http.method("PUT", S).status()).isEqualTo(405);
    assertThat(http.method("PATCH", S + "aaaaaaaaaaaaaaaaaaaaaaaa/").status()).isEqualTo(405);
    Reply badId = http.delete(S + "not-an-id/");
    assertThat(badId.status()).isEqualTo(422);
    assertThat(badId.json().get("detail").get(0).get("loc").toString())
        .isEqualTo("[\"path\",\"simulation_scenario_id\"]");
    assertThat(http.post(S + "aaaaaaaaaaaaaaaaaaaaaaaa/version/", version("x")).status())
        .isEqualTo(404);
  }

  @Test
  void withoutAValidTokenEverythingIs401() {
    RawHttp anonymous = new RawHttp(server.baseUrl());
    assertThat(anonymous.get(S).status()).isEqualTo(401);
    assertThat(anonymous.get(S).json().get("detail").asString())
        .isEqualTo("Invalid authorization credentials.");
    assertThat(anonymous.token("forged").get(S).status()).isEqualTo(401);
    RawHttp wrong = new RawHttp(server.baseUrl());
    assertThatThrownBy(
            () ->
                wrong.signIn(
                    "acme", "bad", EmulatorConfig.DEV_API_KEY_ID, EmulatorConfig.DEV_USER_ID))
        .hasMessageContaining("401");
    assertThatThrownBy(
            () ->
                wrong.signIn(
                    "nobody",
                    EmulatorConfig.DEV_API_KEY,
                    EmulatorConfig.DEV_API_KEY_ID,
                    EmulatorConfig.DEV_USER_ID))
        .hasMessageContaining("404");
    assertThat(RawHttp.dev(server, "beta").get(S).status())
        .as("a token is for its organization only")
        .isEqualTo(401);
  }

  @Test
  void tokensExpireAfterTheirTtl() throws Exception {
    try (EmulatorServer s =
        EmulatorServer.start(
            EmulatorConfig.defaults()
                .withOrganizations(List.of("acme"))
                .withTokenTtl(Duration.ofMillis(300)))) {
      RawHttp h = signedIn(s);
      assertThat(h.get(S).status()).isEqualTo(200);
      Thread.sleep(400);
      assertThat(h.get(S).status()).isEqualTo(401);
    }
  }

  // ---------------------------------------------------------------- rate limits and faults

  @Test
  void rateLimitsAnswer429WithRetryAfter() throws Exception {
    try (EmulatorServer s =
        EmulatorServer.start(
            EmulatorConfig.defaults().withOrganizations(List.of("acme")).withRateLimits(true))) {
      RawHttp h = signedIn(s);
      int limited = 0;
      String retryAfter = null;
      for (int i = 0; i < 52; i++) {
        Reply r = h.get(S + "search?query=x");
        if (r.status() == 429) {
          limited++;
          retryAfter = r.header("Retry-After").orElse(null);
        }
      }
      assertThat(limited).isEqualTo(2);
      assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
      assertThat(h.get(S).status()).as("other endpoints have their own budget").isEqualTo(200);
      for (int i = 0; i < 4; i++) {
        signedIn(s);
      }
      assertThatThrownBy(() -> signedIn(s)).as("sign-in: 5 per minute").hasMessageContaining("429");
    }
  }

  @Test
  void faultsAreSeededAndLostPostsAreApplied(@TempDir Path dir) throws Exception {
    EmulatorConfig faulty =
        EmulatorConfig.defaults().withOrganizations(List.of("acme")).withFaults(0.5, 7, 0);
    List<String> first = faultPattern(faulty.withStateFile(dir.resolve("a.json")));
    List<String> second = faultPattern(faulty.withStateFile(dir.resolve("b.json")));
    assertThat(first).isEqualTo(second).contains("503", "429", "lost", "201");

    // Read the data back without faults: every 201 and every lost create was applied.
    try (EmulatorServer clean =
        EmulatorServer.start(faulty.withFaults(0, 1, 0).withStateFile(dir.resolve("a.json")))) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < first.size(); i++) {
        if (first.get(i).equals("201") || first.get(i).equals("lost")) {
          expected.add("F" + i);
        }
      }
      assertThat(names(signedIn(clean).get(S + "?limit=200")))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** Creates 40 scenarios through faults and says what each attempt got. */
  private static List<String> faultPattern(EmulatorConfig config) throws IOException {
    try (EmulatorServer s = EmulatorServer.start(config)) {
      RawHttp h = null;
      while (h == null) {
        try {
          h = signedIn(s);
        } catch (RuntimeException e) {
          // sign-in itself may meet a fault; try again
        }
      }
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        try {
          Reply r = h.post(S, body("\"F" + i + "\"", "{}", "\"o\""));
          seen.add(String.valueOf(r.status()));
          if (r.status() == 503 || r.status() == 429) {
            assertThat(r.header("Retry-After")).isPresent();
          }
        } catch (java.io.UncheckedIOException e) {
          seen.add("lost");
        }
      }
      return seen;
    }
  }

  // ---------------------------------------------------------------- state and concurrency

  @Test
  void stateSurvivesARestartAndIsWrittenAtomically(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("state.json");
    EmulatorConfig config =
        EmulatorConfig.defaults().withOrganizations(List.of("acme")).withStateFile(file);
    String id;
    try (EmulatorServer s = EmulatorServer.start(config)) {
      RawHttp h = signedIn(s);
      id =
          h.post(S, body("\"Kept\"", "{}", "\"o\""))
              .json()
              .get("simulation_scenario_id")
              .asString();
      h.post(S + id + "/version/", version("second"));
      assertThat(file).exists();
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("no temporary file left behind")
            .containsExactlyInAnyOrder("state.json", "state.json.lock");
      }
    }
    try (EmulatorServer s = EmulatorServer.start(config)) {
      RawHttp h = signedIn(s);
      assertThat(names(h.get(S))).containsExactly("Kept");
      assertThat(numbers(h.get(S + id + "/version/?version=latest"))).containsExactly(2);
    }
  }

  @Test
  void aStateFileServesOneEmulatorAtATime(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("state.json");
    EmulatorConfig config =
        EmulatorConfig.defaults().withOrganizations(List.of("acme")).withStateFile(file);
    try (EmulatorServer first = EmulatorServer.start(config)) {
      signedIn(first).post(S, body("\"First\"", "{}", "\"o\""));
      assertThatThrownBy(() -> EmulatorServer.start(config))
          .isInstanceOf(StateFileException.class)
          .hasMessageContaining("in use by another scenario-sync process");
    }
    try (EmulatorServer second = EmulatorServer.start(config)) {
      assertThat(names(signedIn(second).get(S))).containsExactly("First");
    }
    // an emulator that cannot bind its port keeps no lock
    try (EmulatorServer holder = EmulatorServer.start(EmulatorConfig.defaults())) {
      assertThatThrownBy(() -> EmulatorServer.start(config.withAddress("127.0.0.1", holder.port())))
          .isInstanceOf(IOException.class);
    }
    EmulatorServer.start(config).close();
  }

  @Test
  void aCorruptStateFileIsRefusedAndLeftAlone(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{\"format\": \"scenario-sync-emulator-state\", \"organizations\": [");
    EmulatorConfig config = EmulatorConfig.defaults().withStateFile(file);
    assertThatThrownBy(() -> EmulatorServer.start(config))
        .isInstanceOf(StateFileException.class)
        .hasMessageContaining("corrupt");
    assertThat(Files.readString(file)).endsWith("[");
  }

  @Test
  void concurrentCreatesOfOneNameMakeExactlyOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> http.post(S, body("\"Race\"", "{}", "\"o\"")).status()));
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : results) {
        codes.add(f.get());
      }
      assertThat(codes).containsOnly(201, 409);
      assertThat(codes.stream().filter(c -> c == 201)).hasSize(1);
      assertThat(names(http.get(S))).containsExactly("Race");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theEmulatorDoesNotUseTheClient() throws IOException {
    try (var files = Files.walk(Path.of("src/main/java/dev/scenariosync/emulator"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(p))
            .as(p.toString())
            .doesNotContain("dev.scenariosync.api")
            .doesNotContain("dev.scenariosync.model")
            .doesNotContain("dev.scenariosync.plan");
      }
    }
  }
}
