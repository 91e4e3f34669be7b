package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.ApiSpec;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A rename through {@code renamed_from}, against the emulator over real HTTP: the new scenario is
 * created with a previous_id tag, the remote unit tests of the old one are re-pointed, the old one
 * is deleted, history follows the chain; a failed create re-points and deletes nothing.
 */
class RenameEndToEndTest {
  static final String SIM = "/v1/acme/simulation/";

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    ui = RawHttp.dev(server, "acme");
  }

  @AfterEach
  void stop() {
    try {
      for (EmulatorServer.Logged r : server.requests()) {
        ApiSpec.checkRequest(
            r.method(),
            URI.create(
                r.path() + (r.query() == null || r.query().isEmpty() ? "" : "?" + r.query())),
            null);
      }
    } finally {
      server.close();
    }
  }

  void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  Cli.Result run(String... args) {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme").run(args);
  }

  JsonNode scenarios(boolean deleted) {
    return ui.get(SIM + "scenario/?is_deleted=" + deleted + "&limit=50")
        .json()
        .get("simulation_scenarios");
  }

  JsonNode scenario(String name, boolean deleted) {
    for (JsonNode s : scenarios(deleted)) {
      if (s.get("name").asString().equals(name)) {
        return s;
      }
    }
    return null;
  }

  String remoteUnitTest(String name, String persona, String scenario) {
    return ui.unitTest("acme", name, persona, scenario);
  }

  String scenarioOf(String unitTest) {
    return ui.get(SIM + "unit_test/?id=" + unitTest)
        .json()
        .get("simulation_unit_tests")
        .get(0)
        .get("scenario_id")
        .asString();
  }

  /** "Old triage" applied, with two unit tests made in the UI that use it. */
  String[] applied() throws IOException {
    write(
        "scenarios/triage.yaml",
        """
        name: Old triage
        objective: Triage the caller.
        instructions: Ask about symptoms.
        initial_message_type: user-message
        """);
    Cli.Result first = run("apply", "scenarios", "--auto-approve");
    assertThat(first.exit()).as(first.all()).isZero();
    String old = scenario("Old triage", false).get("id").asString();
    String persona =
        ui.post(
                SIM + "persona/",
                """
                {"name": "Ana", "role": "caller", "tags": {}, "initial_version": {"background": "b",
                 "preferred_language": "eng", "timezone": "Europe/Paris", "user_models": [],
                 "nonsensitive_user_variables": {}, "sensitive_user_variables": {}}}""")
            .json()
            .get("simulation_persona_id")
            .asString();
    return new String[] {
      old, remoteUnitTest("Triage one", persona, old), remoteUnitTest("Triage two", persona, old)
    };
  }

  void renameInFile() throws IOException {
    write(
        "scenarios/triage.yaml",
        """
        name: Chest pain triage
        renamed_from: Old triage
        objective: Triage the caller.
        instructions: Ask about symptoms, then about chest pain.
        initial_message_type: user-message
        """);
  }

  @Test
  void aRenameRepointsTheRemoteUnitTestsDeletesTheOldOneAndHistoryFollowsIt() throws IOException {
    String[] ids = applied();
    renameInFile();
    Cli.Result plan = run("plan", "scenarios");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("1 to rename")
        .contains("rename from \"Old triage\"")
        .contains("unit tests re-pointed to it: \"Triage one\", \"Triage two\"")
        .contains("the old scenario \"Old triage\" (id " + ids[0]);

    Cli.Result apply = run("apply", "scenarios", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode renamed = scenario("Chest pain triage", false);
    assertThat(renamed).isNotNull();
    assertThat(renamed.get("tags").get("previous_id").asString()).isEqualTo(ids[0]);
    assertThat(scenarioOf(ids[1])).isEqualTo(renamed.get("id").asString());
    assertThat(scenarioOf(ids[2])).isEqualTo(renamed.get("id").asString());
    assertThat(scenario("Old triage", false)).as("the old one is deleted").isNull();
    assertThat(scenario("Old triage", true)).isNotNull();
    assertThat(apply.out())
        // one change: the new one created, the unit tests re-pointed, then the old one deleted
        .containsPattern(
            "done +Chest pain triage +rename +created with version 1, unit test Triage one"
                + " re-pointed, unit test Triage two re-pointed, scenario 'Old triage' deleted");

    // renamed_from is now a no-op, said so; the previous_id tag is kept
    Cli.Result again = run("plan", "scenarios", "--detailed-exitcode");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("No changes.");
    assertThat(again.err())
        .contains(
            "note: Chest pain triage: renamed_from 'Old triage': no scenario has that name now");

    Cli.Result history = run("history", "Chest pain triage");
    assertThat(history.exit()).as(history.all()).isZero();
    assertThat(history.out())
        .contains("renamed 1 time")
        .containsPattern("version 1 .*\\(Old triage version 1\\)")
        .contains("--- renamed from \"Old triage\" to \"Chest pain triage\" ---")
        .containsPattern("version 2 .*\\(Chest pain triage version 1\\)");
    assertThat(history.out().indexOf("Old triage version 1"))
        .isLessThan(history.out().indexOf("--- renamed"));
  }

  @Test
  void aSavedRenamePlanAppliesWithoutPruneAndAFailedCreateChangesNothingElse() throws IOException {
    String[] ids = applied();
    renameInFile();
    Cli.Result plan = run("plan", "scenarios", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    // Someone takes the new name in the UI before the merge: the create fails.
    assertThat(
            ui.post(
                    SIM + "scenario/",
                    """
                    {"name": "Chest pain triage", "tags": {}, "initial_version": {"objective": "o",
                     "instructions": "i", "initial_message_type": "skip",
                     "conversation_starts_at": null}}""")
                .status())
        .isEqualTo(201);
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(scenarioOf(ids[1])).as("not re-pointed").isEqualTo(ids[0]);
    assertThat(scenarioOf(ids[2])).isEqualTo(ids[0]);
    assertThat(scenario("Old triage", false)).as("not deleted").isNotNull();
    assertThat(apply.out())
        .containsPattern(
            "conflict +Chest pain triage +rename +a scenario with this name was created")
        .doesNotContain("'Old triage' deleted");
  }

  @Test
  void aSavedRenamePlanAppliesWithoutPrune() throws IOException {
    String[] ids = applied();
    renameInFile();
    assertThat(run("plan", "scenarios", "--out", "plan.json").exit()).isZero();
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    String renamed = scenario("Chest pain triage", false).get("id").asString();
    assertThat(scenarioOf(ids[1])).isEqualTo(renamed);
    assertThat(scenario("Old triage", false)).isNull();
  }

  @Test
  void aRenameWhoseCreateLandedBeforeAnInterruptionConvergesOnTheNextApply() throws IOException {
    String[] ids = applied();
    renameInFile();
    assertThat(run("plan", "scenarios", "--out", "plan.json").exit()).isZero();
    // An earlier apply of this plan created the new scenario (as this tool's user, with the
    // planned tags and content) and was interrupted before anything else.
    JsonNode planned = null;
    for (JsonNode c :
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(Files.readString(dir.resolve("plan.json")))
            .get("changes")) {
      if (c.get("name").asString().equals("Chest pain triage")) {
        planned = c;
      }
    }
    assertThat(
            ui.post(
                    SIM + "scenario/",
                    """
                    {"name": "Chest pain triage", "tags": %s, "initial_version": {"objective":
                     "Triage the caller.", "instructions": "Ask about symptoms, then about chest pain.",
                     "initial_message_type": "user-message", "conversation_starts_at": null}}"""
                        .formatted(planned.get("after").get("tags")))
                .status())
        .isEqualTo(201);

    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out())
        .containsPattern(
            "done +Chest pain triage +rename +already created, unit test Triage one re-pointed,"
                + " unit test Triage two re-pointed, scenario 'Old triage' deleted");
    String renamed = scenario("Chest pain triage", false).get("id").asString();
    assertThat(scenarioOf(ids[1])).isEqualTo(renamed);
    assertThat(scenarioOf(ids[2])).isEqualTo(renamed);
    assertThat(scenario("Old triage", false)).isNull();
  }

  static String declaredTest(String scenario) {
    return """
        kind: persona
        name: Ana
        role: caller
        background: b
        ---
        kind: unit_test
        name: Triage declared
        description: d
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: Ana
        scenario: %s
        max_interactions: 5
        success_criteria:
          - name: ok
            metric_id: cccccccccccccccccccccccc
            criterion: {type: boolean, expected_value: true}
        """
        .formatted(scenario);
  }

  @Test
  void inASuiteTheDeclaredUnitTestFollowsItsFileAndTheRemoteOneIsRepointed() throws IOException {
    write(
        "scenarios/triage.yaml",
        """
        name: Old triage
        objective: Triage the caller.
        instructions: Ask about symptoms.
        initial_message_type: user-message
        """);
    write("suite/tests.yaml", declaredTest("Old triage"));
    Cli.Result first = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(first.exit()).as(first.all()).isZero();
    String old = scenario("Old triage", false).get("id").asString();
    String persona =
        ui.get(SIM + "persona/?is_deleted=false&limit=50")
            .json()
            .get("simulation_personas")
            .get(0)
            .get("id")
            .asString();
    String remoteOnly = remoteUnitTest("Triage remote", persona, old);
    String declared = null;
    for (JsonNode t :
        ui.get(SIM + "unit_test/?is_deleted=false&limit=50").json().get("simulation_unit_tests")) {
      declared =
          t.get("name").asString().equals("Triage declared") ? t.get("id").asString() : declared;
    }

    renameInFile();
    write("suite/tests.yaml", declaredTest("Chest pain triage"));
    Cli.Result plan = run("plan", "scenarios", "suite");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("unit tests re-pointed to it: \"Triage remote\"")
        .doesNotContain("blocked");
    Cli.Result apply = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    String renamed = scenario("Chest pain triage", false).get("id").asString();
    assertThat(scenarioOf(remoteOnly)).isEqualTo(renamed);
    assertThat(scenarioOf(declared)).isEqualTo(renamed);
    assertThat(scenario("Old triage", false)).isNull();
    Cli.Result again = run("plan", "scenarios", "suite", "--detailed-exitcode");
    assertThat(again.exit()).as(again.all()).isZero();
  }
}
