package dev.scenariosync.emulator;

import static dev.scenariosync.emulator.Fixture.METRIC;
import static dev.scenariosync.emulator.Fixture.METRIC2;
import static dev.scenariosync.emulator.Fixture.SERVICE;
import static dev.scenariosync.emulator.Fixture.T;
import static dev.scenariosync.emulator.Fixture.U;
import static dev.scenariosync.emulator.Fixture.criteria;
import static dev.scenariosync.emulator.Fixture.problems;
import static dev.scenariosync.emulator.Fixture.unitTestBody;
import static dev.scenariosync.emulator.Fixture.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Unit-test endpoints over real HTTP; every exchange is checked against openapi-simulation.json.
 */
class UnitTestEndpointsTest {
  final Fixture f = new Fixture();
  final RawHttp http = f.http;
  String persona;
  String scenario;

  @BeforeEach
  void data() {
    persona = f.persona("Ana");
    scenario = f.scenario("Reschedule", "i");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  JsonNode one(String id) {
    return http.get(U + "?id=" + id).json().get("simulation_unit_tests").get(0);
  }

  @Test
  void createReturnsTagsAsAListAndCriteriaNormalised() {
    String crit =
        """
        [{"name": " speed ", "metric_id": "%s", "criterion": {"type": "numerical", "verb": ">=", "threshold": 0.5}},
         {"name": "kind", "metric_id": "%s", "criterion": {"type": "categorical", "expected_values": [" good "]}}]"""
            .formatted(METRIC, METRIC2);
    String id =
        Fixture.created(
            http.post(U, unitTestBody(" T1 ", " d ", persona, scenario, crit)),
            "simulation_unit_test_id");
    JsonNode t = one(id);
    assertThat(t.get("name").asString()).isEqualTo("T1");
    assertThat(t.get("description").asString()).isEqualTo("d");
    assertThat(t.get("tags").toString()).isEqualTo("[{\"key\":\"team\",\"value\":\"care\"}]");
    assertThat(t.get("success_criterions").toString())
        .isEqualTo(
            ("[{\"name\":\"speed\",\"metric_id\":\"%s\",\"criterion\":{\"type\":\"numerical\",\"verb\":\">=\",\"threshold\":0.5}},"
                    + "{\"name\":\"kind\",\"metric_id\":\"%s\",\"criterion\":{\"type\":\"categorical\",\"expected_values\":[\"good\"]}}]")
                .formatted(METRIC, METRIC2));
    Reply dup = http.post(U, unitTestBody("T1", "d", persona, scenario, criteria(METRIC)));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().get("detail").asString())
        .isEqualTo("A unit test with this name already exists.");
  }

  @Test
  void theScenarioAndPersonaMustExistAndBeLive() {
    String gone = "eeeeeeeeeeeeeeeeeeeeeeee";
    assertThat(http.post(U, unitTestBody("a", "d", gone, scenario, criteria(METRIC))).status())
        .isEqualTo(404);
    assertThat(http.post(U, unitTestBody("a", "d", persona, gone, criteria(METRIC))).status())
        .isEqualTo(404);
    String deleted = f.scenario("Old", "i");
    http.delete(Fixture.S + deleted + "/");
    assertThat(http.post(U, unitTestBody("a", "d", persona, deleted, criteria(METRIC))).status())
        .isEqualTo(404);
  }

  @Test
  void successCriteriaAreValidatedAsTheTaggedUnionOfTheSpec() {
    String crit =
        """
        [{"name": "a", "metric_id": "%1$s", "criterion": {"type": "numerical", "verb": "=~", "threshold": "x"}},
         {"name": "b", "metric_id": "%1$s", "criterion": {"type": "boolean", "expected_value": "maybe"}},
         {"name": "c", "metric_id": "%1$s", "criterion": {"type": "categorical", "expected_values": []}},
         {"name": "d", "metric_id": "%1$s", "criterion": {"type": "ordinal"}},
         {"name": "e", "metric_id": "nope", "criterion": {"expected_value": true}}]"""
            .formatted(METRIC);
    assertThat(problems(http.post(U, unitTestBody("x", "d", persona, scenario, crit))))
        .containsExactlyInAnyOrder(
            "[\"body\",\"success_criterions\",0,\"criterion\",\"numerical\",\"verb\"] enum",
            "[\"body\",\"success_criterions\",0,\"criterion\",\"numerical\",\"threshold\"] float_parsing",
            "[\"body\",\"success_criterions\",1,\"criterion\",\"boolean\",\"expected_value\"] bool_parsing",
            "[\"body\",\"success_criterions\",2,\"criterion\",\"categorical\",\"expected_values\"] too_short",
            "[\"body\",\"success_criterions\",3,\"criterion\"] union_tag_invalid",
            "[\"body\",\"success_criterions\",4,\"metric_id\"] string_pattern_mismatch",
            "[\"body\",\"success_criterions\",4,\"criterion\"] union_tag_not_found");
    assertThat(problems(http.post(U, unitTestBody("x", "d", persona, scenario, "[]"))))
        .containsExactly("[\"body\",\"success_criterions\"] too_short");
  }

  @Test
  void otherFieldsFollowTheSpecLimits() {
    String body =
        """
        {"name": "n", "description": " ", "service_id": "x", "service_version_set_name": 5,
         "persona_id": "%s", "max_interactions": 101, "success_criterions": %s, "tags": {"k": 1}}"""
            .formatted(persona, criteria(METRIC));
    assertThat(problems(http.post(U, body)))
        .containsExactlyInAnyOrder(
            "[\"body\",\"description\"] string_too_short",
            "[\"body\",\"service_id\"] string_pattern_mismatch",
            "[\"body\",\"service_version_set_name\"] string_type",
            "[\"body\",\"scenario_id\"] missing",
            "[\"body\",\"max_interactions\"] less_than_equal",
            "[\"body\",\"tags\",\"k\"] string_type");
    assertThat(
            problems(
                http.post(
                    U,
                    unitTestBody("n", "d", persona, scenario, criteria(METRIC))
                        .replace("\"max_interactions\": 10", "\"max_interactions\": 0"))))
        .containsExactly("[\"body\",\"max_interactions\"] greater_than");
  }

  @Test
  void listHasEveryFilterOfTheSpec() {
    String other = f.persona("Bob");
    String scenario2 = f.scenario("Cancel", "i");
    String a = f.unitTest("A", "d", persona, scenario);
    String b =
        Fixture.created(
            http.post(
                U,
                unitTestBody("B", "d", other, scenario2, criteria(METRIC2))
                    .replace(SERVICE, "bbbbbbbbbbbbbbbbbbbbbbbb")
                    .replace("\"team\": \"care\"", "\"team\": null")),
            "simulation_unit_test_id");
    String c = f.unitTest("C", "d", persona, scenario2);
    http.delete(U + c + "/");

    assertThat(names(U + "?persona_id=" + persona)).containsExactly("A", "C");
    assertThat(names(U + "?persona_id=" + persona + "&is_deleted=false")).containsExactly("A");
    assertThat(names(U + "?scenario_id=" + scenario2)).containsExactly("B", "C");
    assertThat(names(U + "?service_id=bbbbbbbbbbbbbbbbbbbbbbbb")).containsExactly("B");
    assertThat(names(U + "?metric_id=" + METRIC2)).containsExactly("B");
    assertThat(names(U + "?metric_id=" + METRIC + "&metric_id=" + METRIC2))
        .containsExactly("A", "B", "C");
    assertThat(names(U + "?id=" + a + "&id=" + b)).containsExactly("A", "B");
    assertThat(names(U + "?tag=team:")).containsExactly("B");
    assertThat(names(U + "?tag=team:care")).containsExactly("A", "C");
    assertThat(names(U + "?creator=acme," + EmulatorConfig.DEV_USER_ID)).hasSize(3);
    assertThat(names(U + "?sort_by=-updated_at&limit=1")).containsExactly("C");
    Reply page = http.get(U + "?limit=2&is_deleted=false");
    assertThat(values(page, "simulation_unit_tests", "name")).containsExactly("A", "B");
    JsonNode fv = page.json().get("filter_values");
    assertThat(fv.get("metric_ids").toString())
        .isEqualTo("[\"%s\",\"%s\"]".formatted(METRIC, METRIC2));
    assertThat(fv.get("persona_ids")).hasSize(2);
    assertThat(page.json().get("has_more").asBoolean()).isFalse();
    assertThat(names(U + "?limit=1&continuation_token=1")).containsExactly("B");
    assertThat(http.get(U + "?limit=500").status()).isEqualTo(200);
    assertThat(problems(http.get(U + "?limit=501&persona_id=x")))
        .containsExactlyInAnyOrder(
            "[\"query\",\"persona_id\",0] string_pattern_mismatch",
            "[\"query\",\"limit\"] less_than_equal");
  }

  @Test
  void searchHasATrailingSlashAndAnswersTheDocumentShape() {
    f.unitTest("Billing flow", "d", persona, scenario);
    f.unitTest("Cancel flow", "d", persona, f.scenario("Other", "i"));
    Reply r = http.get(U + "search/?query=billing");
    assertThat(values(r, "simulation_unit_tests", "name")).containsExactly("Billing flow");
    assertThat(r.json().get("simulation_unit_tests").get(0).has("_id")).isTrue();
    assertThat(
            values(
                http.get(U + "search/?query=flow&scenario_id=" + scenario),
                "simulation_unit_tests",
                "name"))
        .containsExactly("Billing flow");
    assertThat(http.get(U + "search?query=billing").status()).isEqualTo(404);
    assertThat(problems(http.get(U + "search/?query=%20&persona_id=x")))
        .containsExactlyInAnyOrder(
            "[\"query\",\"query\"] string_too_short",
            "[\"query\",\"persona_id\",0] string_pattern_mismatch");
  }

  @Test
  void updateIsPartialAndChecksReferences() {
    String id = f.unitTest("U", "d", persona, scenario);
    String before = one(id).get("updated_at").asString();
    String scenario2 = f.scenario("Second", "i");
    Reply r =
        http.post(
            U + id + "/",
            """
            {"scenario_id": "%s", "max_interactions": 20, "run_count": 3, "tags": {"a": "b"},
             "description": null}"""
                .formatted(scenario2));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    JsonNode t = one(id);
    assertThat(t.get("scenario_id").asString()).isEqualTo(scenario2);
    assertThat(t.get("persona_id").asString()).isEqualTo(persona);
    assertThat(t.get("max_interactions").asInt()).isEqualTo(20);
    assertThat(t.get("description").asString()).as("null leaves it").isEqualTo("d");
    assertThat(t.get("tags").toString()).isEqualTo("[{\"key\":\"a\",\"value\":\"b\"}]");
    assertThat(t.get("updated_at").asString()).isGreaterThan(before);
    assertThat(http.post(U + id + "/", "{\"persona_id\": \"eeeeeeeeeeeeeeeeeeeeeeee\"}").status())
        .isEqualTo(404);
    assertThat(problems(http.post(U + id + "/", "{\"run_count\": 0}")))
        .containsExactly("[\"body\",\"run_count\"] greater_than");
    assertThat(http.post(U + "eeeeeeeeeeeeeeeeeeeeeeee/", "{}").status()).isEqualTo(404);
  }

  @Test
  void deleteIsRefusedWhileALiveSetUsesTheUnitTest() {
    String id = f.unitTest("In set", "d", persona, scenario);
    String set = f.set("S", 1, id);
    Reply blocked = http.delete(U + id + "/");
    assertThat(blocked.status()).isEqualTo(400);
    assertThat(blocked.json().get("detail").asString())
        .isEqualTo("The specified simulation unit test is used in a simulation unit test set.");
    assertThat(http.delete(T + set).status()).isEqualTo(204);
    assertThat(http.delete(U + id + "/").status()).isEqualTo(204);
    assertThat(http.delete(U + id + "/").status()).isEqualTo(404);
  }

  java.util.List<String> names(String pathAndQuery) {
    return values(http.get(pathAndQuery), "simulation_unit_tests", "name");
  }
}
