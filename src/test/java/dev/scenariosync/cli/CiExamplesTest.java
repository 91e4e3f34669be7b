package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

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
    CliContext ctx =
        new CliContext(
            Path.of("").toAbsolutePath(),
            Map.of(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            System.in,
            false,
            false);
    CommandLine cl = Main.commandLine(ctx);
    cl.parseArgs(args.toArray(String[]::new)); // throws on an unknown command or flag
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

  @Test
  void gitlabPipelineRunsRealCommands() throws IOException {
    List<List<String>> calls = invocations(yaml("examples/ci/gitlab-ci.yml"));
    assertThat(calls.stream().map(c -> c.get(0))).contains("validate", "plan", "apply");
    calls.forEach(CiExamplesTest::assertParses);
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
