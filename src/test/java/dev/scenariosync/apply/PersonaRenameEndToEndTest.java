package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.api.AmigoClient;
import dev.scenariosync.api.ApiSettings;
import dev.scenariosync.api.Credentials;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A persona renamed through {@code renamed_from}, against the emulator over real HTTP: created with
 * a previous_id tag, the remote unit tests of the old one re-pointed, the old one deleted; a failed
 * create re-points and deletes nothing.
 */
class PersonaRenameEndToEndTest {
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

  JsonNode persona(String name, boolean deleted) {
    for (JsonNode p :
        ui.get(SIM + "persona/?is_deleted=" + deleted + "&limit=50")
            .json()
            .get("simulation_personas")) {
      if (p.get("name").asString().equals(name)) {
        return p;
      }
    }
    return null;
  }

  String remoteUnitTest(String name, String persona, String scenario) {
    return ui.unitTest("acme", name, persona, scenario);
  }

  String personaOf(String unitTest) {
    return ui.get(SIM + "unit_test/?id=" + unitTest)
        .json()
        .get("simulation_unit_tests")
        .get(0)
        .get("persona_id")
        .asString();
  }

  void personaFile(String name, String renamedFrom) throws IOException {
    write(
        "suite/personas.yaml",
        "kind: persona\nname: "
            + name
            + "\n"
            + (renamedFrom == null ? "" : "renamed_from: " + renamedFrom + "\n")
            + "role: caller\nbackground: A caller.\n");
  }

  /** "Ana" applied from a file, with two unit tests made in the UI that use it. */
  String[] applied() throws IOException {
    write(
        "scenarios/triage.yaml",
        """
        name: Triage
        objective: Triage the caller.
        instructions: Ask about symptoms.
        initial_message_type: user-message
        """);
    personaFile("Ana", null);
    Cli.Result first = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(first.exit()).as(first.all()).isZero();
    String scenario =
        ui.get(SIM + "scenario/?is_deleted=false&limit=50")
            .json()
            .get("simulation_scenarios")
            .get(0)
            .get("id")
            .asString();
    String old = persona("Ana", false).get("id").asString();
    return new String[] {
      old, remoteUnitTest("Test one", old, scenario), remoteUnitTest("Test two", old, scenario)
    };
  }

  @Test
  void aRenameRepointsTheRemoteUnitTestsAndDeletesTheOldPersona() throws IOException {
    String[] ids = applied();
    personaFile("Ana Garcia", "Ana");
    Cli.Result plan = run("plan", "scenarios", "suite");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("Personas:")
        .contains("+ Ana Garcia  rename v1")
        .contains("rename from \"Ana\"")
        .contains("unit tests re-pointed to it: \"Test one\", \"Test two\"")
        .contains("the old persona \"Ana\" (id " + ids[0]);
    Cli.Result md = run("plan", "scenarios", "suite", "--format", "markdown");
    assertThat(md.out())
        .contains("rename from “Ana”")
        .contains("“Test one”, “Test two”")
        .contains("+ rename");

    // no --prune: the old persona's delete is the rename's own
    Cli.Result apply = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode renamed = persona("Ana Garcia", false);
    assertThat(renamed).isNotNull();
    assertThat(renamed.get("tags").get("previous_id").asString()).isEqualTo(ids[0]);
    String id = renamed.get("id").asString();
    assertThat(personaOf(ids[1])).isEqualTo(id);
    assertThat(personaOf(ids[2])).isEqualTo(id);
    assertThat(persona("Ana", false)).as("the old one is deleted").isNull();
    assertThat(persona("Ana", true)).isNotNull();
    assertThat(apply.out()).contains("persona 'Ana' deleted");

    Cli.Result again = run("plan", "scenarios", "suite", "--detailed-exitcode");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("No changes.");
    assertThat(again.err())
        .contains("note: Ana Garcia: renamed_from 'Ana': no persona has that name now");
  }

  @Test
  void historyFollowsTheRenameBackNumberingVersionsAcrossTheNames() throws IOException {
    applied();
    write(
        "suite/personas.yaml",
        "kind: persona\nname: Ana\nrole: caller\nbackground: A worried caller.\n");
    Cli.Result second = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(second.exit()).as(second.all()).isZero();
    write(
        "suite/personas.yaml",
        "kind: persona\nname: Ana Garcia\nrenamed_from: Ana\n"
            + "role: caller\nbackground: A worried caller.\n");
    Cli.Result rename = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(rename.exit()).as(rename.all()).isZero();
    write(
        "suite/personas.yaml",
        "kind: persona\nname: Ana Garcia\nrole: caller\nbackground: A calm caller.\n");
    Cli.Result after = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(after.exit()).as(after.all()).isZero();

    Cli.Result history = run("history", "--kind", "persona", "Ana Garcia");
    assertThat(history.exit()).as(history.all()).isZero();
    String out = history.out();
    assertThat(out)
        .startsWith("Ana Garcia  id " + persona("Ana Garcia", false).get("id").asString())
        .contains("renamed 1 time")
        .containsPattern("version 1 .*\\(Ana version 1\\)")
        .containsPattern("version 2 .*\\(Ana version 2\\)")
        .contains("--- renamed from \"Ana\" to \"Ana Garcia\" ---")
        .containsPattern("version 3 .*\\(Ana Garcia version 1\\)")
        .containsPattern("version 4 .*\\(Ana Garcia version 2\\)")
        .doesNotContain("version 5");
    assertThat(out.indexOf("(Ana version 2)")).isLessThan(out.indexOf("--- renamed"));
    assertThat(out.indexOf("--- renamed")).isLessThan(out.indexOf("(Ana Garcia version 1)"));

    // numbers across the chain drive --from/--to and --diff, as for scenarios
    Cli.Result range =
        run("history", "--kind", "persona", "Ana Garcia", "--from", "2", "--to", "3", "--diff");
    assertThat(range.exit()).as(range.all()).isZero();
    assertThat(range.out())
        .containsPattern("version 2 .*\\(Ana version 2\\)")
        .containsPattern("version 3 .*\\(Ana Garcia version 1\\)")
        .doesNotContain("(Ana version 1)")
        .doesNotContain("(Ana Garcia version 2)")
        .contains("-background: A caller.")
        .contains("+background: A worried caller.")
        .doesNotContain("A calm caller.");
  }

  @Test
  void aDeclaredUnitTestStillNamingTheOldPersonaIsAnErrorAtItsLine() throws IOException {
    applied();
    personaFile("Ana Garcia", "Ana");
    write(
        "suite/tests.yaml",
        """
        kind: unit_test
        name: Declared
        description: d
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: Ana
        scenario: Triage
        max_interactions: 5
        success_criteria:
          - name: ok
            metric_id: cccccccccccccccccccccccc
            criterion: {type: boolean, expected_value: true}
        """);
    Cli.Result plan = run("plan", "scenarios", "suite");
    assertThat(plan.exit()).as(plan.all()).isNotZero();
    assertThat(plan.err())
        .contains("suite/tests.yaml:6:")
        .contains("names the persona 'Ana', which persona 'Ana Garcia' renames");
    assertThat(persona("Ana Garcia", false)).isNull();
  }

  @Test
  void aSavedRenamePlanIsCheckedAtApply() throws IOException {
    String[] ids = applied();
    personaFile("Ana Garcia", "Ana");
    Cli.Result plan = run("plan", "scenarios", "suite", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(Files.readString(dir.resolve("plan.json")))
        .contains("\"action\" : \"rename\"")
        .contains("\"renamed_from\" : \"Ana\"");
    // Someone takes the new name in the UI before the merge: the saved rename is stale.
    ui.persona("acme", "Ana Garcia");
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.err()).contains("persona Ana Garcia");
    assertThat(personaOf(ids[1])).as("not re-pointed").isEqualTo(ids[0]);
    assertThat(persona("Ana", false)).as("not deleted").isNotNull();
  }

  @Test
  void aSavedRenamePlanAppliesWithoutPrune() throws IOException {
    String[] ids = applied();
    personaFile("Ana Garcia", "Ana");
    assertThat(run("plan", "scenarios", "suite", "--out", "plan.json").exit()).isZero();
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(personaOf(ids[1])).isEqualTo(persona("Ana Garcia", false).get("id").asString());
    assertThat(persona("Ana", false)).isNull();
  }

  @Test
  void aFailedCreateRepointsAndDeletesNothing() throws Exception {
    String[] ids = applied();
    try (AmigoClient client =
        new AmigoClient(
            ApiSettings.of(
                URI.create(server.baseUrl()),
                "acme",
                new Credentials(
                    EmulatorConfig.DEV_API_KEY,
                    EmulatorConfig.DEV_API_KEY_ID,
                    EmulatorConfig.DEV_USER_ID),
                "scenario-sync/test"))) {
      RemoteResource old =
          client.listAll(Kinds.PERSONA).stream()
              .filter(r -> r.name().equals("Ana"))
              .findFirst()
              .orElseThrow();
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("role", "caller");
      after.put("background", "A caller.");
      ResourceChange rename =
          new ResourceChange.Rename(
              ResourceKind.PERSONA,
              "Ana Garcia",
              null,
              "Ana",
              old.id(),
              old.updatedAt(),
              null,
              after,
              Map.of("previous_id", old.id()),
              Map.of(),
              Map.of(ids[1], "Test one", ids[2], "Test two"));
      // The new name is taken after the plan: the create fails.
      ui.persona("acme", "Ana Garcia");
      ApplyResult result =
          new Applier(client, 2, line -> {}).apply(new Plan("acme", List.of(rename), 0, List.of()));
      assertThat(result.outcomes()).hasSize(1);
      assertThat(result.outcomes().get(0).status()).isNotEqualTo(Outcome.Status.DONE);
      assertThat(result.outcomes().get(0).steps()).isEmpty();
      assertThat(result.exitCode()).isNotZero();
    }
    assertThat(personaOf(ids[1])).as("not re-pointed").isEqualTo(ids[0]);
    assertThat(personaOf(ids[2])).isEqualTo(ids[0]);
    assertThat(persona("Ana", false)).as("not deleted").isNotNull();
  }
}
