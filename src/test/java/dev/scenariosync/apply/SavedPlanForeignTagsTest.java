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
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved plan that changes the tags of a scenario another owner holds takes it over, whether or
 * not its entry says {@code adopt}: the check against the remote must refuse it without {@code
 * --take-over} from the live tags, not from the (untrusted) action list.
 */
class SavedPlanForeignTagsTest {
  static final String S = "/v1/acme/simulation/scenario/";
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

  Cli cli() {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
  }

  void write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static String plain(String name, String instructions) {
    return "name: %s\nobjective: o\ninstructions: %s\ninitial_message_type: skip\n"
        .formatted(name, instructions);
  }

  String owner(String name) {
    for (JsonNode s :
        ui.get(S + "?is_deleted=false&limit=200").json().get("simulation_scenarios")) {
      if (s.get("name").asString().equals(name)) {
        return s.get("tags").get("managed_by").asString();
      }
    }
    throw new AssertionError("no scenario " + name);
  }

  @Test
  void aTakeOverWithItsAdoptRemovedIsRefusedWithoutTakeOver() throws IOException {
    write("a/s.yaml", plain("Shared", "i"));
    assertThat(cli().run("apply", "a", "--owner-tag", "managed_by:team_a", "--auto-approve").exit())
        .isZero();
    write("b/s.yaml", plain("Shared", "b"));
    Cli.Result planned =
        cli()
            .run(
                "plan",
                "b",
                "--owner-tag",
                "managed_by:team_b",
                "--take-over",
                "--out",
                "take.json");
    assertThat(planned.exit()).as(planned.all()).isZero();
    ObjectNode saved = (ObjectNode) JSON.readTree(Files.readString(dir.resolve("take.json")));
    saved.put("take_over", false);
    for (JsonNode c : saved.get("changes")) {
      for (Iterator<JsonNode> it = ((ArrayNode) c.get("actions")).iterator(); it.hasNext(); ) {
        if (it.next().asString().equals("adopt")) {
          it.remove();
        }
      }
    }
    Files.writeString(dir.resolve("forged.json"), JSON.writeValueAsString(saved));

    Cli.Result forged =
        cli().run("apply", "--plan", "forged.json", "--owner-tag", "managed_by:team_b");
    assertThat(owner("Shared")).as("still team A's").isEqualTo("team_a");
    assertThat(forged.exit()).as(forged.all()).isEqualTo(4);
    assertThat(forged.err()).contains("Shared").contains("without --take-over");
  }
}
