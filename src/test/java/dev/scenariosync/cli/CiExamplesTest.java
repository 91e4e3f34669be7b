package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * No CI runner is available here, so the examples are checked by parsing: valid YAML, and every
 * scenario-sync command they run parses with the real CLI (the commands and flags exist).
 */
class CiExamplesTest {
  /** How the GitHub example refers to this repository's action. */
  static final String ACTION = "<owner>/scenario-sync@";

  static Object yaml(String file) throws IOException {
    return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(file)));
  }

  /** Every scenario-sync invocation in the YAML's strings, as argument lists. */
  static List<List<String>> invocations(Object node) {
    List<List<String>> out = new ArrayList<>();
    walk(node, out);
    return out;
  }

  static final Pattern COMMAND = Pattern.compile("(?:^|[\\s;(])scenario-sync ([^>|&]+)");

  /** A command line in a script, or a step of this repository's action (its command and args). */
  @SuppressWarnings("unchecked")
  static void walk(Object node, List<List<String>> out) {
    if (node instanceof Map<?, ?> m) {
      if (m.get("uses") instanceof String uses
          && uses.startsWith(ACTION)
          && m.get("with") instanceof Map<?, ?> with
          && with.get("command") instanceof String command) {
        String args = with.get("args") instanceof String a ? a : "";
        out.add(Arrays.asList((command + " " + args).trim().split("\\s+")));
      }
      m.forEach((k, v) -> walk("name".equals(k) ? null : v, out)); // a step's name is prose
    } else if (node instanceof List<?> l) {
      l.forEach(v -> walk(v, out));
    } else if (node instanceof String s) {
      for (String line : s.split("[\n;]")) {
        Matcher cmd = COMMAND.matcher(line);
        if (cmd.find() && !line.strip().startsWith("#")) {
          out.add(Arrays.asList(cmd.group(1).trim().split("\\s+")));
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
            List.of(
                "apply",
                "--plan",
                "plan.json",
                "--auto-approve",
                "--run-tests",
                "--test-markdown",
                "tests.md"));
    assertThat(step(apply, "actions/download-artifact@v4").get("with").toString())
        .contains("name=scenario-plan", "run-id=${{ steps.reviewed.outputs.run_id }}");
    assertThat(apply.get("permissions").toString()).contains("actions=read");
  }

  /** Pull requests plan only what they change: targeted at the pull request's base commit. */
  @Test
  void pullRequestPlansAreTargetedAtTheBase() throws IOException {
    Map<?, ?> jobs = (Map<?, ?>) ((Map<?, ?>) yaml("examples/ci/github-actions.yml")).get("jobs");
    Map<?, ?> plan = (Map<?, ?>) jobs.get("plan");
    assertThat(invocations(plan))
        .anyMatch(
            c ->
                c.containsAll(
                    List.of("--changed-since", "${{github.event.pull_request.base.sha}}")));
    assertThat(step(plan, "actions/checkout@v4").get("with").toString()).contains("fetch-depth=0");
    Map<?, ?> gitlab = (Map<?, ?>) ((Map<?, ?>) yaml("examples/ci/gitlab-ci.yml")).get("plan");
    assertThat(invocations(gitlab))
        .anyMatch(
            c -> c.containsAll(List.of("--changed-since", "\"$CI_MERGE_REQUEST_DIFF_BASE_SHA\"")));
    assertThat(gitlab.get("variables").toString()).contains("GIT_DEPTH=0");
  }

  /**
   * The scheduled drift job keeps one issue, found by its marker among the issues its own bot
   * opened, and closes it when drift is gone; another job turns remote edits into a pull request.
   */
  @Test
  void driftWorkflowKeepsOneIssueAndOpensAPullRequest() throws IOException {
    String file = "examples/ci/github-drift.yml";
    Map<?, ?> wf = (Map<?, ?>) yaml(file);
    assertThat(((Map<?, ?>) wf.get("on")).keySet().toString()).contains("schedule");
    Map<?, ?> jobs = (Map<?, ?>) wf.get("jobs");
    Map<?, ?> report = (Map<?, ?>) jobs.get("report");
    assertThat(invocations(report))
        .containsExactly(
            List.of("drift", "scenarios", "--format", "markdown", "--detailed-exitcode"));
    String script =
        ((Map<?, ?>) step(report, "actions/github-script@v7").get("with")).get("script").toString();
    assertThat(script)
        .contains("<!-- scenario-sync:drift -->")
        .contains("i.user.login === bot")
        .contains("creator: bot")
        .contains("issues.create(")
        .contains("state: 'closed'");
    assertThat(report.get("permissions").toString()).contains("issues=write");
    Map<?, ?> pr = (Map<?, ?>) jobs.get("pull-request");
    assertThat(invocations(pr)).anyMatch(c -> c.get(0).equals("pull") && c.contains("--force"));
    assertThat(pr.get("permissions").toString()).contains("pull-requests=write");
    assertThat(pr.toString()).contains("gh pr create");
    invocations(wf).forEach(CiExamplesTest::assertParses);
    assertThat(Files.readString(Path.of(file))).doesNotContain("./scenario-sync", "examples/");
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
            List.of(
                "apply",
                "--plan",
                "plan.json",
                "--auto-approve",
                "--run-tests",
                "--test-markdown",
                "tests.md"));
    assertThat(apply.get("script").toString()).contains("/artifacts/plan.json");
  }

  /**
   * After the merge, the test report is added to the merged request's plan comment (found by marker
   * and author, an earlier report replaced), the job fails on the apply's or the tests' exit code
   * only after posting, and a scheduled or manual job tests every set.
   */
  @Test
  void theTestReportGoesOnTheMergedRequestsCommentAndAScheduledJobTestsEverySet()
      throws IOException {
    Map<?, ?> jobs = (Map<?, ?>) ((Map<?, ?>) yaml("examples/ci/github-actions.yml")).get("jobs");
    Map<?, ?> apply = (Map<?, ?>) jobs.get("apply");
    String post = step(apply, "actions/github-script@v7", "Add the test report").toString();
    assertThat(post)
        .contains("c.user.login === 'github-actions[bot]'")
        .contains("c.body.includes(marker)")
        .contains("mine.body.split(after)[0] + section")
        .contains("## After merge")
        .contains("if=always()");
    assertThat(apply.get("permissions").toString()).contains("pull-requests=write");
    List<?> steps = (List<?>) apply.get("steps");
    assertThat(((Map<?, ?>) steps.get(steps.size() - 1)).toString())
        .contains("if=always()")
        .contains("exit \"${{ steps.apply.outputs.exit-code || 1 }}\"");
    Map<?, ?> test = (Map<?, ?>) jobs.get("test");
    assertThat(test.get("if").toString()).contains("schedule").contains("workflow_dispatch");
    assertThat(invocations(test))
        .containsExactly(List.of("test", "--on-busy", "skip", "--test-markdown", "tests.md"));
    Map<?, ?> on = (Map<?, ?>) ((Map<?, ?>) yaml("examples/ci/github-actions.yml")).get("on");
    assertThat(on.keySet().toString()).contains("schedule", "workflow_dispatch");

    Map<?, ?> pipeline = (Map<?, ?>) yaml("examples/ci/gitlab-ci.yml");
    String glApply = ((Map<?, ?>) pipeline.get("apply")).get("script").toString();
    assertThat(glApply)
        .contains("str(n[\"author\"][\"id\"]) == os.environ[\"ME\"]")
        .contains("note[\"body\"].split(after)[0]")
        .contains("## After merge")
        .endsWith("exit \"$code\"]");
    assertThat(((Map<?, ?>) pipeline.get("apply")).get("rules").toString())
        .contains("$CI_PIPELINE_SOURCE == \"push\"");
    Map<?, ?> glTest = (Map<?, ?>) pipeline.get("test");
    assertThat(glTest.get("rules").toString()).contains("schedule").contains("web");
    assertThat(invocations(glTest))
        .containsExactly(List.of("test", "--on-busy", "skip", "--test-markdown", "tests.md"));
  }

  /** The step of a GitHub job that uses the given action and whose name starts so. */
  static Map<?, ?> step(Map<?, ?> job, String uses, String name) {
    return ((List<?>) job.get("steps"))
        .stream()
            .map(s -> (Map<?, ?>) s)
            .filter(
                s -> uses.equals(s.get("uses")) && String.valueOf(s.get("name")).startsWith(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step " + name + " uses " + uses));
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
        .contains("if: always() && steps.plan.outputs.exit-code != ''")
        .contains("continue-on-error: true");
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

  /**
   * The examples are for a team's own repository laid out as the README's Install section shows:
   * every folder they validate or plan exists there and validates, they never reach into this
   * repository (no {@code ./scenario-sync}, no {@code examples/}), and every input they give the
   * action is one that action.yml declares.
   */
  @Test
  void examplesUseOnlyPathsOfTheReadmeLayout(@TempDir Path repo) throws IOException {
    for (String entry : readmeLayout()) {
      Path p = repo.resolve(entry);
      Files.createDirectories(entry.endsWith("/") ? p : p.getParent());
      if (entry.endsWith(".yaml") && entry.startsWith("scenarios/")) {
        Files.copy(Path.of("examples/scenarios/clinic/reschedule-appointment.yaml"), p);
      }
    }
    assertThat(repo.resolve("scenarios")).isDirectory();
    Set<String> declared =
        ((Map<?, ?>) ((Map<?, ?>) yaml("action.yml")).get("inputs"))
            .keySet().stream().map(Object::toString).collect(Collectors.toSet());
    for (String file : List.of("examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml")) {
      String text = Files.readString(Path.of(file));
      assertThat(text).as(file).doesNotContain("./scenario-sync", "examples/");
      List<List<String>> calls = invocations(yaml(file));
      assertThat(calls).as(file).isNotEmpty();
      for (List<String> call : calls) {
        CommandLine.ParseResult parsed =
            OfflineCli.commandLine().parseArgs(call.toArray(String[]::new));
        CommandLine.ParseResult sub = parsed.subcommand();
        if (sub == null || !List.of("validate", "plan").contains(sub.commandSpec().name())) {
          continue; // show and apply --plan read the plan file the pull request's job kept
        }
        List<String> dirs = new ArrayList<>();
        sub.matchedPositionals().forEach(p -> p.stringValues().forEach(dirs::add));
        assertThat(dirs).as(file + ": " + call).isNotEmpty();
        for (String dir : dirs) {
          assertThat(repo.resolve(dir)).as(file + ": " + call).isDirectory();
        }
        Cli.Result r = new Cli(repo).run(concat(List.of("validate"), dirs));
        assertThat(r.exit()).as(file + ": " + r.all()).isZero();
      }
      for (Map<?, ?> step : actionSteps(yaml(file))) {
        Map<?, ?> with = (Map<?, ?>) step.get("with");
        assertThat(with.keySet().stream().map(Object::toString))
            .as(file)
            .allMatch(declared::contains);
      }
    }
    assertThat(actionSteps(yaml("examples/ci/github-actions.yml"))).hasSizeGreaterThanOrEqualTo(3);
  }

  static String[] concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }

  /** The steps that use this repository's action. */
  static List<Map<?, ?>> actionSteps(Object node) {
    List<Map<?, ?>> out = new ArrayList<>();
    collectActionSteps(node, out);
    return out;
  }

  static void collectActionSteps(Object node, List<Map<?, ?>> out) {
    if (node instanceof Map<?, ?> m) {
      if (m.get("uses") instanceof String uses && uses.startsWith(ACTION)) {
        out.add(m);
      }
      m.values().forEach(v -> collectActionSteps(v, out));
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collectActionSteps(v, out));
    }
  }

  /** The paths of the README's "your-scenarios/" tree, relative to it ("scenarios/", ...). */
  static List<String> readmeLayout() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```text\nyour-scenarios/\n");
    assertThat(start).as("the layout in the README's Install section").isNotNegative();
    String block = readme.substring(start, readme.indexOf("```", start + 3));
    List<String> paths = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    for (String line : block.lines().skip(2).toList()) {
      int indent = (line.length() - line.stripLeading().length()) / 2 - 1;
      String entry = line.strip().split("\\s+")[0];
      while (parents.size() > indent) {
        parents.remove(parents.size() - 1);
      }
      String path = String.join("", parents) + entry;
      paths.add(path);
      if (entry.endsWith("/")) {
        parents.add(entry);
      }
    }
    return paths;
  }
}
