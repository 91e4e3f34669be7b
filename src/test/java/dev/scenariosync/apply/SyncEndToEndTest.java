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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** plan and apply through the CLI, against the emulator over real HTTP, on real files. */
class SyncEndToEndTest {
  static final String S = "/v1/acme/simulation/scenario/";

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui; // a person editing in the web UI, meanwhile

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

  static String scenario(String name, String instructions) {
    return """
        name: %s
        tags:
          suite: regression
          owner: null
        objective: Move an appointment.
        instructions: |
          %s
        initial_message_type: user-message
        """
        .formatted(name, instructions);
  }

  /** A unit test that references the named scenario, made in the UI. */
  void addUnitTest(String name, String scenario) {
    ui.unitTest("acme", name, ui.persona("acme", "caller of " + name), idOf(scenario));
  }

  List<String> remoteNames() {
    List<String> out = new ArrayList<>();
    ui.get(S + "?is_deleted=false&limit=200")
        .json()
        .get("simulation_scenarios")
        .forEach(s -> out.add(s.get("name").asString()));
    return out;
  }

  String idOf(String name) {
    for (JsonNode s :
        ui.get(S + "?is_deleted=false&limit=200").json().get("simulation_scenarios")) {
      if (s.get("name").asString().equals(name)) {
        return s.get("id").asString();
      }
    }
    throw new AssertionError("no scenario " + name);
  }

  int latest(String name) {
    return ui.get(S + idOf(name) + "/version/?version=latest")
        .json()
        .get("simulation_scenario_versions")
        .get(0)
        .get("version")
        .asInt();
  }

  @Test
  void applyThenPlanShowsNoChangesAndAnEditMakesOneVersion() throws IOException {
    write("a.yaml", scenario("Reschedule", "Be polite.   "));
    write(
        "b.yaml",
        scenario("Refill", "Ask for the pharmacy.")
            + "conversation_starts_at: 2026-12-01T17:30:00-05:00\n");

    Cli.Result apply = cli().run("apply", "scenarios", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains("Plan: 2 to create")
        .contains("Apply finished: 2 done, 0 failed, 0 conflicts, 0 skipped");

    Cli.Result plan = cli().run("plan", "scenarios", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("0 to create, 0 new versions, 0 tag changes, 0 to delete, 2 unchanged");

    write("a.yaml", scenario("Reschedule", "Be polite.\n  Offer Wednesday first."));
    Cli.Result changed = cli().run("plan", "scenarios", "--detailed-exitcode");
    assertThat(changed.exit()).isEqualTo(2);
    assertThat(changed.out()).contains("1 new version").contains("+  Offer Wednesday first.");

    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    assertThat(latest("Reschedule")).isEqualTo(2);
    assertThat(cli().run("plan", "scenarios", "--detailed-exitcode").exit()).isZero();
    JsonNode tags =
        ui.get(S + "?id=" + idOf("Reschedule"))
            .json()
            .get("simulation_scenarios")
            .get(0)
            .get("tags");
    assertThat(tags.size()).isEqualTo(3);
    assertThat(tags.get("suite").asString()).isEqualTo("regression");
    assertThat(tags.get("owner").isNull()).isTrue();
    assertThat(tags.get("managed_by").asString()).isEqualTo("scenario_sync");
  }

  @Test
  void aStartTimeIsShownAsTheFileSpellsItAndComparedAndSentAsAnInstant() throws IOException {
    String at = "conversation_starts_at: 2026-12-01T17:30:00-05:00\n";
    write("b.yaml", scenario("Refill", "Ask for the pharmacy.") + at);
    Cli.Result create = cli().run("plan", "scenarios");
    assertThat(create.out())
        .contains("+conversation_starts_at: 2026-12-01T17:30:00-05:00  # 2026-12-01T22:30:00Z");
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    assertThat(cli().run("plan", "scenarios", "--detailed-exitcode").exit()).isZero();

    // Another field changes: the same instant is one unchanged line, spelled as in the file.
    write("b.yaml", scenario("Refill", "Ask for the pharmacy first.") + at);
    String context = " conversation_starts_at: 2026-12-01T17:30:00-05:00  # 2026-12-01T22:30:00Z";
    Cli.Result plan = cli().run("plan", "scenarios", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out()).contains(context).doesNotContain("-conversation_starts_at");
    Cli.Result show = cli().run("show", "plan.json");
    assertThat(show.out()).as(show.all()).contains(context);
    assertThat(cli().run("show", "plan.json", "--format", "markdown").out()).contains(context);
    assertThat(cli().run("apply", "--plan", "plan.json").exit()).isZero();
    JsonNode latest =
        ui.get(S + idOf("Refill") + "/version/?version=latest")
            .json()
            .get("simulation_scenario_versions")
            .get(0);
    assertThat(latest.get("conversation_starts_at").asString()).startsWith("2026-12-01T22:30:00");

    // A new time: the remote's as the server returns it, the file's as written.
    write("b.yaml", scenario("Refill", "Ask for the pharmacy first.") + at.replace("17:", "18:"));
    assertThat(cli().run("plan", "scenarios").out())
        .contains("-conversation_starts_at: 2026-12-01T22:30:00Z")
        .contains("+conversation_starts_at: 2026-12-01T18:30:00-05:00  # 2026-12-01T23:30:00Z");
  }

  @Test
  void aRemoteEditBetweenPlanAndApplyIsAConflictAndStaysIntact() throws IOException {
    write("a.yaml", scenario("Reschedule", "v1"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    write("a.yaml", scenario("Reschedule", "v2 from the file"));
    Cli.Result plan = cli().run("plan", "scenarios", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.err()).contains("apply --plan plan.json");

    // Someone edits the scenario in the UI after the plan was reviewed.
    String id = idOf("Reschedule");
    ui.post(
        S + id + "/version/",
        "{\"objective\": \"UI\", \"instructions\": \"edited in the UI\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}");

    Cli.Result apply = cli().run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(4);
    assertThat(apply.out()).contains("conflict").contains("nothing was overwritten");
    JsonNode latest =
        ui.get(S + id + "/version/?version=latest")
            .json()
            .get("simulation_scenario_versions")
            .get(0);
    assertThat(latest.get("instructions").asString()).isEqualTo("edited in the UI");
    assertThat(latest.get("version").asInt()).isEqualTo(2);
  }

  @Test
  void aSavedPlanIsAppliedExactlyAndRefusedWhenStale() throws IOException {
    write("a.yaml", scenario("Reschedule", "v1"));
    assertThat(cli().run("plan", "scenarios", "--out", "out/plan.json").exit()).isZero();
    Cli.Result applied = cli().run("apply", "--plan", "out/plan.json", "--auto-approve");
    assertThat(applied.exit()).as(applied.all()).isZero();
    assertThat(remoteNames()).containsExactly("Reschedule");

    write("a.yaml", scenario("Reschedule", "v2"));
    assertThat(cli().run("plan", "scenarios", "--out", "out/plan2.json").exit()).isZero();
    write("a.yaml", scenario("Reschedule", "edited after the plan"));
    Cli.Result stale = cli().run("apply", "--plan", "out/plan2.json");
    assertThat(stale.exit()).isEqualTo(4);
    assertThat(stale.err())
        .contains("stale")
        .contains("Reschedule: its document in scenarios/a.yaml changed");
    assertThat(latest("Reschedule")).isEqualTo(1);
  }

  @Test
  void twoPullRequestsOnDifferentScenariosBothApplyTheirReviewedPlansInEitherOrder()
      throws IOException {
    write("a.yaml", scenario("Alpha", "a1"));
    write("b.yaml", scenario("Beta", "b1"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    // pull request 1 edits Alpha, pull request 2 edits Beta, each planned on the same base
    write("a.yaml", scenario("Alpha", "a2"));
    assertThat(cli().run("plan", "scenarios", "--out", "pr1.json").exit()).isZero();
    write("a.yaml", scenario("Alpha", "a1"));
    write("b.yaml", scenario("Beta", "b2"));
    assertThat(cli().run("plan", "scenarios", "--out", "pr2.json").exit()).isZero();
    // pull request 3 edits Alpha too, differently
    write("b.yaml", scenario("Beta", "b1"));
    write("a.yaml", scenario("Alpha", "a3"));
    assertThat(cli().run("plan", "scenarios", "--out", "pr3.json").exit()).isZero();

    // both merge, pull request 2 first
    write("a.yaml", scenario("Alpha", "a2"));
    write("b.yaml", scenario("Beta", "b2"));
    Cli.Result second = cli().run("apply", "--plan", "pr2.json");
    assertThat(second.exit()).as(second.all()).isZero();
    assertThat(second.err())
        .contains("1 scenario document changed since the plan but is not in it");
    Cli.Result first = cli().run("apply", "--plan", "pr1.json");
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(latest("Alpha")).isEqualTo(2);
    assertThat(latest("Beta")).isEqualTo(2);

    Cli.Result same = cli().run("apply", "--plan", "pr3.json");
    assertThat(same.exit()).as(same.all()).isEqualTo(4);
    assertThat(same.err()).contains("stale").contains("Alpha: its document in scenarios/a.yaml");
    assertThat(latest("Alpha")).isEqualTo(2);
  }

  @Test
  void aPlanRefusedByTheDeleteGuardsIsRefusedAgainAtApplyAndByShow() throws IOException {
    for (int i = 0; i < 7; i++) {
      write("s" + i + ".yaml", scenario("S" + i, "t"));
    }
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    for (int i = 1; i < 7; i++) {
      Files.delete(dir.resolve("scenarios/s" + i + ".yaml"));
    }
    Cli.Result plan = cli().run("plan", "scenarios", "--prune", "--format", "json");
    assertThat(plan.exit()).isEqualTo(1);
    Files.writeString(dir.resolve("plan.json"), plan.out());

    Cli.Result withoutPrune = cli().run("apply", "--plan", "plan.json");
    assertThat(withoutPrune.exit()).as(withoutPrune.all()).isEqualTo(1);
    assertThat(withoutPrune.err())
        .contains("the saved plan deletes 6 scenarios; pass --prune to apply --plan");
    Cli.Result apply = cli().run("apply", "--plan", "plan.json", "--prune");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
    assertThat(apply.err()).contains("more than --max-deletes 5");
    assertThat(remoteNames()).hasSize(7);
    Cli.Result show = cli().run("show", "plan.json");
    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("refused").contains("more than --max-deletes 5");
  }

  @Test
  void showPrintsASavedPlanInEachFormOfflineAndNotesWhenItIsStale() throws IOException {
    write("a.yaml", scenario("Reschedule", "v1"));
    Cli.Result text = cli().run("plan", "scenarios", "--out", "plan.json");
    Cli.Result markdown = cli().run("plan", "scenarios", "--format", "markdown");
    assertThat(text.exit()).isZero();
    int before = server.requests().size();

    Cli.Result shown = cli().run("show", "plan.json");
    assertThat(shown.exit()).as(shown.all()).isZero();
    assertThat(shown.out()).isEqualTo(text.out()).contains("+ Reschedule");
    assertThat(shown.err()).isEmpty();
    assertThat(cli().run("show", "plan.json", "--format", "markdown").out())
        .isEqualTo(markdown.out());
    assertThat(cli().run("show", "plan.json", "--format", "json").out())
        .isEqualTo(Files.readString(dir.resolve("plan.json")));
    assertThat(server.requests()).as("show is offline").hasSize(before);

    write("a.yaml", scenario("Reschedule", "edited after the plan"));
    Cli.Result stale = cli().run("show", "plan.json");
    assertThat(stale.exit()).isZero();
    assertThat(stale.out()).isEqualTo(text.out());
    assertThat(stale.err()).contains("scenarios/a.yaml changed").contains("stale");

    Files.writeString(dir.resolve("broken.json"), "{\"format_version\": \"9\"}");
    Cli.Result broken = cli().run("show", "broken.json");
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.err()).contains("broken.json").doesNotContain("Exception");
    assertThat(cli().run("show", "missing.json").err())
        .contains("cannot read the plan missing.json");
  }

  @Test
  void pruneDeletesOnlyOwnedScenariosAndGuardsHold() throws IOException {
    write("a.yaml", scenario("Keep", "k"));
    write("b.yaml", scenario("Drop", "d"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    ui.post(
        S,
        "{\"name\": \"Made in the UI\", \"tags\": {}, \"initial_version\": {\"objective\": \"o\", \"instructions\": \"i\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}}");
    Files.delete(dir.resolve("scenarios/b.yaml"));

    Cli.Result withoutPrune = cli().run("plan", "scenarios");
    assertThat(withoutPrune.out())
        .contains("0 to delete")
        .contains("In the remote but in no file (kept; --prune deletes them): 1\n    Drop\n")
        .doesNotContain("Made in the UI");
    assertThat(cli().run("plan", "scenarios", "--format", "markdown").out())
        .contains(
            "<details open><summary>📌 1 in the remote but in no file (kept; <code>--prune</code>"
                + " deletes them)</summary>\n\n- <b>Drop</b>\n");

    Cli.Result prune = cli().run("apply", "scenarios", "--prune", "--auto-approve");
    assertThat(prune.exit()).as(prune.all()).isZero();
    assertThat(prune.out())
        .as("a delete shows what it deletes, not only its tags")
        .contains("- Drop  DELETE v1")
        .contains("latest version 1 was made by")
        .contains("-objective: ");
    assertThat(remoteNames()).containsExactlyInAnyOrder("Keep", "Made in the UI");

    Cli.Result unowned = cli().run("plan", "scenarios", "--prune", "--no-ownership");
    assertThat(unowned.out())
        .as("without ownership every scenario is managed")
        .contains("- Made in the UI  DELETE");

    Files.delete(dir.resolve("scenarios/a.yaml"));
    write("c.yaml", "# nothing\n");
    Cli.Result all = cli().run("apply", "scenarios", "--prune", "--auto-approve");
    assertThat(all.exit()).isEqualTo(1);
    assertThat(all.err()).contains("deletes every owned scenario").contains("--allow-delete-all");
    assertThat(remoteNames()).contains("Keep");

    Cli.Result tooMany =
        cli()
            .run(
                "plan",
                "scenarios",
                "--prune",
                "--no-ownership",
                "--max-deletes",
                "1",
                "--allow-delete-all");
    assertThat(tooMany.exit()).isEqualTo(1);
    assertThat(tooMany.err()).contains("more than --max-deletes 1");

    // A refused plan still writes its comment, refusals first, before the non-zero exit: CI posts
    // it, so the previous plan does not stay up looking current.
    Cli.Result refusedComment =
        cli()
            .run(
                "plan",
                "scenarios",
                "--prune",
                "--no-ownership",
                "--max-deletes",
                "1",
                "--allow-delete-all",
                "--format",
                "markdown",
                "--commit",
                "0123456789abcdef0123456789abcdef01234567");
    assertThat(refusedComment.exit()).isEqualTo(1);
    assertThat(refusedComment.out())
        .startsWith("<!-- scenario-sync:plan -->")
        .contains("at <code>0123456789ab</code>")
        .contains("**Refused:** the plan deletes 2 scenarios, more than --max-deletes 1")
        .contains("Merging applies nothing until the refusal is resolved.");
    assertThat(refusedComment.out().indexOf("Refused"))
        .isLessThan(refusedComment.out().indexOf("| create |"));
  }

  @Test
  void aDeleteBlockedByAUnitTestIsListedAndSkipped() throws IOException {
    write("a.yaml", scenario("Keep", "k"));
    write("b.yaml", scenario("Used", "u"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    addUnitTest("refund regression", "Used");
    Files.delete(dir.resolve("scenarios/b.yaml"));

    Cli.Result apply = cli().run("apply", "scenarios", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains("! Used  delete BLOCKED")
        .contains("refund regression")
        .contains("skipped");
    assertThat(remoteNames()).containsExactlyInAnyOrder("Keep", "Used");
  }

  @Test
  void aNewVersionListsTheUnitTestsThatWillRunIt() throws IOException {
    write("a.yaml", scenario("Used", "v1"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    addUnitTest("happy path", "Used");
    write("a.yaml", scenario("Used", "v2"));
    Cli.Result plan = cli().run("plan", "scenarios", "--format", "json");
    assertThat(plan.out()).contains("\"unit_tests\" : [ {").contains("\"name\" : \"happy path\"");
  }

  @Test
  void anUnownedRemoteScenarioIsAdopted() throws IOException {
    ui.post(
        S,
        "{\"name\": \"Legacy\", \"tags\": {\"suite\": \"regression\", \"owner\": null}, \"initial_version\": {\"objective\": \"Move an appointment.\", \"instructions\": \"l\", \"initial_message_type\": \"user-message\", \"conversation_starts_at\": null}}");
    write("a.yaml", scenario("Legacy", "l"));
    Cli.Result plan = cli().run("plan", "scenarios", "--format", "markdown");
    assertThat(plan.out())
        .contains("<!-- scenario-sync:plan -->")
        .contains("adopt (adds the ownership tag)");
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    assertThat(latest("Legacy")).as("adoption is a tag change, not a version").isEqualTo(1);
    assertThat(cli().run("plan", "scenarios", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void badInputMakesNoApiCall() throws IOException {
    write("a.yaml", "name: 123\nobjective: o\n");
    int before = server.requests().size();
    Cli.Result r = cli().run("apply", "scenarios", "--auto-approve");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("scenarios/a.yaml:1:7: error:")
        .contains("nothing was sent to the API")
        .doesNotContain("Exception");
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void missingSettingsNameWhatIsMissingAndSuggestLocal() throws IOException {
    write("a.yaml", scenario("A", "a"));
    Cli.Result r = new Cli(dir).env("AMIGO_ORGANIZATION_ID", "acme").run("plan", "scenarios");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("AMIGO_API_KEY")
        .contains("AMIGO_USER_ID")
        .contains("--local")
        .doesNotContain("AMIGO_ORGANIZATION_ID)");
  }

  @Test
  void plainHttpToARemoteHostIsRefusedBeforeConnecting() throws IOException {
    write("a.yaml", scenario("A", "a"));
    Cli.Result r = cli().run("plan", "scenarios", "--base-url", "http://api.example.com");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("refusing plain http://").contains("--allow-insecure-http");
  }

  @Test
  void atATerminalApplyAsksAndOnlyYesGoesOn() throws IOException {
    write("a.yaml", scenario("A", "a"));
    Cli.Result no = cli().atTerminal("y\n").run("apply", "scenarios");
    assertThat(no.exit()).isEqualTo(1);
    assertThat(no.err()).contains("Only 'yes' is accepted").contains("cancelled");
    assertThat(no.err())
        .as("the summary again, just above the question, as Terraform does")
        .contains(
            "\nPlan: 1 to create, 0 new versions, 0 tag changes, 0 to delete, 0 unchanged\n"
                + "Apply these changes to organization 'acme'?");
    assertThat(remoteNames()).isEmpty();
    Cli.Result yes = cli().atTerminal("yes\n").run("apply", "scenarios");
    assertThat(yes.exit()).as(yes.all()).isZero();
    assertThat(remoteNames()).containsExactly("A");
  }

  @Test
  void applyWithoutATerminalNeedsAutoApprove() throws IOException {
    write("a.yaml", scenario("A", "a"));
    Cli.Result r = cli().run("apply", "scenarios");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("--auto-approve");
    assertThat(remoteNames()).isEmpty();
  }

  @Test
  void faultsThenARerunConvergeWithoutDuplicates() throws Exception {
    server.close();
    server =
        EmulatorServer.start(
            EmulatorConfig.defaults().withOrganizations(List.of("acme")).withFaults(0.2, 5, 0));
    ui = null;
    for (int i = 0; i < 30; i++) {
      write("s" + i + ".yaml", scenario("Scenario " + i, "text " + i));
    }
    int runs = 0;
    int exit;
    do {
      exit = cli().run("apply", "scenarios", "--auto-approve", "--max-retries", "10").exit();
      runs++;
    } while (exit != 0 && runs < 5);
    assertThat(exit).isZero();
    assertThat(runs).isLessThanOrEqualTo(3);
    Cli.Result check = cli().run("plan", "scenarios", "--detailed-exitcode", "--max-retries", "10");
    assertThat(check.exit()).as(check.all()).isZero();
    long creates =
        server.requests().stream()
            .filter(
                r ->
                    r.method().equals("POST")
                        && r.path().equals(S)
                        && (r.status() == 201 || r.status() == -1))
            .count();
    assertThat(creates).as("each scenario created exactly once").isEqualTo(30);
  }
}
