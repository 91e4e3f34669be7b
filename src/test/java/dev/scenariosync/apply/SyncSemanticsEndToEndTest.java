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

/** Sync semantics under faults and precision, through the CLI against the emulator. */
class SyncSemanticsEndToEndTest {
  static final String S = "/v1/acme/simulation/scenario/";

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

  Cli cli() {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
  }

  void write(String name, String text) throws IOException {
    Path p = dir.resolve("scenarios").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static String precise(String name) {
    return """
        name: %s
        objective: Move an appointment.
        instructions: Be polite.
        initial_message_type: user-message
        conversation_starts_at: 2026-01-05T10:30:00.1234567Z
        """
        .formatted(name);
  }

  JsonNode scenario(String name) {
    for (JsonNode s :
        ui.get(S + "?is_deleted=false&limit=200").json().get("simulation_scenarios")) {
      if (s.get("name").asString().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no scenario " + name);
  }

  JsonNode latest(String name) {
    return ui.get(S + scenario(name).get("id").asString() + "/version/?version=latest")
        .json()
        .get("simulation_scenario_versions")
        .get(0);
  }

  @Test
  void timesBelowMillisecondsAreWarnedAboutAndConvergeAfterOneApply() throws IOException {
    write("a.yaml", precise("Reschedule"));
    Cli.Result validate = cli().run("validate", "scenarios");
    assertThat(validate.exit()).as(validate.all()).isZero();
    assertThat(validate.all())
        .contains("scenarios/a.yaml:5:")
        .contains("warning")
        .contains("keeps milliseconds")
        .contains("2026-01-05T10:30:00.123Z");

    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    JsonNode v = latest("Reschedule");
    assertThat(v.get("conversation_starts_at").asString()).isEqualTo("2026-01-05T10:30:00.123Z");
    assertThat(v.get("created_at").asString()).matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
    assertThat(scenario("Reschedule").get("updated_at").asString())
        .matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");

    Cli.Result plan = cli().run("plan", "scenarios", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    assertThat(latest("Reschedule").get("version").asInt()).as("no version per apply").isEqualTo(1);
  }

  @Test
  void aLostCreateOfAPreciseTimeIsFoundAsOurs() throws IOException {
    write("a.yaml", precise("Reschedule"));
    server.loseAnswers("create", 1);
    Cli.Result apply = cli().run("apply", "scenarios", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("1 done, 0 failed, 0 conflicts");
    assertThat(cli().run("plan", "scenarios", "--detailed-exitcode").exit()).isZero();
  }

  static String plain(String name) {
    return "name: %s\nobjective: o\ninstructions: i\ninitial_message_type: skip\n".formatted(name);
  }

  @Test
  void deletesAreSkippedWhenACreateOfTheSameApplyDidNotSucceed() throws IOException {
    write("old.yaml", plain("Old name"));
    write("keep.yaml", plain("Keep"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    Files.delete(dir.resolve("scenarios/old.yaml"));
    write("new.yaml", plain("New name"));
    assertThat(cli().run("plan", "scenarios", "--prune", "--out", "plan.json").exit()).isZero();
    ui.post(
        S,
        "{\"name\": \"New name\", \"tags\": {}, \"initial_version\": {\"objective\": \"UI\","
            + " \"instructions\": \"u\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}}");

    Cli.Result apply = cli().run("apply", "--plan", "plan.json", "--prune");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.out())
        .contains("conflict")
        .contains("skipped")
        .contains("not deleted: a create or new version of this apply did not succeed");
    assertThat(scenario("Old name").get("id")).isNotNull();
  }

  @Test
  void aFailedTagChangeHoldsBackTheDeletesAsEveryFailedWriteDoes() throws IOException {
    write("keep.yaml", plain("Keep"));
    write("drop.yaml", plain("Drop"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    Files.delete(dir.resolve("scenarios/drop.yaml"));
    write("keep.yaml", plain("Keep") + "tags: {suite: smoke}\n");
    server.failAnswers("update", 1);

    Cli.Result apply =
        cli().run("apply", "scenarios", "--prune", "--auto-approve", "--max-retries", "0");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(3);
    assertThat(apply.out())
        .containsPattern("failed +Keep +tags")
        .containsPattern(
            "skipped +Drop +delete +not deleted: a create, new version, update or delete of this"
                + " apply did not succeed");
    assertThat(scenario("Drop")).as("not deleted").isNotNull();
  }

  @Test
  void aDeleteThatAUnitTestMadeSinceThePlanBlocksIsAConflict() throws IOException {
    write("keep.yaml", plain("Keep"));
    write("drop.yaml", plain("Drop"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    Files.delete(dir.resolve("scenarios/drop.yaml"));
    assertThat(cli().run("plan", "scenarios", "--prune", "--out", "plan.json").exit()).isZero();
    RawHttp.Reply r =
        ui.post(
            "/v1/acme/simulation/unit_test/",
            """
            {"name": "t", "description": "d", "service_id": "aaaaaaaaaaaaaaaaaaaaaaaa",
             "service_version_set_name": "release", "persona_id": "%s", "scenario_id": "%s",
             "max_interactions": 5, "success_criterions": [{"name": "c", "metric_id": "cccccccccccccccccccccccc",
             "criterion": {"type": "boolean", "expected_value": true}}], "tags": {}}"""
                .formatted(ui.persona("acme", "caller"), scenario("Drop").get("id").asString()));
    assertThat(r.status()).as(r.body()).isEqualTo(201);

    Cli.Result apply = cli().run("apply", "--plan", "plan.json", "--prune");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.out())
        .contains("conflict")
        .contains("used by a unit test made since the plan");
    assertThat(scenario("Drop").get("id")).isNotNull();
  }

  @Test
  void twoRepositoriesWithDifferentOwnersNeverTakeScenariosBackAndForth() throws IOException {
    write("a.yaml", plain("Shared"));
    write("b.yaml", plain("Team A only"));
    assertThat(
            cli()
                .run("apply", "scenarios", "--owner-tag", "managed_by:team_a", "--auto-approve")
                .exit())
        .isZero();
    // repository B declares "Shared" too, with other content
    Path b = dir.resolve("repo-b");
    Files.createDirectories(b);
    Files.writeString(
        b.resolve("s.yaml"), plain("Shared").replace("instructions: i", "instructions: b"));
    Cli teamB = Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");

    Cli.Result plan = teamB.run("plan", "repo-b", "--owner-tag", "managed_by:team_b", "--prune");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("! Shared  foreign v1")
        .contains("owned by managed_by: team_a: apply leaves it alone")
        .contains("1 foreign (left alone)")
        .contains("0 to delete");
    Cli.Result apply =
        teamB.run(
            "apply", "repo-b", "--owner-tag", "managed_by:team_b", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("skipped").contains("owned by managed_by: team_a");
    assertThat(latest("Shared").get("instructions").asString()).isEqualTo("i");
    assertThat(scenario("Shared").get("tags").get("managed_by").asString()).isEqualTo("team_a");
    assertThat(scenario("Team A only").get("id")).as("never pruned by team B").isNotNull();

    Cli.Result planned =
        teamB.run(
            "plan",
            "repo-b",
            "--owner-tag",
            "managed_by:team_b",
            "--take-over",
            "--out",
            "take.json");
    assertThat(planned.exit()).as(planned.all()).isZero();
    String saved = Files.readString(dir.resolve("take.json"));
    assertThat(saved).contains("\"take_over\" : true");
    Files.writeString(
        dir.resolve("forged.json"), saved.replace("\"take_over\" : true", "\"take_over\" : false"));
    Cli.Result forged =
        teamB.run("apply", "--plan", "forged.json", "--owner-tag", "managed_by:team_b");
    assertThat(forged.exit()).as(forged.all()).isEqualTo(4);
    assertThat(forged.err())
        .contains("Shared: actions: adopts a scenario owned by managed_by: team_a")
        .contains("without --take-over");
    assertThat(scenario("Shared").get("tags").get("managed_by").asString()).isEqualTo("team_a");

    Cli.Result take = teamB.run("apply", "--plan", "take.json", "--owner-tag", "managed_by:team_b");
    assertThat(take.exit()).as(take.all()).isZero();
    assertThat(take.out()).contains("adopt");
    assertThat(scenario("Shared").get("tags").get("managed_by").asString()).isEqualTo("team_b");
    assertThat(latest("Shared").get("instructions").asString()).isEqualTo("b");
    Cli.Result back =
        cli().run("plan", "scenarios", "--owner-tag", "managed_by:team_a", "--detailed-exitcode");
    assertThat(back.out()).contains("! Shared  foreign").contains("owned by managed_by: team_b");
  }

  @Test
  void aChangeThatFailsMidwaySaysWhatWasDoneInTextAndJson() throws IOException {
    write("a.yaml", plain("Reschedule"));
    write("b.yaml", plain("Other"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    write(
        "a.yaml",
        plain("Reschedule").replace("instructions: i", "instructions: v2")
            + "tags: {suite: smoke}\n");
    write("b.yaml", plain("Other").replace("instructions: i", "instructions: v2"));
    server.failAnswers("update", 1);

    Cli.Result apply =
        cli().run("apply", "scenarios", "--auto-approve", "--max-retries", "0", "--format", "json");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(3);
    JsonNode result =
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(apply.out());
    assertThat(result.get("exit_code").asInt()).isEqualTo(3);
    JsonNode failed = null;
    for (JsonNode r : result.get("results")) {
      if (r.get("name").asString().equals("Reschedule")) {
        failed = r;
      } else {
        assertThat(r.get("status").asString()).as("the other change went on").isEqualTo("done");
      }
    }
    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("message").asString())
        .startsWith("version 2 created; tag update failed: ")
        .contains("503");
    assertThat(failed.get("steps_done").get(0).asString()).isEqualTo("version 2 created");
    assertThat(latest("Reschedule").get("version").asInt()).isEqualTo(2);
    assertThat(apply.err()).contains("Plan: 0 to create, 2 new versions");

    Cli.Result again = cli().run("apply", "scenarios", "--auto-approve");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("1 done").contains("tags");
  }
}
