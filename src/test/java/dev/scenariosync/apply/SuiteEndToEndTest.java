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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole simulation suite (scenarios, personas, unit tests, a set) through the CLI, against the
 * emulator over real HTTP, on real files; every request the tool sends is checked against
 * openapi-simulation.json.
 */
class SuiteEndToEndTest {
  static final String SIM = "/v1/acme/simulation/";
  static final String SECRET_ONE = "tok-7f3a9c-first-secret";
  static final String SECRET_TWO = "tok-2b8e1d-second-secret";

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;
  String secret = SECRET_ONE;
  final List<String> outputs = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    ui = RawHttp.dev(server, "acme");
    write("scenarios/reschedule.yaml", scenario("Reschedule appointment"));
    write("scenarios/billing.yaml", scenario("Dispute a duplicate charge"));
    write(
        "suite/personas.yaml",
        """
        kind: persona
        name: Anxious patient
        role: patient
        tags:
          suite: smoke
        background: |
          Sixty years old, worried about a test result.
        preferred_language: eng
        timezone: Europe/Paris
        user_models: [careful]
        nonsensitive_user_variables:
          plan: gold
        sensitive_user_variables:
          portal_token: ${env:PATIENT_TOKEN}
        ---
        kind: persona
        name: Busy parent
        role: customer
        background: Two children, little time.
        """);
    write(
        "suite/tests.yaml",
        unitTest("Reschedule happy path", "Anxious patient", "Reschedule appointment")
            + "---\n"
            + unitTest("Billing dispute", "Busy parent", "Dispute a duplicate charge"));
    write(
        "suite/set.yaml",
        """
        kind: unit_test_set
        name: Smoke
        description: Before each release.
        unit_tests:
          - name: Reschedule happy path
            run_count: 2
          - name: Billing dispute
            run_count: 1
        """);
  }

  @AfterEach
  void stop() {
    try {
      // Every request the tool sent: a path of the spec, query parameters as it declares them.
      for (EmulatorServer.Logged r : server.requests()) {
        assertThat(ApiSpec.template(r.method(), r.path()))
            .as(r.method() + " " + r.path())
            .isNotNull();
        ApiSpec.checkRequest(
            r.method(),
            URI.create(
                r.path() + (r.query() == null || r.query().isEmpty() ? "" : "?" + r.query())),
            null);
      }
      // No secret in anything the tool wrote or printed.
      for (String o : outputs) {
        assertThat(o).doesNotContain(SECRET_ONE).doesNotContain(SECRET_TWO);
      }
    } finally {
      server.close();
    }
  }

  static String scenario(String name) {
    return """
        name: %s
        objective: Get it done.
        instructions: Be polite.
        initial_message_type: user-message
        """
        .formatted(name);
  }

  static String unitTest(String name, String persona, String scenario) {
    return """
        kind: unit_test
        name: %s
        description: The usual path.
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: %s
        scenario: %s
        max_interactions: 10
        success_criteria:
          - name: resolved
            metric_id: cccccccccccccccccccccccc
            criterion:
              type: numerical
              verb: ">="
              threshold: 0.8
          - name: polite
            metric_id: dddddddddddddddddddddddd
            criterion: {type: boolean, expected_value: true}
        """
        .formatted(name, persona, scenario);
  }

  void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  Cli.Result run(String... args) {
    Cli.Result r =
        Cli.against(dir, server)
            .env("AMIGO_ORGANIZATION_ID", "acme")
            .env("PATIENT_TOKEN", secret)
            .env("PERSONA_ANXIOUS_PATIENT_PORTAL_TOKEN", secret)
            .run(args);
    outputs.add(r.out());
    outputs.add(r.err());
    return r;
  }

  JsonNode list(String kind) {
    String key =
        kind.equals("unit_test_set") ? "simulation_unit_test_sets" : "simulation_" + kind + "s";
    int limit = kind.equals("unit_test_set") ? 20 : 50;
    return ui.get(SIM + kind + "/?is_deleted=false&limit=" + limit).json().get(key);
  }

  String idOf(String kind, String name) {
    for (JsonNode n : list(kind)) {
      if (n.get("name").asString().equals(name)) {
        return n.get("id").asString();
      }
    }
    return null;
  }

  JsonNode unitTestNamed(String name) {
    for (JsonNode n : list("unit_test")) {
      if (n.get("name").asString().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no unit test " + name);
  }

  int firstIndex(String method, String path) {
    List<EmulatorServer.Logged> log = server.requests();
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).method().equals(method) && log.get(i).path().equals(path)) {
        return i;
      }
    }
    return -1;
  }

  int lastIndex(String method, String prefix) {
    List<EmulatorServer.Logged> log = server.requests();
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).method().equals(method) && log.get(i).path().startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  void applyAll() {
    Cli.Result apply = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
  }

  @Test
  void aSavedPlanOfAPersonaAppliesWhenTheConfigurationIgnoresATagAKeyOtherWritersSet()
      throws IOException {
    assertThat(run("apply", "scenarios", "suite", "--auto-approve").exit()).isZero();
    write("scenario-sync.yaml", "ignore_tag_keys: [reviewed_by]\n");
    String persona = idOf("persona", "Anxious patient");
    RawHttp.Reply tagged =
        ui.post(
            SIM + "persona/" + persona + "/",
            "{\"tags\": {\"suite\": \"smoke\", \"managed_by\": \"scenario_sync\","
                + " \"reviewed_by\": \"ana\"}}");
    assertThat(tagged.status()).as(tagged.body()).isEqualTo(204);
    Path file = dir.resolve("suite/personas.yaml");
    Files.writeString(
        file,
        Files.readString(file).replace("worried about a test result", "worried about a bill"));
    Cli.Result plan = run("plan", "scenarios", "suite", "--out", "p.json");
    assertThat(plan.exit()).as(plan.all()).isZero();

    Cli.Result apply = run("apply", "--plan", "p.json");

    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(
            ui.get(SIM + "persona/?id=" + persona)
                .json()
                .get("simulation_personas")
                .get(0)
                .get("tags")
                .get("reviewed_by")
                .asString())
        .isEqualTo("ana");
  }

  @Test
  void aWholeSuiteIsCreatedInOneApplyInDependencyOrderThenPlansAsUnchanged() {
    Cli.Result apply = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out())
        .contains("Plan: 7 to create")
        .contains("Personas:")
        .contains("Unit tests:");
    assertThat(apply.out())
        .contains("+sensitive_user_variables:")
        .contains("+  portal_token: (sensitive)");
    String personas = apply.out().substring(apply.out().indexOf("Personas:"));
    assertThat(personas.substring(0, personas.indexOf("Apply finished")))
        .as("the ownership tag is on every managed resource: shown only when it changes")
        .doesNotContain("managed_by");
    assertThat(apply.out())
        .contains("Apply finished: 7 done, 0 failed, 0 conflicts, 0 skipped")
        .containsPattern("done +unit_test_set Smoke +create")
        .containsPattern("done +persona Anxious patient +create");

    int lastPersona = lastIndex("POST", SIM + "persona/");
    int lastScenario = lastIndex("POST", SIM + "scenario/");
    int firstTest = firstIndex("POST", SIM + "unit_test/");
    int lastTest = lastIndex("POST", SIM + "unit_test/");
    int firstSet = firstIndex("POST", SIM + "unit_test_set/");
    assertThat(firstTest).isGreaterThan(lastPersona).isGreaterThan(lastScenario);
    assertThat(firstSet).isGreaterThan(lastTest);

    JsonNode test = unitTestNamed("Reschedule happy path");
    assertThat(test.get("scenario_id").asString())
        .isEqualTo(idOf("scenario", "Reschedule appointment"));
    assertThat(test.get("persona_id").asString()).isEqualTo(idOf("persona", "Anxious patient"));
    JsonNode set = list("unit_test_set").get(0);
    assertThat(set.get("unit_test_runs").get(0).get("unit_test_id").asString())
        .isEqualTo(test.get("id").asString());
    assertThat(set.get("unit_test_runs").get(0).get("run_count").asInt()).isEqualTo(2);

    Cli.Result again = run("plan", "scenarios", "suite", "--detailed-exitcode");
    assertThat(again.exit()).as(again.all()).isZero();
    assertThat(again.out()).contains("7 unchanged").contains("No changes.");
  }

  @Test
  void pullWritesEveryKindWithNamesAndPlaceholdersAndThenPlansAsUnchanged() throws IOException {
    applyAll();
    Cli.Result pull = run("pull", "pulled");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(pull.out())
        .contains("Pulled 2 personas")
        .contains("Pulled 2 unit tests")
        .contains("Pulled 1 unit test set")
        .contains("Pulled 2 scenarios");
    try (Stream<Path> files = walk(dir.resolve("pulled"))) {
      for (Path f : files.toList()) {
        outputs.add(Files.readString(f));
      }
    }
    String persona = Files.readString(dir.resolve("pulled/personas/anxious-patient.yaml"));
    assertThat(persona)
        .contains("kind: persona")
        .contains("portal_token: ${env:PERSONA_ANXIOUS_PATIENT_PORTAL_TOKEN}");
    String test = Files.readString(dir.resolve("pulled/unit_tests/reschedule-happy-path.yaml"));
    assertThat(test)
        .contains("scenario: Reschedule appointment")
        .contains("persona: Anxious patient");
    Cli.Result plan = run("plan", "pulled", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out()).contains("7 unchanged");
    // pulled again: every file unchanged
    Cli.Result again = run("pull", "pulled", "--kind", "persona,unit_test,unit_test_set");
    assertThat(again.out())
        .contains("Pulled 2 personas into pulled: 0 written, 2 unchanged, 0 skipped")
        .contains("Pulled 2 unit tests into pulled: 0 written, 2 unchanged, 0 skipped")
        .contains("Pulled 1 unit test set into pulled: 0 written, 1 unchanged, 0 skipped");
  }

  @Test
  void aUnitTestIsRePointedToAnotherScenarioByEditingItsFile() throws IOException {
    applyAll();
    String before = unitTestNamed("Reschedule happy path").get("updated_at").asString();
    write(
        "suite/tests.yaml",
        unitTest("Reschedule happy path", "Anxious patient", "Dispute a duplicate charge")
            + "---\n"
            + unitTest("Billing dispute", "Busy parent", "Dispute a duplicate charge"));
    Cli.Result plan = run("plan", "scenarios", "suite", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains("~ Reschedule happy path  update · scenario  (suite/tests.yaml:2)")
        .contains("-scenario: Reschedule appointment")
        .contains("+scenario: Dispute a duplicate charge");
    applyAll();
    JsonNode test = unitTestNamed("Reschedule happy path");
    assertThat(test.get("scenario_id").asString())
        .isEqualTo(idOf("scenario", "Dispute a duplicate charge"));
    assertThat(test.get("updated_at").asString()).isNotEqualTo(before);
    assertThat(run("plan", "scenarios", "suite", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void aScenarioAndTheUnitTestsThatUseItAreDeletedTogetherWithPrune() throws IOException {
    applyAll();
    Files.delete(dir.resolve("scenarios/billing.yaml"));
    write(
        "suite/tests.yaml",
        unitTest("Reschedule happy path", "Anxious patient", "Reschedule appointment"));
    write(
        "suite/set.yaml",
        """
        kind: unit_test_set
        name: Smoke
        description: Before each release.
        unit_tests:
          - name: Reschedule happy path
            run_count: 2
        """);
    Cli.Result plan = run("plan", "scenarios", "suite", "--prune", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains("- Dispute a duplicate charge  DELETE")
        .contains("Unit tests:")
        .contains("- Billing dispute  DELETE")
        .contains("Unit test sets:")
        .contains("~ Smoke  update · unit_tests")
        .contains("-  - name: Billing dispute\n    -    run_count: 1")
        .doesNotContainIgnoringCase("blocked");
    Cli.Result apply = run("apply", "scenarios", "suite", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(idOf("scenario", "Dispute a duplicate charge")).isNull();
    assertThat(idOf("unit_test", "Billing dispute")).isNull();
    // the set changed before the unit test was deleted, the unit test before the scenario
    assertThat(lastIndex("POST", SIM + "unit_test_set/"))
        .isLessThan(lastIndex("DELETE", SIM + "unit_test/"));
    assertThat(lastIndex("DELETE", SIM + "unit_test/"))
        .isLessThan(lastIndex("DELETE", SIM + "scenario/"));
    assertThat(run("plan", "scenarios", "suite", "--prune", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void aDeleteStillUsedByAKeptUnitTestIsBlockedAtPlanTimeNamingIt() throws IOException {
    applyAll();
    Files.delete(dir.resolve("scenarios/billing.yaml"));
    Cli.Result plan = run("plan", "scenarios", "suite", "--prune");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("! Dispute a duplicate charge  delete BLOCKED")
        .contains("Billing dispute")
        .contains("1 blocked");
    Cli.Result apply = run("apply", "scenarios", "suite", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(idOf("scenario", "Dispute a duplicate charge")).isNotNull();
    assertThat(server.requests().stream().filter(r -> r.method().equals("DELETE"))).isEmpty();
  }

  @Test
  void aUnitTestNamingAnUnknownScenarioIsAPlanErrorAtItsLine() throws IOException {
    write(
        "suite/tests.yaml",
        unitTest("Reschedule happy path", "Anxious patient", "No such scenario"));
    write(
        "suite/set.yaml",
        """
        kind: unit_test_set
        name: Smoke
        unit_tests:
          - name: Reschedule happy path
            run_count: 1
        """);
    Cli.Result plan = run("plan", "scenarios", "suite");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
    assertThat(plan.err())
        .contains("suite/tests.yaml:7:11: error:")
        .contains("names the scenario 'No such scenario', which no file declares");
    assertThat(
            server.requests().stream()
                .filter(
                    r -> !r.method().equals("GET") && !r.path().endsWith("signin_with_api_key")))
        .isEmpty();
  }

  @Test
  void aSensitiveValueChangedInTheEnvironmentIsAChangeThatNeverShowsTheValue() throws IOException {
    applyAll();
    JsonNode version =
        ui.get(SIM + "persona/" + idOf("persona", "Anxious patient") + "/version/?version=latest")
            .json()
            .get("simulation_persona_versions")
            .get(0);
    assertThat(version.get("sensitive_user_variables").get("portal_token").asString())
        .isEqualTo(SECRET_ONE);

    secret = SECRET_TWO;
    Cli.Result plan = run("plan", "scenarios", "suite", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out())
        .contains("~ Anxious patient  update v1 → v2 · sensitive_user_variables")
        .contains("-  portal_token: (sensitive)")
        .contains("+  portal_token: (sensitive, changed)");
    outputs.add(run("plan", "scenarios", "suite", "--format", "markdown").out());
    Cli.Result json = run("plan", "scenarios", "suite", "--format", "json", "--out", "plan.json");
    assertThat(json.exit()).as(json.all()).isIn(0, 2);
    String saved = Files.readString(dir.resolve("plan.json"));
    outputs.add(saved);
    assertThat(saved).contains("\"format_version\" : \"2\"").contains("\"sensitive\" : \"sha256:");

    Cli.Result apply = run("apply", "scenarios", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    JsonNode v2 =
        ui.get(SIM + "persona/" + idOf("persona", "Anxious patient") + "/version/?version=latest")
            .json()
            .get("simulation_persona_versions")
            .get(0);
    assertThat(v2.get("version").asInt()).isEqualTo(2);
    assertThat(v2.get("sensitive_user_variables").get("portal_token").asString())
        .isEqualTo(SECRET_TWO);
    assertThat(run("plan", "scenarios", "suite", "--detailed-exitcode").exit()).isZero();
  }

  @Test
  void aSavedPlanOfTheSuiteAppliesAndIsRefusedAsStaleWhenASensitiveValueChanged()
      throws IOException {
    Cli.Result plan = run("plan", "scenarios", "suite", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    String saved = Files.readString(dir.resolve("plan.json"));
    outputs.add(saved);
    assertThat(
            dev.scenariosync.files.ScenarioSchema.load("plan.schema.json")
                .validate(tools.jackson.databind.json.JsonMapper.builder().build().readTree(saved)))
        .isEmpty();
    Cli.Result show = run("show", "plan.json");
    assertThat(show.out())
        .contains("Personas, unit tests and sets: 5 changes, 0 unchanged")
        .contains("+ unit_test Reschedule happy path: create");
    Cli.Result showJson = run("show", "plan.json", "--format", "json");
    assertThat(showJson.out()).contains("\"format_version\" : \"2\"").contains("\"resources\"");
    outputs.add(run("show", "plan.json", "--format", "markdown").out());
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(idOf("unit_test_set", "Smoke")).isNotNull();

    secret = SECRET_TWO;
    assertThat(run("plan", "scenarios", "suite", "--out", "plan2.json").exit()).isZero();
    outputs.add(Files.readString(dir.resolve("plan2.json")));
    secret = "tok-third-value-never-planned";
    Cli.Result stale = run("apply", "--plan", "plan2.json");
    assertThat(stale.exit()).as(stale.all()).isEqualTo(4);
    assertThat(stale.err()).contains("the saved plan is stale").contains("persona Anxious patient");
    assertThat(stale.all()).doesNotContain("tok-third-value-never-planned");
  }

  @Test
  void lsListsEveryKindAndHistoryShowsAPersonasVersionsWithoutSecrets() throws IOException {
    applyAll();
    Cli.Result ls = run("ls", "--kind", "unit_test");
    assertThat(ls.exit()).as(ls.all()).isZero();
    assertThat(ls.out())
        .contains("Billing dispute")
        .contains("Reschedule happy path")
        .contains("2 unit tests");
    Cli.Result personas = run("ls", "--kind", "persona", "--format", "json");
    assertThat(personas.out())
        .contains("\"name\" : \"Anxious patient\"")
        .contains("\"owned\" : true");
    assertThat(run("ls", "--kind", "unit_test_set").out())
        .contains("Smoke")
        .contains("1 unit test set");
    assertThat(run("ls", "--kind", "robot").exit()).isEqualTo(1);

    secret = SECRET_TWO;
    write(
        "suite/personas.yaml",
        Files.readString(dir.resolve("suite/personas.yaml"))
            .replace("Sixty years old", "Sixty-one years old"));
    applyAll();
    Cli.Result history = run("history", "Anxious patient", "--kind", "persona", "--diff");
    assertThat(history.exit()).as(history.all()).isZero();
    assertThat(history.out())
        .contains("version 1")
        .contains("version 2")
        .contains("+background: Sixty-one years old");
    assertThat(run("history", "Anxious patient", "--kind", "persona", "--from", "2").out())
        .contains("version 2")
        .doesNotContain("version 1");
  }

  @Test
  void theExamplesApplyAsAWholeSuiteAndThenPlanAsUnchanged() throws IOException {
    Path examples = Path.of("examples", "scenarios").toAbsolutePath();
    try (Stream<Path> files = walk(examples)) {
      for (Path f : files.toList()) {
        Path to = dir.resolve("examples").resolve(examples.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Cli.Result validate = run("validate", "examples");
    assertThat(validate.out())
        .isEqualTo("9 scenarios, 2 personas, 3 unit tests, 1 unit test set in 11 files: valid\n");
    Cli.Result apply = run("apply", "examples", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(apply.out()).contains("Plan: 15 to create").contains("15 done, 0 failed");
    Cli.Result plan = run("plan", "examples", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
  }

  @Test
  void aTargetedPlanOfAScenarioPlansItAloneAndAPersonaTargetPlansThePersona() throws IOException {
    applyAll();
    write(
        "scenarios/billing.yaml",
        scenario("Dispute a duplicate charge").replace("Be polite.", "Be brief."));
    Cli.Result plan = run("plan", "scenarios", "suite", "--target", "Dispute a duplicate charge");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.err()).doesNotContain("note:");
    assertThat(plan.out())
        .contains("Dispute a duplicate charge")
        .contains("1 of 2 scenarios planned")
        .doesNotContain("Personas:");
    Cli.Result persona = run("plan", "scenarios", "suite", "--target", "persona/Busy parent");
    assertThat(persona.exit()).as(persona.all()).isZero();
    assertThat(persona.out())
        .contains("1 of 7 resources planned")
        .contains("0 to delete, 1 unchanged")
        .doesNotContain("Dispute a duplicate charge");
  }

  @Test
  void aLiteralSensitiveValueIsAValidateErrorThatDoesNotQuoteIt() throws IOException {
    write(
        "suite/personas.yaml",
        """
        kind: persona
        name: Leaky
        role: patient
        background: b
        sensitive_user_variables:
          portal_token: %s
        """
            .formatted(SECRET_ONE));
    Cli.Result r = run("validate", "suite");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.all())
        .contains(
            "suite/personas.yaml:6:17: error: sensitive_user_variables.portal_token: a literal value would be committed");
  }

  @Test
  void aPrunePlanRecordsWhatEachDeleteIsCheckedAgainstJustBeforeIt() throws IOException {
    write("suite/spare.yaml", "kind: persona\nname: Spare\nrole: caller\nbackground: Unused.\n");
    applyAll();
    Files.delete(dir.resolve("suite/spare.yaml"));
    Cli.Result plan = run("plan", "scenarios", "suite", "--prune", "--format", "json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    JsonNode delete = null;
    for (JsonNode c :
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(plan.out())
            .get("resources")) {
      if (c.get("name").asString().equals("Spare")) {
        delete = c;
      }
    }
    assertThat(delete).isNotNull();
    assertThat(delete.get("action").asString()).isEqualTo("delete");
    assertThat(delete.get("current_version").asInt()).isEqualTo(1);
    assertThat(delete.get("remote_updated_at").asString()).endsWith("Z");
  }

  @Test
  void pruneReadsEveryKindEvenWhenTheFilesDeclareNoneWithinTheGuardsThatCountEveryKind() {
    applyAll();
    // Only the scenario files: 2 personas, 2 unit tests and the set are owned and declared by none.
    Cli.Result tooMany = run("plan", "scenarios", "--prune", "--max-deletes", "4");
    assertThat(tooMany.exit()).as(tooMany.all()).isEqualTo(1);
    assertThat(tooMany.err())
        .contains("the plan deletes 5 resources (0 scenarios, 5 personas, unit tests and sets)")
        .contains("more than --max-deletes 4")
        .contains("deletes every owned persona (2)")
        .contains("deletes every owned unit test (2)")
        .contains("deletes every owned unit test set (1)");
    assertThat(list("persona")).hasSize(2);

    Cli.Result apply = run("apply", "scenarios", "--prune", "--allow-delete-all", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(list("unit_test_set")).isEmpty();
    assertThat(list("unit_test")).isEmpty();
    assertThat(list("persona")).isEmpty();
    assertThat(list("scenario")).hasSize(2);
  }

  @Test
  void aPlanWithoutPruneListsOwnedOrphansOfEveryKind() throws IOException {
    applyAll();
    Files.delete(dir.resolve("suite/set.yaml"));
    Cli.Result plan = run("plan", "scenarios", "suite");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains("In the remote but in no file (kept; --prune deletes them): 1")
        .contains("unit_test_set 'Smoke'");
    Cli.Result json = run("plan", "scenarios", "suite", "--format", "json");
    assertThat(json.out()).contains("unit_test_set 'Smoke'");
  }

  @Test
  void aSavedPlanThatDeletesOnlyOtherKindsNeedsPruneOnApply() throws IOException {
    applyAll();
    Files.delete(dir.resolve("suite/set.yaml"));
    Cli.Result plan =
        run("plan", "scenarios", "suite", "--prune", "--allow-delete-all", "--out", "plan.json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    Cli.Result apply = run("apply", "--plan", "plan.json");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
    assertThat(apply.err())
        .contains("the saved plan deletes 1 personas, unit tests and sets; pass --prune");
    assertThat(list("unit_test_set")).hasSize(1);
    Cli.Result pruned = run("apply", "--plan", "plan.json", "--prune", "--allow-delete-all");
    assertThat(pruned.exit()).as(pruned.all()).isZero();
    assertThat(list("unit_test_set")).isEmpty();
  }

  static Stream<Path> walk(Path p) throws IOException {
    return Files.walk(p).filter(Files::isRegularFile);
  }
}
