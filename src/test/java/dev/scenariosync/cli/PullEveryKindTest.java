package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pull, ls and history of personas, unit tests and sets go through the scenarios' mechanism; pull
 * with its safety properties: colliding names get their own files, control characters are named by
 * field and never written, links leaving DIR are never followed, keys other writers own are not
 * written.
 */
class PullEveryKindTest {
  static final String P = "/v1/acme/simulation/persona/";

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

  void persona(String name, String tags, String background) {
    RawHttp.Reply r =
        ui.post(
            P,
            "{\"name\": \""
                + name
                + "\", \"role\": \"r\", \"tags\": "
                + tags
                + ", \"initial_version\": {\"background\": \""
                + background
                + "\", \"preferred_language\": null, \"timezone\": null, \"user_models\": [],"
                + " \"nonsensitive_user_variables\": {}, \"sensitive_user_variables\": {}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void personasWhoseNamesMakeTheSameFileNameEachGetTheirOwnFile() throws IOException {
    persona("Ana B", "{}", "first");
    persona("ana-b", "{}", "second");
    persona("日本語", "{}", "third");

    Cli.Result pull = cli().run("pull", "pulled", "--kind", "persona");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(pull.out()).contains("3 written");
    assertThat(names(dir.resolve("pulled/personas")))
        .hasSize(3)
        .contains("ana-b.yaml")
        .anyMatch(n -> n.matches("ana-b-[0-9a-f]{8}\\.yaml"))
        .anyMatch(n -> n.matches("persona-[0-9a-f]{8}\\.yaml"));
    assertThat(Files.readString(dir.resolve("pulled/personas/ana-b.yaml")))
        .as("the first by name keeps the plain name")
        .contains("background: first");
    Cli.Result plan = cli().run("plan", "pulled", "--detailed-exitcode");
    assertThat(plan.out()).contains("0 to create").contains("3 tag changes");
  }

  @Test
  void aControlCharacterIsNamedByItsFieldAndNeverWritten() throws IOException {
    persona("Clean", "{}", "evil \\u001b]52;c;ZXZpbA==\\u0007 text");

    Cli.Result pull = cli().run("pull", "pulled", "--kind", "persona");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(pull.all()).doesNotContain("\u001b");
    assertThat(pull.out())
        .contains("(the remote background holds a control character")
        .contains("1 skipped");
    assertThat(Files.exists(dir.resolve("pulled/personas/clean.yaml"))).isFalse();
  }

  @Test
  void aPersonaFileThatIsALinkLeavingDirIsNeitherReadNorWritten() throws IOException {
    persona("Plain", "{}", "b");
    Path folder = Files.createDirectories(dir.resolve("pulled/personas"));
    Path outside = Files.writeString(dir.resolve("outside.txt"), "keep me\n");
    Files.createSymbolicLink(folder.resolve("plain.yaml"), outside);

    Cli.Result pull = cli().run("pull", "pulled", "--kind", "persona", "--force");
    assertThat(pull.exit()).as(pull.all()).isEqualTo(3);
    assertThat(pull.out()).contains("a symbolic link leading outside pulled; not written");
    assertThat(Files.readString(outside)).isEqualTo("keep me\n");
  }

  @Test
  void aFileInTheWayOfAKindsFolderFailsThatKindsResourcesOnly() throws IOException {
    persona("Plain", "{}", "b");
    Files.createDirectories(dir.resolve("pulled"));
    Files.writeString(dir.resolve("pulled/personas"), "not a folder\n");

    Cli.Result pull = cli().run("pull", "pulled");
    assertThat(pull.exit()).as(pull.all()).isEqualTo(3);
    assertThat(pull.out())
        .containsPattern(
            "failed +pulled/personas/plain.yaml \\(a file stands where the folder personas should go; not written\\)")
        .contains(
            "Pulled 1 persona into pulled: 0 written, 0 unchanged, 0 skipped, 0 overwritten,"
                + " 1 failed");
    assertThat(pull.all()).doesNotContain("Exception");
    assertThat(Files.readString(dir.resolve("pulled/personas"))).isEqualTo("not a folder\n");
  }

  @Test
  void tagKeysOtherWritersOwnAreNotWrittenForAnyKind() throws IOException {
    Files.writeString(dir.resolve("scenario-sync.yaml"), "ignore_tag_keys: [reviewed_by]\n");
    persona("Reviewed", "{\"reviewed_by\": \"ana\", \"suite\": \"smoke\"}", "b");

    Cli.Result pull = cli().run("pull", "pulled", "--kind", "persona");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(Files.readString(dir.resolve("pulled/personas/reviewed.yaml")))
        .contains("suite: smoke")
        .doesNotContain("reviewed_by");
    Cli.Result validate = cli().run("validate", "pulled");
    assertThat(validate.exit()).as(validate.all()).isZero();
  }

  @Test
  void lsListsEveryKindWithTheSameColumnsAndFields() {
    persona("Ana", "{\"managed_by\": \"scenario_sync\"}", "b");
    RawHttp.Reply r =
        ui.post(
            "/v1/acme/simulation/scenario/",
            "{\"name\": \"Tracked\", \"tags\": {}, \"initial_version\": {\"objective\": \"o\","
                + " \"instructions\": \"i\", \"initial_message_type\": \"skip\","
                + " \"conversation_starts_at\": null}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);

    Cli.Result personas = cli().run("ls", "--kind", "persona");
    assertThat(personas.exit()).as(personas.all()).isZero();
    assertThat(personas.out())
        .startsWith("NAME  VERSION  OWNED  UPDATED_AT                   UPDATED_BY\n")
        .containsPattern("Ana\\s+1\\s+yes\\s+\\S+\\s+-\\n")
        .endsWith("1 persona\n");
    Cli.Result scenarios = cli().run("ls");
    assertThat(scenarios.out())
        .startsWith("NAME     VERSION  OWNED  UPDATED_AT                   UPDATED_BY\n")
        .endsWith("1 scenario\n");
    for (String kind : List.of("scenario", "persona")) {
      Cli.Result json = cli().run("ls", "--kind", kind, "--format", "json");
      assertThat(json.out())
          .contains("\"kind\" : \"" + kind + "\"")
          .contains("\"latest_version\" : 1")
          .contains("\"deleted\" : false")
          .contains("\"updated_by\" : ");
    }
    assertThat(cli().run("ls", "--kind", "persona", "--deleted").err())
        .contains("--search and --deleted list scenarios only");
  }

  @Test
  void personaHistoryDiffsTextLineByLineAsScenarioHistoryDoes() {
    persona("Ana", "{}", "line one\\nline two");
    String id = ui.get(P).json().get("simulation_personas").get(0).get("id").asString();
    RawHttp.Reply v =
        ui.post(
            P + id + "/version/?version=2",
            "{\"background\": \"line one\\nline 2\", \"preferred_language\": null,"
                + " \"timezone\": null, \"user_models\": [], \"nonsensitive_user_variables\": {},"
                + " \"sensitive_user_variables\": {}}");
    assertThat(v.status()).as(v.body()).isIn(200, 201);

    Cli.Result history = cli().run("history", "--kind", "persona", "Ana", "--diff");
    assertThat(history.exit()).as(history.all()).isZero();
    assertThat(history.out())
        .contains("version 2")
        .contains("       background: |")
        .contains("-  line two")
        .contains("+  line 2");
    assertThat(cli().run("history", "--kind", "unit_test", "X").err())
        .contains("--kind must be scenario or persona (the kinds with versions)");
  }
}
