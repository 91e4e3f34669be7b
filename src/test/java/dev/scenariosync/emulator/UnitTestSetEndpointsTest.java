package dev.scenariosync.emulator;

import static dev.scenariosync.emulator.Fixture.T;
import static dev.scenariosync.emulator.Fixture.problems;
import static dev.scenariosync.emulator.Fixture.setBody;
import static dev.scenariosync.emulator.Fixture.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Unit-test-set endpoints over real HTTP; every exchange is checked against the spec. */
class UnitTestSetEndpointsTest {
  final Fixture f = new Fixture();
  final RawHttp http = f.http;
  String t1;
  String t2;

  @BeforeEach
  void data() {
    String persona = f.persona("Ana");
    String scenario = f.scenario("S", "i");
    t1 = f.unitTest("one", "d", persona, scenario);
    t2 = f.unitTest("two", "d", persona, scenario);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  JsonNode one(String id) {
    return http.get(T + "?id=" + id).json().get("simulation_unit_test_sets").get(0);
  }

  @Test
  void aRunCountTheEmulatorCouldNotSimulateIsRefusedNotAllocated() {
    assertThat(problems(http.post(T, setBody("Huge", "\"d\"", t1, "2147483647"))))
        .containsExactly("[\"body\",\"unit_test_runs\",0,\"run_count\"] less_than_equal");
    assertThat(http.post(T, setBody("Largest", "\"d\"", t1, "10000")).status()).isEqualTo(201);
  }

  @Test
  void createListsRunsTagsAsAListAndRefusesDuplicatesAndUnknownTests() {
    String id =
        Fixture.created(
            http.post(T, setBody(" Nightly ", "null", t1, "3", t2, "1")),
            "simulation_unit_test_set_id");
    JsonNode s = one(id);
    assertThat(s.get("name").asString()).isEqualTo("Nightly");
    assertThat(s.get("description").isNull()).isTrue();
    assertThat(s.get("unit_test_runs").toString())
        .isEqualTo(
            "[{\"unit_test_id\":\"%s\",\"run_count\":3},{\"unit_test_id\":\"%s\",\"run_count\":1}]"
                .formatted(t1, t2));
    assertThat(s.get("tags").toString()).isEqualTo("[{\"key\":\"suite\",\"value\":null}]");
    assertThat(s.get("last_triggered_run_id").isNull()).isTrue();
    assertThat(http.post(T, setBody("Nightly", "\"d\"", t1, "1")).status()).isEqualTo(409);
    assertThat(http.post(T, setBody("Other", "\"d\"", "eeeeeeeeeeeeeeeeeeeeeeee", "1")).status())
        .isEqualTo(404);
    assertThat(problems(http.post(T, setBody("X", "\" \"", t1, "0"))))
        .containsExactlyInAnyOrder(
            "[\"body\",\"description\"] string_too_short",
            "[\"body\",\"unit_test_runs\",0,\"run_count\"] greater_than");
    assertThat(problems(http.post(T, "{\"name\": \"X\", \"unit_test_runs\": [], \"tags\": {}}")))
        .containsExactlyInAnyOrder(
            "[\"body\",\"description\"] missing", "[\"body\",\"unit_test_runs\"] too_short");
  }

  @Test
  void listFiltersByUnitTestAndCapsTheLimitAtTwenty() {
    f.set("A", 1, t1);
    f.set("B", 1, t2);
    f.set("C", 1, t1, t2);
    assertThat(values(http.get(T + "?unit_test_id=" + t1), "simulation_unit_test_sets", "name"))
        .containsExactly("A", "C");
    Reply page = http.get(T + "?limit=2");
    assertThat(page.json().get("has_more").asBoolean()).isTrue();
    assertThat(page.json().get("filter_values").get("unit_test_ids")).hasSize(2);
    assertThat(page.json().get("filter_values").get("tags").toString()).isEqualTo("[\"suite\"]");
    assertThat(problems(http.get(T + "?limit=21")))
        .containsExactly("[\"query\",\"limit\"] less_than_equal");
  }

  @Test
  void searchHasATrailingSlashAndMatchesNameOrDescription() {
    f.set("Nightly regression", 1, t1);
    http.post(T, setBody("Smoke", "\"runs every night\"", t2, "1"));
    Reply r = http.get(T + "search/?query=night");
    assertThat(values(r, "simulation_unit_test_sets", "name"))
        .containsExactlyInAnyOrder("Nightly regression", "Smoke");
    assertThat(r.json().get("simulation_unit_test_sets").get(0).has("_id")).isTrue();
    assertThat(
            values(
                http.get(T + "search/?query=night&unit_test_id=" + t2),
                "simulation_unit_test_sets",
                "name"))
        .containsExactly("Smoke");
  }

  @Test
  void updateAndDeleteLiveAtPathsWithoutATrailingSlash() {
    String a = f.set("A", 1, t1);
    f.set("B", 1, t1);
    assertThat(http.post(T + a + "/", "{\"name\": \"Z\"}").status())
        .as("no such route")
        .isEqualTo(404);
    Reply clash = http.post(T + a, "{\"name\": \"B\"}");
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.json().get("detail").asString())
        .isEqualTo("A simulation unit test set with this name already exists.");
    assertThat(
            http.post(
                    T + a,
                    "{\"name\": \" A2 \", \"description\": {}, \"unit_test_runs\": [{\"unit_test_id\": \"%s\", \"run_count\": 2}]}"
                        .formatted(t2))
                .status())
        .isEqualTo(204);
    JsonNode s = one(a);
    assertThat(s.get("name").asString()).isEqualTo("A2");
    assertThat(s.get("description").asString()).as("{} leaves it").isEqualTo("d");
    assertThat(s.get("unit_test_runs").get(0).get("run_count").asInt()).isEqualTo(2);
    assertThat(http.post(T + a, "{\"description\": null}").status()).isEqualTo(204);
    assertThat(one(a).get("description").isNull()).as("null clears it").isTrue();
    assertThat(http.post(T + a, "{\"name\": \"A2\"}").status())
        .as("its own name is no clash")
        .isEqualTo(204);

    assertThat(
            problems(http.post(T + a, "{\"name\": \" \", \"unit_test_runs\": [], \"tags\": []}")))
        .containsExactlyInAnyOrder(
            "[\"body\",\"name\"] string_too_short",
            "[\"body\",\"unit_test_runs\"] too_short",
            "[\"body\",\"tags\"] dict_type");
    assertThat(
            http.post(
                    T + a,
                    "{\"unit_test_runs\": [{\"unit_test_id\": \"eeeeeeeeeeeeeeeeeeeeeeee\", \"run_count\": 1}]}")
                .status())
        .isEqualTo(404);
    assertThat(problems(http.delete(T + "x")))
        .containsExactly("[\"path\",\"simulation_unit_test_set_id\"] string_pattern_mismatch");
    assertThat(http.delete(T + a + "/").status()).isEqualTo(404);
    assertThat(http.delete(T + a).status()).isEqualTo(204);
    assertThat(http.delete(T + a).status()).isEqualTo(404);
    assertThat(one(a).get("is_deleted").asBoolean()).isTrue();
    assertThat(http.post(T + a, "{}").status()).isEqualTo(404);
    assertThat(
            Fixture.created(
                http.post(T, setBody("A2", "\"d\"", t1, "1")), "simulation_unit_test_set_id"))
        .as("a deleted set's name can be reused")
        .isNotEqualTo(a);
  }
}
