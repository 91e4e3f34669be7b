package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code drift} over personas, unit tests and sets through the CLI against the emulator: a UI edit
 * is made by another user (the emulator restarted on the same state, signing in that user), an
 * unapplied edit in the files by this tool's user.
 */
class DriftKindsEndToEndTest extends TwoUserEmulator {
  static final String SIM = "/v1/acme/simulation/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  static String persona(String name) {
    return """
        kind: persona
        name: %s
        role: caller
        background: A caller.
        """
        .formatted(name);
  }

  static String unitTest(String name, String description) {
    return """
        kind: unit_test
        name: %s
        description: %s
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: P
        scenario: S
        max_interactions: 5
        success_criteria:
          - name: c
            metric_id: cccccccccccccccccccccccc
            criterion: {type: boolean, expected_value: true}
        """
        .formatted(name, description);
  }

  static final String SET =
      """
      kind: unit_test_set
      name: Smoke
      unit_tests:
        - name: T
          run_count: 1
        - name: U
          run_count: 2
      """;

  static final String SCENARIO =
      """
      name: S
      objective: Move an appointment.
      instructions: Ask for Tuesday.
      initial_message_type: user-message
      """;

  String id(RawHttp ui, String collection, String key, String name) {
    for (JsonNode n : ui.get(SIM + collection + "/?is_deleted=false&limit=50").json().get(key)) {
      if (n.get("name").asString().equals(name)) {
        return n.get("id").asString();
      }
    }
    throw new AssertionError("no " + collection + " " + name);
  }

  static int calls(Cli.Result r) {
    Matcher m = Pattern.compile("api: (\\d+) calls").matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** A suite of every kind applied by ci-bot: S, personas P and Gone, unit tests T and U, a set. */
  void appliedSuite() throws Exception {
    start("ci-bot");
    write("suite/s.yaml", SCENARIO);
    write("suite/p.yaml", persona("P") + "---\n" + persona("Gone"));
    write("suite/t.yaml", unitTest("T", "from git") + "---\n" + unitTest("U", "from git"));
    write("suite/set.yaml", SET);
    Cli.Result apply = cli().run("apply", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
  }

  @Test
  void anAppliedSuiteHasNoDrift() throws Exception {
    appliedSuite();
    Cli.Result drift = cli().run("drift", "suite", "--detailed-exitcode");
    assertThat(drift.exit()).as(drift.all()).isZero();
    assertThat(drift.out())
        .isEqualTo(
            "Drift: 0 edited remotely, 0 files not applied, 0 orphans, 0 unmanaged, 6 in sync\n"
                + "No drift. The files and the API agree.\n");
  }

  @Test
  void aUiEditOfAPersonaOrUnitTestIsRemoteDriftAnUnappliedFileIsFileDrift() throws Exception {
    appliedSuite();
    server.close();
    start("ana");
    RawHttp ana = ui("ana");
    String p = id(ana, "persona", "simulation_personas", "P");
    assertThat(
            ana.post(
                    SIM + "persona/" + p + "/version/",
                    """
                    {"background": "Edited in the UI.", "preferred_language": null,
                     "timezone": null, "user_models": [], "nonsensitive_user_variables": {},
                     "sensitive_user_variables": {}}""")
                .status())
        .isEqualTo(201);
    String u = id(ana, "unit_test", "simulation_unit_tests", "U");
    assertThat(
            ana.post(SIM + "unit_test/" + u + "/", "{\"description\": \"edited in the UI\"}")
                .status())
        .isEqualTo(204);
    ana.persona("acme", "Made in the UI");
    start("ci-bot");
    write(
        "suite/t.yaml",
        unitTest("T", "not applied")
            + "---\n"
            + unitTest("U", "from git")
            + "---\n"
            + unitTest("V", "new"));
    write("suite/p.yaml", persona("P"));

    Cli.Result drift = cli().run("drift", "suite", "--detailed-exitcode");
    assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
    assertThat(drift.out())
        .startsWith(
            "Drift: 2 edited remotely, 2 files not applied, 1 orphan, 1 unmanaged, 2 in sync\n")
        .containsPattern(
            "  ! persona 'P': content differs; edited remotely \\(version 2\\) by acme/ana at 20")
        .containsPattern("  ! unit_test 'U': content differs; edited remotely by acme/ana at 20")
        .contains(
            "  ~ unit_test 'T': content differs; the file changed and is not applied yet "
                + " (suite/t.yaml:2)\n")
        .contains("  ~ unit_test 'V': not created yet; the file is not applied\n")
        .contains("Orphans (owned, declared by no file; 'plan --prune' deletes them):\n")
        .contains("  persona 'Gone'\n")
        .contains("Unmanaged (no ownership tag, or another owner's):\n  persona 'Made in the UI'\n")
        .doesNotContain("Smoke")
        .doesNotContain(" S:");

    JsonNode json = JSON.readTree(cli().run("drift", "suite", "--format", "json").out());
    assertThat(json.get("drift").asBoolean()).isTrue();
    assertThat(json.get("scenarios").isEmpty()).isTrue();
    List<String> entries = new ArrayList<>();
    for (JsonNode e : json.get("resources")) {
      entries.add(
          e.get("kind").asString()
              + " "
              + e.get("name").asString()
              + " "
              + e.get("side").asString()
              + " "
              + (e.get("by").isNull() ? "-" : e.get("by").get("user_id").asString())
              + " "
              + e.get("remote_version"));
    }
    assertThat(entries)
        .containsExactly(
            "persona P remote ana 2",
            "unit_test T file - null",
            "unit_test U remote ana null",
            "unit_test V file - null");
    assertThat(json.get("resource_orphans").toString())
        .isEqualTo("[{\"kind\":\"persona\",\"name\":\"Gone\"}]");
    assertThat(json.get("resource_unmanaged").toString())
        .isEqualTo("[{\"kind\":\"persona\",\"name\":\"Made in the UI\"}]");
    assertThat(json.get("summary").get("in_sync").asInt()).isEqualTo(2);
    assertThat(json.get("kinds").toString())
        .isEqualTo("[\"scenario\",\"persona\",\"unit_test\",\"unit_test_set\"]");

    Cli.Result md = cli().run("drift", "suite", "--format", "markdown");
    assertThat(md.out())
        .startsWith("<!-- scenario-sync:drift -->")
        .contains("| persona | side | differs | by | at |\n|---|---|---|---|---|\n| P | edited")
        .contains("| unit test | side | differs | by | at |")
        .contains("| T | file not applied | content |  |  |")
        .doesNotContain("| scenario |");

    // It reads what a full plan reads and no more.
    Cli.Result stats = cli().run("drift", "suite", "--stats");
    Cli.Result planStats = cli().run("plan", "suite", "--stats");
    assertThat(calls(stats)).isLessThanOrEqualTo(calls(planStats));
  }

  @Test
  void aReferenceToNothingEndsDriftWithItsLineAndExit1() throws Exception {
    appliedSuite();
    write(
        "suite/t.yaml",
        unitTest("T", "from git")
            + "---\n"
            + unitTest("U", "from git").replace("scenario: S", "scenario: Nowhere"));
    Cli.Result drift = cli().run("drift", "suite", "--detailed-exitcode");
    assertThat(drift.exit()).as(drift.all()).isEqualTo(1);
    assertThat(drift.err()).contains("suite/t.yaml:").contains("Nowhere");
    assertThat(drift.out()).isEmpty();
  }
}
