package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targeted plans ({@code --changed-since} with real git, {@code --target}), {@code drift} and
 * {@code ignore_tag_keys}, through the CLI in a temporary git repository against the emulator.
 */
class TargetedDriftEndToEndTest extends TwoUserEmulator {
  static final String S = "/v1/acme/simulation/scenario/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  static String doc(String name, String instructions) {
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

  void git(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@x"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }

  JsonNode scenario(RawHttp ui, String name) {
    for (JsonNode s :
        ui.get(S + "?is_deleted=false&limit=200").json().get("simulation_scenarios")) {
      if (s.get("name").asString().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no scenario " + name);
  }

  static List<String> changed(Cli.Result plan) {
    List<String> out = new ArrayList<>();
    JsonNode root = JSON.readTree(plan.out());
    for (JsonNode c : root.get("changes")) {
      out.add(c.get("name").asString() + ":" + c.get("actions").get(0).asString());
    }
    return out;
  }

  static int calls(Cli.Result r) {
    Matcher m = Pattern.compile("api: (\\d+) calls").matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** A repository of 6 scenarios in 5 files, applied and committed. */
  void appliedRepository() throws Exception {
    start("ci-bot");
    git("init", "-q", "-b", "main");
    write("scenarios/a.yaml", doc("A", "one"));
    write("scenarios/multi.yaml", doc("B", "one") + "---\n" + doc("C", "one"));
    write("scenarios/old-name.yaml", doc("D", "one\n  spread over lines\n  to stay similar"));
    write("scenarios/gone.yaml", doc("E", "one"));
    write("scenarios/z.yaml", doc("Z", "one"));
    git("add", "-A");
    git("commit", "-q", "-m", "scenarios");
    Cli.Result apply = cli().run("apply", "scenarios", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();
  }

  @Test
  void changedSincePlansExactlyTheChangedDocumentsWithFewCalls() throws Exception {
    appliedRepository();
    // One document of a file of two changes; a file is renamed with an edit; one is deleted; one
    // is new and untracked; and the UI edits A, which no file change touches.
    write("scenarios/multi.yaml", doc("B", "one") + "---\n" + doc("C", "two"));
    git("mv", "scenarios/old-name.yaml", "scenarios/new-name.yaml");
    write("scenarios/new-name.yaml", doc("D", "two\n  spread over lines\n  to stay similar"));
    Files.delete(dir.resolve("scenarios/gone.yaml"));
    write("scenarios/new.yaml", doc("F", "one"));
    RawHttp ui = ui("ci-bot");
    ui.post(
        S + scenario(ui, "A").get("id").asString() + "/version/",
        "{\"objective\": \"UI\", \"instructions\": \"edited\", \"initial_message_type\": \"skip\","
            + " \"conversation_starts_at\": null}");

    Cli.Result plan =
        cli().run("plan", "scenarios", "--changed-since", "HEAD", "--format", "json", "--stats");
    assertThat(plan.exit()).as(plan.all()).isZero();
    assertThat(changed(plan)).containsExactly("C:version", "D:version", "F:create");
    JsonNode root = JSON.readTree(plan.out());
    assertThat(root.get("target").get("basis").asString()).isEqualTo("changed since HEAD");
    assertThat(root.get("target").get("declared").asInt()).isEqualTo(6);
    assertThat(root.get("target").get("planned").asInt()).isEqualTo(3);
    // E is no longer declared: an orphan, not deleted without --prune.
    assertThat(root.get("outside").get("orphans").toString()).isEqualTo("[\"E\"]");
    // 1 sign-in + 1 list page + 2 latest versions + 1 unit-test search (k = 3 changed, N = 7).
    assertThat(calls(plan)).isLessThanOrEqualTo(1 + 2 * 3 + 3).isEqualTo(5);

    Cli.Result text = cli().run("plan", "scenarios", "--changed-since", "HEAD");
    assertThat(text.out())
        .contains("Targeted (changed since HEAD): 3 of 6 scenarios planned; the rest was not read")
        .contains("In the remote but in no file (kept; --prune deletes them): 1\n    E\n");
    Cli.Result md =
        cli().run("plan", "scenarios", "--changed-since", "HEAD", "--format", "markdown");
    assertThat(md.out()).contains("**Targeted (changed since HEAD): 3 of 6 scenarios planned");

    Cli.Result prune =
        cli().run("plan", "scenarios", "--changed-since", "HEAD", "--prune", "--format", "json");
    assertThat(prune.exit()).as(prune.all()).isZero();
    assertThat(changed(prune)).containsExactly("C:version", "D:version", "F:create", "E:delete");

    // The saved targeted plan applies exactly what it says; A keeps its UI edit.
    Cli.Result saved =
        cli().run("plan", "scenarios", "--changed-since", "HEAD", "--prune", "--out", "p.json");
    assertThat(saved.exit()).as(saved.all()).isZero();
    Cli.Result apply = cli().run("apply", "--plan", "p.json", "--prune");
    assertThat(apply.exit()).as(apply.all()).isZero();
    Cli.Result after = cli().run("plan", "scenarios", "--format", "json", "--prune");
    assertThat(changed(after)).containsExactly("A:version");
  }

  /** A revision git does not know, or one that reads as an option: an error before any call. */
  @Test
  void aBadRevisionIsRefusedBeforeAnyCall() throws Exception {
    appliedRepository();
    for (String ref : List.of("no-such-branch", "--output=/tmp/x", "-p")) {
      Cli.Result r = cli().run("plan", "scenarios", "--changed-since=" + ref, "--stats");
      assertThat(r.exit()).as(r.all()).isEqualTo(1);
      assertThat(r.err())
          .containsAnyOf("is not a git revision", "names no commit")
          .doesNotContain("api:");
    }
  }

  @Test
  void targetPlansOnlyTheNamedScenariosAndPrunesNothingElse() throws Exception {
    appliedRepository();
    write("scenarios/a.yaml", doc("A", "two"));
    write("scenarios/z.yaml", doc("Z", "two"));
    Files.delete(dir.resolve("scenarios/gone.yaml"));
    Cli.Result plan =
        cli()
            .run(
                "plan",
                "scenarios",
                "--target",
                "Z",
                "--prune",
                "--format",
                "json",
                "--stats",
                "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
    assertThat(changed(plan)).containsExactly("Z:version");
    assertThat(calls(plan)).isEqualTo(4);
    Cli.Result orphan =
        cli().run("plan", "scenarios", "--target", "E", "--prune", "--format", "json");
    assertThat(changed(orphan)).containsExactly("E:delete");
    assertThat(orphan.err()).contains("note: --target 'E': no file declares it");
    Cli.Result none = cli().run("plan", "scenarios", "--target", "B", "--detailed-exitcode");
    assertThat(none.exit()).as(none.all()).isZero();
    assertThat(none.out()).contains("Targeted (--target): 1 of 5 scenarios planned");
  }

  @Test
  void driftTellsAUiEditFromAnUnappliedFileWithOrphansAndUnmanaged() throws Exception {
    appliedRepository();
    server.close();
    start("ana");
    RawHttp ana = ui("ana");
    ana.post(
        S + scenario(ana, "A").get("id").asString() + "/version/",
        "{\"objective\": \"UI\", \"instructions\": \"edited by ana\", \"initial_message_type\":"
            + " \"skip\", \"conversation_starts_at\": null}");
    ana.post(
        S,
        "{\"name\": \"Made in the UI\", \"tags\": {}, \"initial_version\": {\"objective\": \"o\","
            + " \"instructions\": \"i\", \"initial_message_type\": \"skip\","
            + " \"conversation_starts_at\": null}}");
    start("ci-bot");
    write("scenarios/multi.yaml", doc("B", "one") + "---\n" + doc("C", "not applied"));
    Files.delete(dir.resolve("scenarios/gone.yaml"));

    Cli.Result drift = cli().run("drift", "scenarios", "--detailed-exitcode");
    assertThat(drift.exit()).as(drift.all()).isEqualTo(2);
    assertThat(drift.out())
        .contains("Drift: 1 edited remotely, 1 file not applied, 1 orphan, 1 unmanaged, 3 in sync")
        .containsPattern("! A: content differs; edited remotely \\(version 2\\) by acme/ana at 20")
        .contains("~ C: content differs; the file changed and is not applied yet")
        .contains("Orphans (owned, declared by no file; 'plan --prune' deletes them):\n  E\n")
        .contains("Unmanaged (no ownership tag, or another owner's):\n  Made in the UI\n");

    JsonNode json =
        JSON.readTree(cli().run("drift", "scenarios", "--format", "json", "--stats").out());
    assertThat(json.get("scenarios").get(0).get("side").asString()).isEqualTo("remote");
    assertThat(json.get("scenarios").get(0).get("by").get("user_id").asString()).isEqualTo("ana");
    assertThat(json.get("scenarios").get(1).get("side").asString()).isEqualTo("file");
    assertThat(json.get("summary").get("unmanaged").asInt()).isEqualTo(1);

    Cli.Result md = cli().run("drift", "scenarios", "--format", "markdown");
    assertThat(md.out())
        .startsWith("<!-- scenario-sync:drift -->")
        .contains("| A | edited remotely");

    // Reads what a full plan reads and no more: sign-in, the list, 5 latest versions.
    Cli.Result stats = cli().run("drift", "scenarios", "--stats");
    assertThat(calls(stats)).isEqualTo(1 + 1 + 5);
    Cli.Result planStats = cli().run("plan", "scenarios", "--stats");
    assertThat(calls(planStats)).isEqualTo(1 + 1 + 5 + 1);
  }

  @Test
  void ignoredTagKeysSurviveAnApplyAndFilesMayNotSetThem() throws Exception {
    appliedRepository();
    write("scenario-sync.yaml", "ignore_tag_keys: [reviewed_by]\n");
    RawHttp ui = ui("ci-bot");
    String id = scenario(ui, "A").get("id").asString();
    RawHttp.Reply tag =
        ui.post(
            S + id + "/",
            "{\"tags\": {\"suite\": \"regression\", \"managed_by\": \"scenario_sync\","
                + " \"reviewed_by\": \"ana\"}}");
    assertThat(tag.status()).as(tag.body()).isEqualTo(204);

    Cli.Result plan = cli().run("plan", "scenarios", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();

    write("scenarios/a.yaml", doc("A", "one").replace("suite: regression", "suite: smoke"));
    Cli.Result saved = cli().run("plan", "scenarios", "--out", "p.json");
    assertThat(saved.exit()).as(saved.all()).isZero();
    assertThat(cli().run("show", "p.json").exit()).isZero();
    // The saved plan keeps reviewed_by only because this operator's configuration ignores it.
    write("scenario-sync.yaml", "{}\n");
    Cli.Result refused = cli().run("apply", "--plan", "p.json");
    assertThat(refused.exit()).as(refused.all()).isEqualTo(4);
    assertThat(refused.err()).contains("A: after.tags is not what scenarios/a.yaml says");
    write("scenario-sync.yaml", "ignore_tag_keys: [reviewed_by]\n");
    Cli.Result apply = cli().run("apply", "--plan", "p.json");
    assertThat(apply.exit()).as(apply.all()).isZero();
    assertThat(scenario(ui, "A").get("tags").toString())
        .contains("\"reviewed_by\":\"ana\"")
        .contains("\"suite\":\"smoke\"");

    write("scenarios/a.yaml", doc("A", "one").replace("suite: regression", "reviewed_by: bo"));
    Cli.Result validate = cli().run("validate", "scenarios");
    assertThat(validate.exit()).isEqualTo(1);
    assertThat(validate.all()).contains("scenarios/a.yaml:3:3").contains("ignore_tag_keys");
  }
}
