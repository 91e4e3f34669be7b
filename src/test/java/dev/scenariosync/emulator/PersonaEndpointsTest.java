package dev.scenariosync.emulator;

import static dev.scenariosync.emulator.Fixture.P;
import static dev.scenariosync.emulator.Fixture.U;
import static dev.scenariosync.emulator.Fixture.personaBody;
import static dev.scenariosync.emulator.Fixture.problems;
import static dev.scenariosync.emulator.Fixture.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Persona endpoints over real HTTP; every exchange is checked against openapi-simulation.json. */
class PersonaEndpointsTest {
  final Fixture f = new Fixture();
  final RawHttp http = f.http;

  @AfterEach
  void stop() {
    f.close();
  }

  static String version(String background) {
    return """
        {"background": "%s", "user_models": [], "nonsensitive_user_variables": {},
         "sensitive_user_variables": {}}"""
        .formatted(background);
  }

  @Test
  void createStoresVersionOneAndADuplicateNameIs409() {
    Reply r = http.post(P, personaBody(" Ana ", " patient ", "{\"k\": \" v \"}", " Calls often. "));
    String id = Fixture.created(r, "simulation_persona_id");
    JsonNode p = http.get(P + "?id=" + id).json().get("simulation_personas").get(0);
    assertThat(p.get("name").asString()).isEqualTo("Ana");
    assertThat(p.get("role").asString()).isEqualTo("patient");
    assertThat(p.get("tags").toString()).isEqualTo("{\"k\":\"v\"}");
    assertThat(p.get("created_at").asString()).matches(".*T[0-9:]{8}(\\.\\d{3})?Z");
    JsonNode v =
        http.get(P + id + "/version/?version=latest")
            .json()
            .get("simulation_persona_versions")
            .get(0);
    assertThat(v.get("version").asInt()).isEqualTo(1);
    assertThat(v.get("background").asString()).isEqualTo("Calls often.");
    assertThat(v.get("preferred_language").asString()).isEqualTo("eng");
    assertThat(v.get("timezone").asString()).isEqualTo("Europe/Paris");
    assertThat(v.get("sensitive_user_variables").get("ssn").asString()).isEqualTo("123");

    Reply dup = http.post(P, personaBody("Ana", "x", "{}", "b"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().get("detail").asString())
        .isEqualTo("A simulation persona with this name already exists.");
  }

  @Test
  void languageAndTimezoneMayBeNullOrUnsetButNotUnknown() {
    String minimal =
        """
        {"name": "m", "role": "r", "tags": {}, "initial_version": {"background": "b",
         "preferred_language": {}, "user_models": [], "nonsensitive_user_variables": {},
         "sensitive_user_variables": {}}}""";
    String id = Fixture.created(http.post(P, minimal), "simulation_persona_id");
    JsonNode v = http.get(P + id + "/version/").json().get("simulation_persona_versions").get(0);
    assertThat(v.get("preferred_language").isNull()).isTrue();
    assertThat(v.get("timezone").isNull()).isTrue();

    Reply bad =
        http.post(
            P,
            personaBody("n", "r", "{}", "b")
                .replace("\"eng\"", "\"english\"")
                .replace("Europe/Paris", "Mars/Olympus"));
    assertThat(problems(bad))
        .containsExactlyInAnyOrder(
            "[\"body\",\"initial_version\",\"preferred_language\"] enum",
            "[\"body\",\"initial_version\",\"timezone\"] enum");
  }

  @Test
  void validationNamesEveryFieldAsPydanticDoes() {
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 21; i++) {
      many.append(i == 0 ? "" : ",").append("\"v").append(i).append("x\": \"1\"");
    }
    Reply r =
        http.post(
            P,
            """
            {"name": " ", "tags": {"a-b": null}, "initial_version": {"background": "",
             "user_models": ["ok", " "], "nonsensitive_user_variables": {"First": "x", "ok_name": 3},
             "sensitive_user_variables": %s}}"""
                .formatted(many + "}"));
    assertThat(problems(r))
        .containsExactlyInAnyOrder(
            "[\"body\",\"name\"] string_too_short",
            "[\"body\",\"role\"] missing",
            "[\"body\",\"tags\",\"a-b\",\"[key]\"] string_pattern_mismatch",
            "[\"body\",\"initial_version\",\"background\"] string_too_short",
            "[\"body\",\"initial_version\",\"user_models\",1] string_too_short",
            "[\"body\",\"initial_version\",\"nonsensitive_user_variables\",\"First\",\"[key]\"]"
                + " string_pattern_mismatch",
            "[\"body\",\"initial_version\",\"nonsensitive_user_variables\",\"ok_name\"] string_type",
            "[\"body\",\"initial_version\",\"sensitive_user_variables\"] too_long");
  }

  @Test
  void listFiltersPagesAndReportsRoles() {
    String a =
        Fixture.created(
            http.post(P, personaBody("A", "patient", "{\"tier\": \"gold\"}", "x")),
            "simulation_persona_id");
    String b =
        Fixture.created(
            http.post(P, personaBody("B", "nurse", "{\"tier\": null}", "x")),
            "simulation_persona_id");
    String c =
        Fixture.created(
            http.post(P, personaBody("C", "patient", "{}", "x")), "simulation_persona_id");
    assertThat(http.delete(P + c + "/").status()).isEqualTo(204);

    assertThat(values(http.get(P + "?role=patient"), "simulation_personas", "name"))
        .containsExactly("A", "C");
    assertThat(
            values(http.get(P + "?role=patient&is_deleted=false"), "simulation_personas", "name"))
        .containsExactly("A");
    assertThat(values(http.get(P + "?tag=tier:*"), "simulation_personas", "name"))
        .containsExactly("A", "B");
    assertThat(values(http.get(P + "?tag=tier:"), "simulation_personas", "name"))
        .containsExactly("B");
    assertThat(values(http.get(P + "?id=" + a + "&id=" + b), "simulation_personas", "name"))
        .containsExactly("A", "B");
    assertThat(values(http.get(P + "?creator=acme,nobody"), "simulation_personas", "name"))
        .isEmpty();
    assertThat(values(http.get(P + "?sort_by=-updated_at&limit=1"), "simulation_personas", "name"))
        .containsExactly("C");

    Reply page = http.get(P + "?limit=2");
    assertThat(page.json().get("has_more").asBoolean()).isTrue();
    assertThat(page.json().get("continuation_token").asInt()).isEqualTo(2);
    assertThat(page.json().get("filter_values").get("roles").toString())
        .isEqualTo("[\"patient\",\"nurse\"]");
    assertThat(page.json().get("filter_values").get("tags").toString()).isEqualTo("[\"tier\"]");
    assertThat(http.get(P + "?limit=2&continuation_token=2").json().get("filter_values").isNull())
        .isTrue();
    assertThat(problems(http.get(P + "?limit=51")))
        .containsExactly("[\"query\",\"limit\"] less_than_equal");
  }

  @Test
  void searchHasNoTrailingSlashAndMatchesNameOrLatestBackground() {
    http.post(P, personaBody("Grumpy Gus", "r", "{}", "Hates waiting."));
    String id =
        Fixture.created(
            http.post(P, personaBody("Calm Cleo", "nurse", "{}", "Patient.")),
            "simulation_persona_id");
    http.post(P + id + "/version/", version("Retired pilot"));
    assertThat(values(http.get(P + "search?query=gus"), "simulation_personas", "name"))
        .containsExactly("Grumpy Gus");
    assertThat(values(http.get(P + "search?query=PILOT"), "simulation_personas", "name"))
        .containsExactly("Calm Cleo");
    assertThat(values(http.get(P + "search?query=patient"), "simulation_personas", "name"))
        .as("only the latest version counts")
        .isEmpty();
    assertThat(
            values(http.get(P + "search?query=pilot&role=patient"), "simulation_personas", "name"))
        .isEmpty();
    assertThat(http.get(P + "search/?query=gus").status())
        .as("persona/search/ is persona/{id}/, which has no GET")
        .isEqualTo(405);
    assertThat(problems(http.get(P + "search"))).containsExactly("[\"query\",\"query\"] missing");
  }

  @Test
  void updateReplacesTagsOnlyAndBumpsUpdatedAt() {
    String id = f.persona("T");
    JsonNode before = http.get(P + "?id=" + id).json().get("simulation_personas").get(0);
    assertThat(
            http.post(P + id + "/", "{\"tags\": {\"x\": \"y\"}, \"name\": \"ignored\"}").status())
        .isEqualTo(204);
    JsonNode after = http.get(P + "?id=" + id).json().get("simulation_personas").get(0);
    assertThat(after.get("tags").toString()).isEqualTo("{\"x\":\"y\"}");
    assertThat(after.get("name").asString()).isEqualTo("T");
    assertThat(after.get("updated_at").asString())
        .isGreaterThan(before.get("updated_at").asString());
    assertThat(http.post(P + "aaaaaaaaaaaaaaaaaaaaaaaa/", "{}").status()).isEqualTo(404);
    assertThat(problems(http.post(P + "nope/", "{}")))
        .containsExactly("[\"path\",\"simulation_persona_id\"] string_pattern_mismatch");
  }

  @Test
  void deleteIsSoftAndRefusedWhileALiveUnitTestUsesThePersona() {
    String persona = f.persona("Used");
    String scenario = f.scenario("S", "i");
    String test = f.unitTest("t", "d", persona, scenario);
    Reply blocked = http.delete(P + persona + "/");
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.json().get("detail").asString())
        .isEqualTo("The specified simulation persona is used in a simulation unit test.");
    assertThat(http.delete(U + test + "/").status()).isEqualTo(204);
    assertThat(http.delete(P + persona + "/").status()).isEqualTo(204);
    assertThat(http.delete(P + persona + "/").status()).isEqualTo(404);
    assertThat(
            http.get(P + "?id=" + persona)
                .json()
                .get("simulation_personas")
                .get(0)
                .get("is_deleted")
                .asBoolean())
        .isTrue();
    assertThat(http.post(P + persona + "/version/", version("b")).status()).isEqualTo(404);
    assertThat(http.get(P + persona + "/version/").status())
        .as("versions stay readable")
        .isEqualTo(200);
    assertThat(
            Fixture.created(
                http.post(P, personaBody("Used", "r", "{}", "b")), "simulation_persona_id"))
        .isNotEqualTo(persona);
  }

  @Test
  void versionsUseTheExpectedVersionGuardRangesLimitAndSort() {
    String id = f.persona("V");
    assertThat(http.post(P + id + "/version/?version=3", version("x")).status()).isEqualTo(400);
    assertThat(problems(http.post(P + id + "/version/?version=1", version("x"))))
        .containsExactly("[\"query\",\"version\"] greater_than");
    for (int v = 2; v <= 12; v++) {
      Reply r = http.post(P + id + "/version/?version=" + v, version("b" + v));
      assertThat(r.json().get("version").asInt()).isEqualTo(v);
    }
    assertThat(numbers(http.get(P + id + "/version/?version=3-5"))).containsExactly(3, 4, 5);
    assertThat(numbers(http.get(P + id + "/version/?version=11-latest"))).containsExactly(11, 12);
    assertThat(numbers(http.get(P + id + "/version/?sort_by=-version&limit=3")))
        .containsExactly(12, 11, 10);
    assertThat(numbers(http.get(P + id + "/version/"))).hasSize(10);
    assertThat(http.get(P + id + "/version/").json().get("has_more").asBoolean()).isTrue();
    assertThat(problems(http.get(P + id + "/version/?limit=11")))
        .containsExactly("[\"query\",\"limit\"] less_than_equal");
    assertThat(http.get(P + "aaaaaaaaaaaaaaaaaaaaaaaa/version/").status()).isEqualTo(404);
  }

  static List<Integer> numbers(Reply r) {
    return values(r, "simulation_persona_versions", "version").stream()
        .map(Integer::valueOf)
        .toList();
  }
}
