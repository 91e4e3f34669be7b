package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.Golden;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved plan is untrusted (a CI artifact from a pull-request job): each case edits a real saved
 * plan as an attacker or a broken tool would, and {@code apply --plan} must refuse it whole with
 * the message in the golden file ({@code NN-name.expected}), without a single write.
 */
class SavedPlanTamperingGoldenTest {
  static final Path DIR = Golden.resources("saved-plans");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .toList()
          .stream();
    }
  }

  static String scenario(String name, String instructions) {
    return """
        name: %s
        tags:
          suite: regression
        objective: Move an appointment.
        instructions: %s
        initial_message_type: user-message
        """
        .formatted(name, instructions);
  }

  void write(String file, String text) throws IOException {
    Path p = dir.resolve("scenarios").resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aTamperedPlanIsRefusedWholeWithoutAWrite(String name) throws IOException {
    try (EmulatorServer server =
        EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")))) {
      Cli cli = Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
      write("a.yaml", scenario("Reschedule", "v1"));
      write("b.yaml", scenario("Refill", "r"));
      write("c.yaml", scenario("Other", "o"));
      write("d.yaml", scenario("Old", "d"));
      assertThat(cli.run("apply", "scenarios", "--auto-approve").exit()).isZero();
      Files.delete(dir.resolve("scenarios/d.yaml"));
      write("a.yaml", scenario("Reschedule", "v2"));
      Cli.Result plan = cli.run("plan", "scenarios", "--prune", "--out", "plan.json");
      assertThat(plan.exit()).as(plan.all()).isZero();

      Map<String, String> ids = new LinkedHashMap<>();
      RawHttp ui = RawHttp.dev(server, "acme");
      ui.get("/v1/acme/simulation/scenario/?is_deleted=false&limit=200")
          .json()
          .get("simulation_scenarios")
          .forEach(s -> ids.put(s.get("name").asString(), s.get("id").asString()));

      JsonNode saved = JSON.readTree(Files.readString(dir.resolve("plan.json")));
      JsonNode edit = JSON.readTree(Files.readString(DIR.resolve(name + ".json")));
      tamper((ObjectNode) saved, edit, ids);
      Files.writeString(dir.resolve("tampered.json"), JSON.writeValueAsString(saved));

      long writesBefore = writes(server);
      // --prune: the operator allows deletes, so what is checked is the plan itself
      Cli.Result r = cli.run("apply", "--plan", "tampered.json", "--prune", "--auto-approve");
      String shown = r.err();
      for (Map.Entry<String, String> e : ids.entrySet()) {
        shown = shown.replace(e.getValue(), "${id:" + e.getKey() + "}");
      }
      Golden.assertMatches(DIR.resolve(name + ".expected"), "exit " + r.exit() + "\n" + shown);
      assertThat(r.exit()).as(r.all()).isIn(1, 4);
      assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(writes(server)).as("nothing was written").isEqualTo(writesBefore);
    }
  }

  static long writes(EmulatorServer server) {
    return server.requests().stream()
        .filter(q -> !q.method().equals("GET") && q.path().contains("/simulation/"))
        .count();
  }

  /** Applies {"set": {pointer: value}, "remove": [pointer], "append": {pointer: value}}. */
  static void tamper(ObjectNode root, JsonNode edit, Map<String, String> ids) {
    edit.path("set")
        .properties()
        .forEach(e -> put(root, pointer(root, e.getKey()), withIds(e.getValue(), ids)));
    edit.path("remove").forEach(p -> put(root, pointer(root, p.asString()), null));
    edit.path("append")
        .properties()
        .forEach(
            e -> ((ArrayNode) root.at(pointer(root, e.getKey()))).add(withIds(e.getValue(), ids)));
  }

  /** "/changes/{Name}/..." names a change by its scenario name. */
  static String pointer(JsonNode root, String p) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(p);
    if (!m.find()) {
      return p;
    }
    JsonNode changes = root.get("changes");
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).get("name").asString().equals(m.group(1))) {
        return p.replace(m.group(0), String.valueOf(i));
      }
    }
    throw new AssertionError("no change " + m.group(1));
  }

  static void put(ObjectNode root, String p, JsonNode value) {
    int slash = p.lastIndexOf('/');
    JsonNode parent = p.substring(0, slash).isEmpty() ? root : root.at(p.substring(0, slash));
    String field = p.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      if (value == null) {
        o.remove(field);
      } else {
        o.set(field, value);
      }
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(field), value);
    } else {
      throw new AssertionError("no " + p);
    }
  }

  static JsonNode withIds(JsonNode v, Map<String, String> ids) {
    String text = v.toString();
    for (Map.Entry<String, String> e : ids.entrySet()) {
      text = text.replace("${id:" + e.getKey() + "}", e.getValue());
    }
    return JSON.readTree(text);
  }
}
