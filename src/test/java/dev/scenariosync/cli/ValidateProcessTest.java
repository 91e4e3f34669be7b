package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.ProcessTest;
import dev.scenariosync.support.ShadedJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user would: a separate process, real streams, real exit codes. */
@ProcessTest
class ValidateProcessTest {

  record Run(int exit, String out, String err) {}

  static Run run(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", ShadedJar.path().toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void validExamplesExitZeroWithASummaryOnStdout() throws Exception {
    Run r = run(Path.of("").toAbsolutePath(), "validate", "examples/scenarios");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .matches("9 scenarios, 2 personas, 3 unit tests, 1 unit test set in 11 files: valid\\R");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void invalidFileExitsOneWithPositionedErrorsOnStderr(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "name: x\nobjective: o\ninstruction: i\ninitial_message_type: skip\n");
    Run r = run(dir, "validate");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("bad.yaml:3:1: error: unknown key 'instruction' (did you mean 'instructions'?)")
        .contains("  instruction: i\n  ^\n")
        .doesNotContain("Exception");
  }

  @Test
  void githubFormatPrintsWorkflowCommandsOnStdout(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("g.yaml"), "name: 1\n");
    Run r = run(dir, "validate", "--format", "github", ".");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("::error file=g.yaml,line=1,col=7,title=scenario-sync::'name' must be a string");
  }

  @Test
  void unknownOptionExitsOneWithAHint() throws Exception {
    Run r = run(Path.of("").toAbsolutePath(), "validate", "--formt", "json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("Unknown option: '--formt'").contains("--help");
  }

  @Test
  void versionIsPrinted() throws Exception {
    Run r = run(Path.of("").toAbsolutePath(), "--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("scenario-sync 0.");
  }
}
