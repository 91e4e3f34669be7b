package dev.scenariosync.emulator;

import static dev.scenariosync.emulator.Fixture.P;
import static dev.scenariosync.emulator.Fixture.R;
import static dev.scenariosync.emulator.Fixture.S;
import static dev.scenariosync.emulator.Fixture.T;
import static dev.scenariosync.emulator.Fixture.U;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MongoDB keeps milliseconds: every date any resource stores and returns is cut to them. */
class DatePrecisionTest {
  private static final String MILLIS = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z$";

  @Test
  void everyStoredAndReturnedDateHasAtMostMilliseconds() {
    try (Fixture f = new Fixture(c -> c.withClock(java.time.Clock.systemUTC()))) {
      RawHttp http = f.http;
      String scenario =
          Fixture.created(
              http.post(
                  S,
                  """
                  {"name": "S", "tags": {}, "initial_version": {"objective": "o", "instructions": "i",
                   "initial_message_type": "skip", "conversation_starts_at": "2026-01-05T10:30:00.1234567+00:00"}}"""),
              "simulation_scenario_id");
      JsonNode v =
          http.get(S + scenario + "/version/").json().get("simulation_scenario_versions").get(0);
      assertThat(v.get("conversation_starts_at").asString()).isEqualTo("2026-01-05T10:30:00.123Z");

      String persona = f.persona("P");
      String test = f.unitTest("t", "d", persona, scenario);
      String set = f.set("Set", 1, test);
      http.post(R, "{\"simulation_unit_test_set_id\": \"%s\"}".formatted(set));

      Map<String, String> lists =
          Map.of(
              S,
              "simulation_scenarios",
              S + scenario + "/version/",
              "simulation_scenario_versions",
              P,
              "simulation_personas",
              P + persona + "/version/",
              "simulation_persona_versions",
              U,
              "simulation_unit_tests",
              T,
              "simulation_unit_test_sets",
              R,
              "simulation_unit_test_set_runs");
      List<String> dates = new ArrayList<>();
      lists.forEach(
          (path, key) -> {
            Reply r = http.get(path);
            for (JsonNode item : r.json().get(key)) {
              for (String field : List.of("created_at", "updated_at")) {
                if (item.has(field)) {
                  dates.add(path + " " + field + " " + item.get(field).asString());
                }
              }
            }
          });
      assertThat(dates).hasSizeGreaterThanOrEqualTo(13);
      assertThat(dates)
          .allSatisfy(d -> assertThat(d.substring(d.lastIndexOf(' ') + 1)).matches(MILLIS));
    }
  }
}
