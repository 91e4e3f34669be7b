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
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved plan writes a rename as two entries: the new name (create, rename) and the old name's
 * delete, which records the state the delete was planned against. The format 1 reader deleted the
 * old one only through that delete entry; the one-change reader folds it into the rename. A plan
 * whose delete entry was removed, or records nothing to guard the delete with, or names another
 * scenario than the rename's previous_id, must be refused: else the old scenario is deleted
 * unguarded, a version made in the UI since the plan included.
 */
class SavedRenameDeleteEntryTest {
  static final String SIM = "/v1/acme/simulation/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    ui = RawHttp.dev(server, "acme");
    write("scenarios/triage.yaml", SavedRenamePlanCheckTest.scenario("Old triage", null));
    write("scenarios/other.yaml", SavedRenamePlanCheckTest.scenario("Other", null));
    assertThat(run("apply", "scenarios", "--auto-approve").exit()).isZero();
    write(
        "scenarios/triage.yaml",
        SavedRenamePlanCheckTest.scenario("Chest pain triage", "Old triage"));
    Cli.Result plan = run("plan", "scenarios", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
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
    return null;
  }

  /** A new version of the old scenario made in the UI after the plan. */
  void editOldInTheUi() {
    String old = idOf("Old triage");
    RawHttp.Reply r =
        ui.post(
            SIM + "scenario/" + old + "/version/?version=2",
            "{\"objective\": \"Edited in the UI.\", \"instructions\": \"Ask.\","
                + " \"initial_message_type\": \"user-message\", \"conversation_starts_at\": null}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  ObjectNode saved() throws IOException {
    return (ObjectNode) JSON.readTree(Files.readString(dir.resolve("plan.json")));
  }

  void save(JsonNode plan) throws IOException {
    Files.writeString(dir.resolve("plan.json"), JSON.writeValueAsString(plan));
  }

  ObjectNode deleteEntry(ObjectNode plan) {
    for (JsonNode c : plan.get("changes")) {
      if (c.get("name").asString().equals("Old triage")) {
        return (ObjectNode) c;
      }
    }
    throw new AssertionError("no delete entry for the old name");
  }

  long writes() {
    return server.requests().stream()
        .filter(q -> !q.method().equals("GET") && q.path().contains("/simulation/"))
        .count();
  }

  @Test
  void aRenameWithoutItsDeleteEntryIsRefusedAndTheUiEditKept() throws IOException {
    ObjectNode plan = saved();
    for (Iterator<JsonNode> it = ((ArrayNode) plan.get("changes")).iterator(); it.hasNext(); ) {
      if (it.next().get("name").asString().equals("Old triage")) {
        it.remove();
      }
    }
    save(plan);
    editOldInTheUi();
    long before = writes();
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(idOf("Old triage"))
        .as("the old scenario, edited in the UI, is not deleted")
        .isNotNull();
    assertThat(apply.exit()).as(apply.all()).isNotZero();
    assertThat(apply.all()).contains("changes[").contains("Old triage");
    assertThat(writes()).as("nothing written").isEqualTo(before);
  }

  @Test
  void aRenameDeleteEntryRecordingNothingToGuardItIsRefused() throws IOException {
    ObjectNode plan = saved();
    deleteEntry(plan).putNull("remote_updated_at").putNull("current_version");
    save(plan);
    editOldInTheUi();
    long before = writes();
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(idOf("Old triage"))
        .as("the old scenario, edited in the UI, is not deleted")
        .isNotNull();
    assertThat(apply.exit()).as(apply.all()).isNotZero();
    assertThat(writes()).as("nothing written").isEqualTo(before);
  }

  @Test
  void aRenameDeleteEntryOfAnotherScenarioIsRefused() throws IOException {
    ObjectNode plan = saved();
    String other = idOf("Other");
    deleteEntry(plan).put("scenario_id", other);
    save(plan);
    long before = writes();
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isNotZero();
    assertThat(apply.all()).contains("Old triage");
    assertThat(writes()).as("nothing written").isEqualTo(before);
  }

  @Test
  void aDuplicatedRenameDeleteEntryIsRefused() throws IOException {
    ObjectNode plan = saved();
    ((ArrayNode) plan.get("changes")).add(deleteEntry(plan).deepCopy());
    save(plan);
    long before = writes();
    Cli.Result apply = run("apply", "--plan", "plan.json", "--auto-approve", "--prune");
    assertThat(apply.exit()).as(apply.all()).isNotZero();
    assertThat(writes()).as("nothing written").isEqualTo(before);
    assertThat(idOf("Old triage")).isNotNull();
  }
}
