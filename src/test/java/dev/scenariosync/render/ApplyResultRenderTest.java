package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.apply.ApplyResult;
import dev.scenariosync.apply.Outcome;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.ResourceChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The apply result, table and JSON, from the one outcome type of every kind. */
class ApplyResultRenderTest {
  static final String ID = "aaaaaaaaaaaaaaaaaaaaaaa1";
  static final Map<String, Object> V1 =
      ScenarioFields.of(new VersionContent("o", "v1", InitialMessageType.SKIP, null));
  static final Map<String, Object> V2 =
      ScenarioFields.of(new VersionContent("o", "v2", InitialMessageType.SKIP, null));

  static ResourceChange.Update version() {
    return new ResourceChange.Update(
        ResourceKind.SCENARIO,
        "Chest pain triage",
        null,
        ID,
        null,
        2,
        V1,
        V2,
        Map.of(),
        Map.of("suite", "smoke"),
        List.of("instructions", "tags"),
        Map.of(),
        false);
  }

  static ApplyResult scenariosOnly() {
    return new ApplyResult(
        List.of(
            new Outcome(
                version(),
                Outcome.Status.FAILED,
                "version 2 created; tag update failed: 503",
                List.of("version 2 created")),
            new Outcome(
                new ResourceChange.Create(
                    ResourceKind.SCENARIO, "Reschedule", null, V1, Map.of(), Map.of()),
                Outcome.Status.DONE,
                "",
                List.of("created with version 1"))));
  }

  @Test
  void aScenarioOnlyResultKeepsItsTableAndJson() {
    assertThat(ApplyResultText.render(scenariosOnly()))
        .isEqualTo(
            """

            Apply finished: 1 done, 1 failed, 0 conflicts, 0 skipped

              STATUS    SCENARIO           ACTIONS                NOTE
              failed    Chest pain triage  version,tags           version 2 created; tag update failed: 503
              done      Reschedule         create
            """);
    JsonNode json =
        JsonMapper.builder().build().readTree(ApplyResultJson.write("acme", scenariosOnly()));
    assertThat(json.get("exit_code").asInt()).isEqualTo(3);
    assertThat(json.has("resources")).as("no other kind: no member").isFalse();
    JsonNode first = json.get("results").get(0);
    assertThat(first.get("name").asString()).isEqualTo("Chest pain triage");
    assertThat(first.get("scenario_id").asString()).isEqualTo(ID);
    assertThat(first.get("actions").toString()).isEqualTo("[\"version\",\"tags\"]");
    assertThat(first.get("status").asString()).isEqualTo("failed");
    assertThat(first.get("steps_done").toString()).isEqualTo("[\"version 2 created\"]");
    assertThat(json.get("results").get(1).get("scenario_id").isNull()).as("a create").isTrue();
  }

  @Test
  void theOtherKindsAreNamedWithTheirKindAndGoUnderResources() {
    ApplyResult r =
        new ApplyResult(
            List.of(
                new Outcome(
                    new ResourceChange.Create(
                        ResourceKind.PERSONA, "Ana\u001b[2J", null, Map.of(), Map.of(), Map.of()),
                    Outcome.Status.DONE,
                    "",
                    List.of("created with version 1")),
                new Outcome(
                    new ResourceChange.Blocked(
                        ResourceKind.SCENARIO,
                        "Old",
                        ID,
                        List.of(new Ref(ResourceKind.UNIT_TEST, "T", ID))),
                    Outcome.Status.SKIPPED,
                    "used by unit_test 'T'; not deleted")));
    String table = ApplyResultText.render(r);
    assertThat(table)
        .contains("STATUS    NAME")
        .containsPattern("done +persona Ana.*create")
        .containsPattern("skipped +Old +blocked +used by unit_test 'T'; not deleted")
        .doesNotContain("\u001b");
    JsonNode json = JsonMapper.builder().build().readTree(ApplyResultJson.write("acme", r));
    assertThat(json.get("summary").get("skipped").asInt()).isEqualTo(1);
    JsonNode persona = json.get("resources").get(0);
    assertThat(persona.get("kind").asString()).isEqualTo("persona");
    assertThat(persona.get("action").asString()).isEqualTo("create");
    assertThat(json.get("results").get(0).get("actions").toString()).isEqualTo("[\"blocked\"]");
  }
}
