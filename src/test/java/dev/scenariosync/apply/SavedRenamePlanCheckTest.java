package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved plan's rename is one change with its old name's delete: the delete's id must be the live
 * scenario of the old name and owned, and the file must still ask for the rename; else the plan is
 * refused whole, nothing written.
 */
class SavedRenamePlanCheckTest {
  static final String SIM = "/v1/acme/simulation/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    ui = RawHttp.dev(server, "acme");
    write("scenarios/triage.yaml", scenario("Old triage", null));
    write("scenarios/other.yaml", scenario("Other", null));
    assertThat(run("apply", "scenarios", "--auto-approve").exit()).isZero();
    write("scenarios/triage.yaml", scenario("Chest pain triage", "Old triage"));
    Cli.Result plan = run("plan", "scenarios", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String scenario(String name, String renamedFrom) {
    return (renamedFrom == null ? "" : "renamed_from: " + renamedFrom + "\n")
        + "name: "
        + name
        + "\nobjective: Triage the caller.\ninstructions: Ask.\ninitial_message_type: user-message\n";
  }

  void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  Cli.Result run(String... args) {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme").run(args);
  }

  String idOf(String name) {
    for (JsonNode s :
        ui.get(SIM + "scenario/?is_deleted=false&limit=50").json().get("simulation_scenarios")) {
      if (s.get("name").asString().equals(name)) {
        return s.get("id").asString();
      }
    }
    throw new AssertionError(name);
  }

  /** The saved plan with the rename's old id (its delete entry and the previous_id) replaced. */
  void oldIdIs(String id) throws IOException {
    JsonNode saved = JSON.readTree(Files.readString(dir.resolve("plan.json")));
    for (JsonNode c : saved.get("changes")) {
      if (c.get("name").asString().equals("Old triage")) {
        ((ObjectNode) c).put("scenario_id", id);
      } else {
        ((ObjectNode) c.get("after").get("tags")).put("previous_id", id);
      }
    }
    Files.writeString(dir.resolve("plan.json"), JSON.writeValueAsString(saved));
  }

  boolean scenarioNamed(String name) {
    for (JsonNode s :
        ui.get(SIM + "scenario/?is_deleted=false&limit=50").json().get("simulation_scenarios")) {
      if (s.get("name").asString().equals(name)) {
        return true;
      }
    }
    return false;
  }

  long writes() {
    return server.requests().stream()
        .filter(q -> !q.method().equals("GET") && q.path().contains("/simulation/"))
        .count();
  }

  @Test
  void theSavedRenameApplies() {
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).containsPattern("done +Chest pain triage").contains("Old triage");
  }

  @Test
  void anOldIdOfAnotherScenarioIsRefused() throws IOException {
    String other = idOf("Other");
    oldIdIs(other);
    long before = writes();
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.err())
        .contains("Old triage: scenario_id " + other + " is not the live scenario of that name");
    assertThat(writes()).as("nothing written").isEqualTo(before);
  }

  @Test
  void anUnownedOldScenarioIsNotDeletedByARename() throws IOException {
    String old = idOf("Old triage");
    assertThat(ui.post(SIM + "scenario/" + old + "/", "{\"tags\": {\"team\": \"b\"}}").status())
        .isIn(200, 204);
    long before = writes();
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.err())
        .contains("Old triage: tags: the remote scenario is not owned (managed_by: scenario_sync)");
    assertThat(writes()).as("nothing written").isEqualTo(before);
  }

  @Test
  void aFileNoLongerAskingForTheRenameMakesThePlanStale() throws IOException {
    write("scenarios/triage.yaml", scenario("Chest pain triage", null));
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.err())
        .contains("Chest pain triage: its document in scenarios/triage.yaml changed");
    assertThat(scenarioNamed("Chest pain triage")).as("not created").isFalse();
  }
}
