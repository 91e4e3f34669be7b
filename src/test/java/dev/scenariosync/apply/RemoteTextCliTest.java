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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text written in the UI (terminal escapes, forged lines, workflow commands, bidi
 * overrides) reaches the commands' output only as data: through the CLI, over real HTTP.
 */
class RemoteTextCliTest {
  static final String S = "/v1/acme/simulation/scenario/";

  /** JSON escapes, so the emulator stores the raw control characters. */
  static final String NAME =
      "Evil \\u001b]8;;https://evil.example/\\u0007click\\u001b]8;;\\u0007\\r\\n::error::forged \\u202e";

  static final String INSTRUCTIONS =
      "Be polite.\\n::error file=x::pwned\\n\\u001b[2J\\u001b]52;c;cHduZWQ=\\u0007\\u2028\\u009b";

  static final Pattern CONTROL =
      Pattern.compile(
          "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]");
  static final Pattern WORKFLOW_COMMAND = Pattern.compile("(?m)^\\s*::");

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    ui = RawHttp.dev(server, "acme");
    Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        dir.resolve("scenarios/a.yaml"),
        "name: Kept\nobjective: o\ninstructions: i\ninitial_message_type: user-message\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Cli cli() {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
  }

  static void assertInert(String what, String out) {
    assertThat(CONTROL.matcher(out).find())
        .as("a control character in %s:%n%s", what, out)
        .isFalse();
    assertThat(WORKFLOW_COMMAND.matcher(out).find())
        .as("a '::' line in %s:%n%s", what, out)
        .isFalse();
  }

  @Test
  void lsHistoryPlanAndApplyShowHostileTextEscaped() {
    RawHttp.Reply made =
        ui.post(
            S,
            ("{\"name\": \"%s\", \"tags\": {\"managed_by\": \"scenario_sync\"}, \"initial_version\":"
                    + " {\"objective\": \"o\", \"instructions\": \"%s\", \"initial_message_type\":"
                    + " \"skip\", \"conversation_starts_at\": null}}")
                .formatted(NAME, INSTRUCTIONS));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String id = made.json().get("simulation_scenario_id").asString();
    RawHttp.Reply v2 =
        ui.post(
            S + id + "/version/",
            ("{\"version\": 2, \"objective\": \"o \\u001b[31mred\", \"instructions\": \"%s\","
                    + " \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}")
                .formatted(INSTRUCTIONS + "\\n::warning::again"));
    assertThat(v2.status()).as(v2.body()).isBetween(200, 201);

    Cli.Result ls = cli().run("ls");
    assertThat(ls.exit()).as(ls.all()).isZero();
    assertInert("ls", ls.all());
    assertThat(ls.out()).contains("Evil \\x1b]8;;https://evil.example/\\x07click");

    String name =
        "Evil \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\r\n::error::forged \u202e";
    Cli.Result history = cli().run("history", name, "--diff");
    assertThat(history.exit()).as(history.all()).isZero();
    assertInert("history", history.all());
    assertThat(history.out()).contains("\\x3a:warning::again").contains("\\u2028");

    for (String format : List.of("text", "markdown")) {
      Cli.Result plan =
          cli().run("plan", "scenarios", "--prune", "--allow-delete-all", "--format", format);
      assertThat(plan.exit()).as(plan.all()).isZero();
      assertInert("plan " + format, plan.all());
      assertThat(plan.out()).contains("DELETE");
    }

    Cli.Result apply =
        cli().run("apply", "scenarios", "--prune", "--allow-delete-all", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertInert("apply", apply.all());
    assertThat(apply.out()).contains("\\r\\n::error::forged");
  }

  @Test
  void personaHistoryAcrossARenameShowsTheEarlierHostileNameEscaped() {
    String old = ui.persona("acme", NAME);
    RawHttp.Reply made =
        ui.post(
            "/v1/acme/simulation/persona/",
            ("{\"name\": \"Ana\", \"role\": \"caller\", \"tags\": {\"previous_id\": \"%s\"},"
                    + " \"initial_version\": {\"background\": \"A caller.\", \"user_models\": [],"
                    + " \"nonsensitive_user_variables\": {}, \"sensitive_user_variables\": {}}}")
                .formatted(old));
    assertThat(made.status()).as(made.body()).isEqualTo(201);

    Cli.Result history = cli().run("history", "--kind", "persona", "Ana", "--diff");
    assertThat(history.exit()).as(history.all()).isZero();
    assertInert("persona history", history.all());
    assertThat(history.out())
        .contains("renamed 1 time")
        .contains("--- renamed from \"Evil \\x1b]8;;https://evil.example/\\x07click")
        .containsPattern("version 2 .*\\(Ana version 1\\)");
  }
}
