package dev.scenariosync.cli;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull, ls, history and the configuration file, against the emulator. */
class PullAndConfigTest {
  static final String S = "/v1/acme/simulation/scenario/";

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  @BeforeEach
  void start() throws IOException {
    server =
        EmulatorServer.start(
            EmulatorConfig.defaults().withOrganizations(List.of("acme", "acme-staging")));
    ui = RawHttp.dev(server, "acme");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Cli cli() {
    return Cli.against(dir, server);
  }

  void create(String nameJson, String tagsJson, String objectiveJson, String instructionsJson) {
    RawHttp.Reply r =
        ui.post(
            S,
            "{\"name\": "
                + nameJson
                + ", \"tags\": "
                + tagsJson
                + ", \"initial_version\": {\"objective\": "
                + objectiveJson
                + ", \"instructions\": "
                + instructionsJson
                + ", \"initial_message_type\": \"external-event\", \"conversation_starts_at\": \"2026-01-05T10:30:00+01:00\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void pullThenPlanRoundTripsAwkwardContent() throws IOException {
    create(
        "\"Multi line\"",
        "{\"managed_by\": \"scenario_sync\", \"owner\": null, \"café\": \"thé\"}",
        "\"yes\"",
        "\"line one  \\nline two\\n  indented\\n\\ttabbed\"");
    create("\"A/B test: #1\"", "{\"managed_by\": \"scenario_sync\"}", "\"123\"", "\"null\"");
    create(
        "\"a b test 1\"",
        "{\"managed_by\": \"scenario_sync\"}",
        "\"o\"",
        "\"  leading and trailing  \"");
    create(
        "\"Llamada en español ☎ — 日本語\"",
        "{\"managed_by\": \"scenario_sync\", \"x²\": null}",
        "\"¿Qué tal?\"",
        "\"Réponds\\r\\nen français\"");
    create("\"Made in the UI\"", "{\"suite\": \"smoke\"}", "\"o\"", "\"i\"");

    Cli.Result pull = cli().run("pull", "pulled", "--org", "acme");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(pull.out()).contains("5 written");
    try (Stream<Path> files = Files.list(dir.resolve("pulled"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .hasSize(5)
          .contains("multi-line.yaml", "made-in-the-ui.yaml")
          .anyMatch(n -> n.matches("a-b-test-1-[0-9a-f]{8}\\.yaml"))
          .allMatch(n -> n.endsWith(".yaml"));
    }
    String multi = Files.readString(dir.resolve("pulled/multi-line.yaml"));
    assertThat(multi)
        .startsWith("# yaml-language-server: $schema=")
        .doesNotContain("managed_by")
        .contains("objective: yes");

    assertThat(cli().run("validate", "pulled").exit()).isZero();
    Cli.Result plan = cli().run("plan", "pulled", "--org", "acme", "--format", "json");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(plan.out())
        .contains(
            "\"create\" : 0",
            "\"version\" : 0",
            "\"tags\" : 1",
            "\"adopt\" : 1",
            "\"unchanged\" : 4")
        .contains("\"name\" : \"Made in the UI\"");
  }

  @Test
  void pullNeverOverwritesAnEditWithoutForce() throws IOException {
    create("\"Kept\"", "{\"managed_by\": \"scenario_sync\"}", "\"o\"", "\"i\"");
    assertThat(cli().run("pull", "pulled", "--org", "acme").exit()).isZero();
    Path file = dir.resolve("pulled/kept.yaml");
    String edited = Files.readString(file).replace("objective: o", "objective: edited locally");
    Files.writeString(file, edited);

    Cli.Result again = cli().run("pull", "pulled", "--org", "acme");
    assertThat(again.out())
        .contains("skipped")
        .contains("--force overwrites")
        .contains("1 skipped");
    assertThat(Files.readString(file)).isEqualTo(edited);

    // A restyled file with the same meaning is left alone too.
    Files.writeString(
        file,
        "name: Kept\ntags: {}\nobjective: \"o\"\ninstructions: >-\n  i\ninitial_message_type: external-event\nconversation_starts_at: 2026-01-05T09:30:00Z\n");
    assertThat(cli().run("pull", "pulled", "--org", "acme").out())
        .contains("unchanged")
        .contains("1 unchanged");

    Files.writeString(file, edited);
    Cli.Result forced = cli().run("pull", "pulled", "--org", "acme", "--force");
    assertThat(forced.out()).contains("overwrote");
    assertThat(Files.readString(file)).contains("objective: o\n");
    try (Stream<Path> files = Files.list(dir.resolve("pulled"))) {
      assertThat(files.toList()).as("nothing but scenario files").hasSize(1);
    }
  }

  @Test
  void pullFiltersByTagAndSearch() {
    create("\"Billing one\"", "{\"suite\": \"billing\"}", "\"o\"", "\"i\"");
    create("\"Other\"", "{\"suite\": \"other\"}", "\"o\"", "\"i\"");
    assertThat(cli().run("pull", "t", "--org", "acme", "--tag", "suite:billing").out())
        .contains("Pulled 1 scenario")
        .contains("Billing one");
    assertThat(cli().run("pull", "s", "--org", "acme", "--search", "other").out())
        .contains("Pulled 1 scenario")
        .contains("(Other)");
  }

  @Test
  void lsAndHistoryShowTheRemote() {
    create("\"Tracked\"", "{\"managed_by\": \"scenario_sync\"}", "\"first\"", "\"i\"");
    String id = ui.get(S).json().get("simulation_scenarios").get(0).get("id").asString();
    ui.post(
        S + id + "/version/",
        "{\"objective\": \"second\", \"instructions\": \"i\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}");

    Cli.Result ls = cli().run("ls", "--org", "acme");
    assertThat(ls.out()).containsPattern("Tracked\\s+2\\s+yes");
    Cli.Result json = cli().run("ls", "--org", "acme", "--format", "json");
    assertThat(json.out()).contains("\"latest_version\" : 2").contains("\"owned\" : true");

    Cli.Result history = cli().run("history", "Tracked", "--org", "acme", "--diff");
    assertThat(history.exit()).as(history.all()).isZero();
    assertThat(history.out())
        .contains("version 1")
        .contains("version 2")
        .contains("-objective: first")
        .contains("+objective: second");
    assertThat(cli().run("history", "Nope", "--org", "acme").exit()).isEqualTo(1);
  }

  @Test
  void environmentsSelectTheOrganizationWithFlagsThenEnvironmentThenFile() throws IOException {
    Files.writeString(
        dir.resolve("scenario-sync.yaml"),
        """
        scenarios: scen
        max_deletes: 2
        default_environment: staging
        environments:
          staging: {organization: acme-staging}
          production: {organization: acme}
        """);
    Files.createDirectories(dir.resolve("scen"));
    Files.writeString(
        dir.resolve("scen/a.yaml"),
        "name: A\nobjective: o\ninstructions: i\ninitial_message_type: skip\n");

    assertThat(org(cli().run("plan", "--format", "json")))
        .as("default environment")
        .isEqualTo("acme-staging");
    assertThat(org(cli().run("plan", "--format", "json", "--env", "production"))).isEqualTo("acme");
    Cli.Result envWins =
        cli()
            .env("AMIGO_ORGANIZATION_ID", "acme")
            .run("plan", "--format", "json", "--env", "staging");
    assertThat(org(envWins)).as("environment variable over file").isEqualTo("acme");
    assertThat(envWins.err()).contains("warning: AMIGO_ORGANIZATION_ID is set");
    assertThat(
            org(
                cli()
                    .env("AMIGO_ORGANIZATION_ID", "acme")
                    .run("plan", "--format", "json", "--org", "acme-staging")))
        .as("flag over all")
        .isEqualTo("acme-staging");
    assertThat(cli().run("plan", "--env", "nope").err())
        .contains("no environment 'nope'")
        .contains("staging, production");
  }

  static String org(Cli.Result r) {
    assertThat(r.exit()).as(r.all()).isZero();
    return r.out().replaceAll("(?s).*\"organization\" : \"([^\"]+)\".*", "$1");
  }

  @Test
  void anInvalidConfigurationIsRefusedWithItsLine() throws IOException {
    Files.writeString(
        dir.resolve("scenario-sync.yaml"),
        "max_deletes: 2\nenvironments:\n  prod: {organisation: acme}\n");
    Cli.Result r = cli().run("validate");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("scenario-sync.yaml:3:10: error: unknown key 'organisation'")
        .contains("configuration file is invalid");
  }

  @Test
  void completionAndVersion() {
    Cli.Result bash = cli().run("completion", "bash");
    assertThat(bash.out()).contains("complete -F").contains("apply").contains("--auto-approve");
    assertThat(cli().run("completion", "zsh").out()).startsWith("autoload -U +X compinit");
    assertThat(cli().run("--version").out()).startsWith("scenario-sync ");
  }

  static void write(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }
}
