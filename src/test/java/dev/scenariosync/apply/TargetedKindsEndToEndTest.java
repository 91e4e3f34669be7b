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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targeted plans over every kind ({@code --changed-since} with real git, {@code --target} and
 * {@code --target KIND/NAME}) through the CLI, in a temporary git repository against the emulator.
 */
class TargetedKindsEndToEndTest {
  static final String SIM = "/v1/acme/simulation/";
  static final JsonMapper JSON = JsonMapper.builder().build();

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

  static String scenario(String name, String instructions) {
    return """
        name: %s
        objective: Get it done.
        instructions: %s
        initial_message_type: user-message
        """
        .formatted(name, instructions);
  }

  static String persona(String name, String background) {
    return """
        kind: persona
        name: %s
        role: customer
        background: %s
        """
        .formatted(name, background);
  }

  static String unitTest(String name, String persona, String scenario, int maxInteractions) {
    return """
        kind: unit_test
        name: %s
        description: The usual path.
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: %s
        scenario: %s
        max_interactions: %d
        success_criteria:
          - name: polite
            metric_id: dddddddddddddddddddddddd
            criterion: {type: boolean, expected_value: true}
        """
        .formatted(name, persona, scenario, maxInteractions);
  }

  static String set(String... tests) {
    StringBuilder sb =
        new StringBuilder(
            """
            kind: unit_test_set
            name: Smoke
            description: Before each release.
            unit_tests:
            """);
    for (String t : tests) {
      sb.append("  - name: ").append(t).append("\n    run_count: 1\n");
    }
    return sb.toString();
  }

  void write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  void git(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@x"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }

  Cli.Result run(String... args) {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme").run(args);
  }

  /** Every change of a JSON plan as "kind name:action", scenarios and the other kinds. */
  static List<String> changed(Cli.Result plan) {
    List<String> out = new ArrayList<>();
    JsonNode root = JSON.readTree(plan.out());
    for (JsonNode c : root.get("changes")) {
      out.add("scenario " + c.get("name").asString() + ":" + c.get("actions").get(0).asString());
    }
    JsonNode resources = root.get("resources");
    if (resources != null) {
      for (JsonNode c : resources) {
        out.add(
            c.get("kind").asString()
                + " "
                + c.get("name").asString()
                + ":"
                + c.get("action").asString());
      }
    }
    return out;
  }

  static int calls(Cli.Result r) {
    Matcher m = Pattern.compile("api: (\\d+) calls").matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  JsonNode list(String kind) {
    String key =
        kind.equals("unit_test_set") ? "simulation_unit_test_sets" : "simulation_" + kind + "s";
    int limit = kind.equals("unit_test_set") ? 20 : 50;
    return ui.get(SIM + kind + "/?is_deleted=false&limit=" + limit).json().get(key);
  }

  JsonNode named(String kind, String name) {
    for (JsonNode n : list(kind)) {
      if (n.get("name").asString().equals(name)) {
        return n;
      }
    }
    return null;
  }

  /**
   * Scenarios A, B (one file) and C; personas P1, P2 (one file); unit tests T1, T2 (one file) and a
   * set: 8 resources, applied and committed.
   */
  void appliedRepository() throws Exception {
    git("init", "-q", "-b", "main");
    write("suite/scenarios.yaml", scenario("A", "one") + "---\n" + scenario("B", "one"));
    write("suite/c.yaml", scenario("C", "one"));
    write("suite/personas.yaml", persona("P1", "one") + "---\n" + persona("P2", "one"));
    write(
        "suite/tests.yaml",
        unitTest("T1", "P1", "A", 10) + "---\n" + unitTest("T2", "P2", "C", 10));
    write("suite/set.yaml", set("T1", "T2"));
    git("add", "-A");
    git("commit", "-q", "-m", "suite");
    Cli.Result apply = run("apply", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("8 done, 0 failed");
  }

  @Test
  void aChangedPersonaAndUnitTestInMultiDocumentFilesArePlannedAndAppliedAlone() throws Exception {
    appliedRepository();
    // One document of each two-document file changes; the UI edits scenario A meanwhile, which
    // no file change touches and the targeted apply must leave alone.
    write("suite/personas.yaml", persona("P1", "two") + "---\n" + persona("P2", "one"));
    write(
        "suite/tests.yaml",
        unitTest("T1", "P1", "A", 10) + "---\n" + unitTest("T2", "P2", "C", 12));
    String a = named("scenario", "A").get("id").asString();
    ui.post(
        SIM + "scenario/" + a + "/version/",
        "{\"objective\": \"UI\", \"instructions\": \"edited\", \"initial_message_type\": \"skip\","
            + " \"conversation_starts_at\": null}");

    Cli.Result plan =
        run("plan", "suite", "--changed-since", "HEAD", "--format", "json", "--stats");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(changed(plan)).containsExactly("persona P1:version", "unit_test T2:update");
    JsonNode root = JSON.readTree(plan.out());
    assertThat(root.get("format_version").asString()).isEqualTo("2");
    JsonNode target = root.get("target");
    assertThat(target.get("basis").asString()).isEqualTo("changed since HEAD");
    assertThat(target.get("names").toString()).isEqualTo("[]");
    assertThat(target.get("kinds").toString())
        .isEqualTo("{\"persona\":[\"P1\"],\"unit_test\":[\"T2\"]}");
    assertThat(target.get("declared").asInt()).isEqualTo(8);
    assertThat(target.get("planned").asInt()).isEqualTo(2);
    // sign-in, the scenario list (no scenario version), the persona list and P1's latest version,
    // the unit test list, the set list
    assertThat(calls(plan)).isEqualTo(6);
    assertThat(plan.err()).doesNotContain("covers scenarios only");

    Cli.Result text = run("plan", "suite", "--changed-since", "HEAD");
    assertThat(text.out())
        .contains("Targeted (changed since HEAD): 2 of 8 resources planned; the rest was not read")
        .doesNotContain("A  ");

    Cli.Result saved = run("plan", "suite", "--changed-since", "HEAD", "--out", "p.json");
    assertThat(saved.exit()).as(saved.all()).isZero();
    assertThat(
            dev.scenariosync.files.ScenarioSchema.load("plan.schema.json")
                .validate(JSON.readTree(Files.readString(dir.resolve("p.json")))))
        .isEmpty();
    assertThat(run("show", "p.json").out()).contains("2 of 8 resources planned");
    Cli.Result apply = run("apply", "--plan", "p.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("2 done, 0 failed");
    assertThat(named("unit_test", "T2").get("max_interactions").asInt()).isEqualTo(12);

    // Everything else is as it was: the full plan finds only the UI edit of A.
    Cli.Result after = run("plan", "suite", "--format", "json");
    assertThat(changed(after)).containsExactly("scenario A:version");
  }

  @Test
  void aTargetedDeleteOfAScenarioAnUntargetedUnitTestUsesIsBlocked() throws Exception {
    appliedRepository();
    // C's file is removed; T2, which uses C, is in an unchanged file; P2 changes, so the target
    // covers personas too and the other kinds are read.
    Files.delete(dir.resolve("suite/c.yaml"));
    write("suite/personas.yaml", persona("P1", "one") + "---\n" + persona("P2", "two"));
    Cli.Result plan =
        run("plan", "suite", "--changed-since", "HEAD", "--prune", "--format", "json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(changed(plan)).containsExactly("scenario C:blocked", "persona P2:version");
    Cli.Result text = run("plan", "suite", "--changed-since", "HEAD", "--prune");
    assertThat(text.out()).contains("delete BLOCKED").contains("T2");
    // Scenarios only (P2 as it was): blocked all the same, by the remote unit test.
    write("suite/personas.yaml", persona("P1", "one") + "---\n" + persona("P2", "one"));
    Cli.Result scenariosOnly =
        run("plan", "suite", "--changed-since", "HEAD", "--prune", "--format", "json");
    assertThat(changed(scenariosOnly)).containsExactly("scenario C:blocked");
    Cli.Result apply =
        run("apply", "suite", "--changed-since", "HEAD", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(named("scenario", "C")).isNotNull();

    // Remove T2 from its file and from the set as well: deleted together, the set updated first;
    // the untargeted P2, owned and declared, is left as it is.
    write("suite/tests.yaml", unitTest("T1", "P1", "A", 10));
    write("suite/set.yaml", set("T1"));
    Cli.Result together =
        run("plan", "suite", "--changed-since", "HEAD", "--prune", "--format", "json");
    assertThat(changed(together))
        .containsExactly("scenario C:delete", "unit_test_set Smoke:update", "unit_test T2:delete");
    Cli.Result done = run("apply", "suite", "--changed-since", "HEAD", "--prune", "--auto-approve");
    assertThat(done.exit()).as(done.all()).isZero();
    assertThat(named("scenario", "C")).isNull();
    assertThat(named("unit_test", "T2")).isNull();
    assertThat(run("plan", "suite", "--prune", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void targetKindSlashNamePlansThatOneResource() throws Exception {
    appliedRepository();
    write("suite/personas.yaml", persona("P1", "two") + "---\n" + persona("P2", "two"));
    write("suite/c.yaml", scenario("C", "two"));
    Cli.Result plan = run("plan", "suite", "--target", "persona/P2", "--format", "json", "--stats");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(changed(plan)).containsExactly("persona P2:version");
    assertThat(calls(plan)).isEqualTo(6);
    Cli.Result text = run("plan", "suite", "--target", "persona/P2", "--target", "C");
    assertThat(text.out())
        .contains("Targeted (--target): 2 of 8 resources planned; the rest was not read");
    Cli.Result apply = run("apply", "suite", "--target", "persona/P2", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    Cli.Result after = run("plan", "suite", "--format", "json");
    assertThat(changed(after)).containsExactly("scenario C:version", "persona P1:version");

    // A plain name covers every kind that declares it; a scenario alone plans as before.
    Cli.Result scenario = run("plan", "suite", "--target", "C", "--format", "json", "--stats");
    assertThat(changed(scenario)).containsExactly("scenario C:version");
    assertThat(JSON.readTree(scenario.out()).get("format_version").asString()).isEqualTo("1");
    assertThat(JSON.readTree(scenario.out()).get("target").has("kinds")).isFalse();
    // sign-in, the scenario list, C's latest version, its unit tests
    assertThat(calls(scenario)).isEqualTo(4);
    Cli.Result line = run("plan", "suite", "--target", "C");
    assertThat(line.out()).contains("Targeted (--target): 1 of 3 scenarios planned");

    // A unit test naming a scenario that is not created yet and is outside the target.
    write("suite/d.yaml", scenario("D", "one"));
    write(
        "suite/tests.yaml",
        unitTest("T1", "P1", "A", 10) + "---\n" + unitTest("T2", "P2", "D", 10));
    Cli.Result outside = run("plan", "suite", "--target", "unit_test/T2");
    assertThat(outside.exit()).as(outside.all()).isEqualTo(1);
    assertThat(outside.err())
        .contains("suite/tests.yaml:")
        .contains(
            "names the scenario 'D', which does not exist remotely yet and is outside the target");
    Cli.Result both =
        run("plan", "suite", "--target", "unit_test/T2", "--target", "D", "--format", "json");
    assertThat(both.exit()).as(both.all()).isZero();
    assertThat(changed(both)).containsExactly("scenario D:create", "unit_test T2:update");
  }

  @Test
  void aTargetedScenarioRenameMakesTheUnitTestsThatNameItFollow() throws Exception {
    appliedRepository();
    // A is renamed to A2 while T1's file still names A: an error at T1's reference, as in a full
    // plan, not a silent re-point of T1 behind its file.
    write(
        "suite/scenarios.yaml",
        "renamed_from: A\n" + scenario("A2", "one") + "---\n" + scenario("B", "one"));
    Cli.Result stale = run("plan", "suite", "--changed-since", "HEAD");
    assertThat(stale.exit()).as(stale.all()).isEqualTo(1);
    assertThat(stale.err())
        .contains("suite/tests.yaml:")
        .contains("unit test 'T1' names the scenario 'A', which scenario 'A2' renames");
    write(
        "suite/tests.yaml",
        unitTest("T1", "P1", "A2", 10) + "---\n" + unitTest("T2", "P2", "C", 10));
    Cli.Result plan = run("plan", "suite", "--changed-since", "HEAD", "--format", "json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(changed(plan))
        .containsExactly("scenario A2:create", "scenario A:delete", "unit_test T1:update");
    Cli.Result apply = run("apply", "suite", "--changed-since", "HEAD", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    String a2 = named("scenario", "A2").get("id").asString();
    assertThat(named("unit_test", "T1").get("scenario_id").asString()).isEqualTo(a2);
    assertThat(run("plan", "suite", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void aTargetedRenameWhoseUntargetedUnitTestStillUsesTheOldOneIsAnErrorNotA400() throws Exception {
    appliedRepository();
    // A is renamed to A2 and T1's file already names A2, but only A2 is targeted: T1 (declared,
    // untargeted) still uses A remotely, so the rename's delete of A could only fail at the API.
    write(
        "suite/scenarios.yaml",
        "renamed_from: A\n" + scenario("A2", "one") + "---\n" + scenario("B", "one"));
    write(
        "suite/tests.yaml",
        unitTest("T1", "P1", "A2", 10) + "---\n" + unitTest("T2", "P2", "C", 10));
    Cli.Result plan = run("plan", "suite", "--target", "A2");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
    assertThat(plan.err()).contains("suite/tests.yaml:").contains("unit_test/T1");
    Cli.Result apply = run("apply", "suite", "--target", "A2", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
    assertThat(named("scenario", "A2")).as("nothing created").isNull();
    // Targeted together, the rename and the unit test that follows it apply.
    Cli.Result both =
        run("apply", "suite", "--target", "A2", "--target", "unit_test/T1", "--auto-approve");
    assertThat(both.exit()).as(both.all()).isZero();
    assertThat(named("scenario", "A")).isNull();
    assertThat(named("unit_test", "T1").get("scenario_id").asString())
        .isEqualTo(named("scenario", "A2").get("id").asString());
  }

  @Test
  void aTamperedTargetBasisInASavedPlanCannotDriveTheTerminalOrTheCiLog() throws Exception {
    appliedRepository();
    write("suite/c.yaml", scenario("C", "two"));
    Cli.Result saved = run("plan", "suite", "--target", "C", "--out", "p.json");
    assertThat(saved.exit()).as(saved.all()).isZero();
    Path p = dir.resolve("p.json");
    tools.jackson.databind.node.ObjectNode root =
        (tools.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(p));
    ((tools.jackson.databind.node.ObjectNode) root.get("target"))
        .put("basis", "x\u001b]0;owned\u0007\n::error::forged\u202e");
    Files.writeString(p, root.toString());
    Cli.Result show = run("show", "p.json");
    assertThat(show.exit()).as(show.all()).isZero();
    assertThat(show.out()).contains("Targeted (").doesNotContain("\u001b").doesNotContain("\u202e");
    assertThat(show.out().lines()).noneMatch(l -> l.stripLeading().startsWith("::"));
  }
}
