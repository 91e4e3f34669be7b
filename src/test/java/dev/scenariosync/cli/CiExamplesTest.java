package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * No CI runner is available here, so the examples are checked by parsing: valid YAML, and every
 * scenario-sync command they run parses with the real CLI (the commands and flags exist).
 */
class CiExamplesTest {
  static Object yaml(String file) throws IOException {
    return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(file)));
  }

  /** Every scenario-sync invocation in the YAML's strings, as argument lists. */
  static List<List<String>> invocations(Object node) {
    List<List<String>> out = new ArrayList<>();
    walk(node, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  static void walk(Object node, List<List<String>> out) {
    if (node instanceof Map<?, ?> m) {
      m.values().forEach(v -> walk(v, out));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> walk(v, out));
    } else if (node instanceof String s) {
      for (String line : s.split("[\n;]")) {
        int at = line.indexOf("./scenario-sync ");
        if (at >= 0) {
          String cmd = line.substring(at + "./scenario-sync ".length()).split("[>|&]")[0].trim();
          out.add(Arrays.asList(cmd.split("\\s+")));
        }
      }
    }
  }

  static void assertParses(List<String> args) {
    // throws on an unknown command or flag
    OfflineCli.commandLine().parseArgs(args.toArray(String[]::new));
  }

  @Test
  void githubWorkflowRunsRealCommands() throws IOException {
    Object wf = yaml("examples/ci/github-actions.yml");
    assertThat(((Map<?, ?>) wf).get("jobs")).isInstanceOf(Map.class);
    List<List<String>> calls = invocations(wf);
    assertThat(calls.stream().map(c -> c.get(0))).contains("validate", "plan", "apply");
    assertThat(calls).anyMatch(c -> c.containsAll(List.of("--format", "github")));
    assertThat(calls)
        .anyMatch(c -> c.containsAll(List.of("--format", "markdown", "--detailed-exitcode")));
    assertThat(calls).anyMatch(c -> c.containsAll(List.of("apply", "--plan")));
    calls.forEach(CiExamplesTest::assertParses);
    assertThat(Files.readString(Path.of("examples/ci/github-actions.yml")))
        .contains("<!-- scenario-sync:plan -->")
        .contains("GITHUB_STEP_SUMMARY");
  }

  /**
   * The merge applies the plan the reviewer saw: the pull-request job saves it and keeps it, the
   * apply job downloads that file and never plans afresh (a fresh plan would silently build on a UI
   * edit made after the review).
   */
  @Test
  void githubAppliesTheReviewedPlanNotAFreshOne() throws IOException {
    Map<?, ?> jobs = (Map<?, ?>) ((Map<?, ?>) yaml("examples/ci/github-actions.yml")).get("jobs");
    Map<?, ?> plan = (Map<?, ?>) jobs.get("plan");
    Map<?, ?> apply = (Map<?, ?>) jobs.get("apply");
    assertThat(invocations(plan))
        .anyMatch(c -> c.containsAll(List.of("plan", "--out", "plan.json")));
    assertThat(step(plan, "actions/upload-artifact@v4").get("with").toString())
        .contains("name=scenario-plan", "path=plan.json");

    assertThat(invocations(apply)).noneMatch(c -> c.get(0).equals("plan"));
    assertThat(invocations(apply))
        .containsExactly(
            List.of("show", "plan.json"),
            List.of("apply", "--plan", "plan.json", "--auto-approve"));
    assertThat(step(apply, "actions/download-artifact@v4").get("with").toString())
        .contains("name=scenario-plan", "run-id=${{ steps.reviewed.outputs.run_id }}");
    assertThat(apply.get("permissions").toString()).contains("actions=read");
  }

  @Test
  void gitlabAppliesTheReviewedPlanNotAFreshOne() throws IOException {
    Map<?, ?> pipeline = (Map<?, ?>) yaml("examples/ci/gitlab-ci.yml");
    Map<?, ?> plan = (Map<?, ?>) pipeline.get("plan");
    Map<?, ?> apply = (Map<?, ?>) pipeline.get("apply");
    assertThat(invocations(plan))
        .anyMatch(c -> c.containsAll(List.of("plan", "--out", "plan.json")));
    assertThat(plan.get("artifacts").toString()).contains("plan.json");
    assertThat(invocations(apply))
        .containsExactly(
            List.of("show", "plan.json"),
            List.of("apply", "--plan", "plan.json", "--auto-approve"));
    assertThat(apply.get("script").toString()).contains("/artifacts/plan.json");
  }

  /** The step of a GitHub job that uses the given action. */
  static Map<?, ?> step(Map<?, ?> job, String uses) {
    return ((List<?>) job.get("steps"))
        .stream()
            .map(s -> (Map<?, ?>) s)
            .filter(s -> uses.equals(s.get("uses")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step uses " + uses));
  }

  @Test
  void gitlabPipelineRunsRealCommands() throws IOException {
    List<List<String>> calls = invocations(yaml("examples/ci/gitlab-ci.yml"));
    assertThat(calls.stream().map(c -> c.get(0))).contains("validate", "plan", "apply");
    calls.forEach(CiExamplesTest::assertParses);
  }

  @Test
  void thePlanCommentIsFoundByMarkerAndAuthorAndARefusedPlanIsStillPosted() throws IOException {
    String github = Files.readString(Path.of("examples/ci/github-actions.yml"));
    assertThat(github)
        .contains(
            "c.user && c.user.login === 'github-actions[bot]' && c.body && c.body.includes(marker)")
        .contains("if: always() && steps.plan.outputs.code != ''");
    String gitlab = Files.readString(Path.of("examples/ci/gitlab-ci.yml"));
    assertThat(gitlab)
        .contains("str(n[\"author\"][\"id\"]) == os.environ[\"ME\"]")
        .contains("! grep -q '<!-- scenario-sync:plan -->' plan.md; then exit");
  }

  @Test
  void preCommitHookRunsValidate() throws IOException {
    Object hooks = yaml(".pre-commit-hooks.yaml");
    assertThat(hooks).isInstanceOf(List.class);
    Map<?, ?> hook = (Map<?, ?>) ((List<?>) hooks).get(0);
    assertThat(hook.get("id")).isEqualTo("scenario-sync-validate");
    assertThat(hook.get("entry")).isEqualTo("scenario-sync validate");
    assertThat(Path.of("scenario-sync")).isExecutable();
    assertParses(List.of("validate", "a.yaml", "b.yml"));
  }
}
