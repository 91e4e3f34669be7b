package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A saved plan whose change breaks its shape's rules is a message for every command reading it. */
class SavedPlanRulesTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static String scenario(String objective) {
    return "name: Triage\nobjective: "
        + objective
        + "\ninstructions: Ask.\ninitial_message_type: user-message\n";
  }

  @Test
  void testOfAPlanWhoseVersionSkipsAheadIsAMessage() throws IOException {
    try (EmulatorServer server =
        EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")))) {
      Cli cli = Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
      write("scenarios/a.yaml", scenario("Triage the caller."));
      assertThat(cli.run("apply", "scenarios", "--auto-approve").exit()).isZero();
      write("scenarios/a.yaml", scenario("Triage the caller today."));
      assertThat(cli.run("plan", "scenarios", "--out", "plan.json").exit()).isZero();
      JsonNode saved = JSON.readTree(Files.readString(dir.resolve("plan.json")));
      ((ObjectNode) saved.get("changes").get(0)).put("expected_version", 7);
      Files.writeString(dir.resolve("plan.json"), JSON.writeValueAsString(saved));

      Cli.Result test = cli.run("test", "--plan", "plan.json");

      assertThat(test.exit()).as(test.all()).isEqualTo(1);
      assertThat(test.err())
          .contains("saved plan field 'changes[0]': a new version follows the remote latest")
          .doesNotContain("Exception");
    }
  }
}
