package dev.scenariosync.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scenario, configuration and credentials files as the file system may present them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression here is a hang, not a failure
class LocalFilesTest {
  static final String VALID =
      "name: %s\nobjective: o\ninstructions: i\ninitial_message_type: skip\n";

  @TempDir Path tmp;

  Path dir() throws IOException {
    return Files.createDirectories(tmp.resolve("repo/scenarios"));
  }

  ScenarioLoader.Result load(ScenarioLoader.Options options, Path... roots) {
    return new ScenarioLoader(options, tmp.resolve("repo")).load(List.of(roots));
  }

  ScenarioLoader.Result load(Path... roots) {
    return load(ScenarioLoader.Options.defaults(), roots);
  }

  static void mkfifo(Path p) throws IOException, InterruptedException {
    Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(proc.waitFor()).isZero();
  }

  static List<String> messages(ScenarioLoader.Result r, Severity severity) {
    return r.diagnostics().stream()
        .filter(d -> d.severity() == severity)
        .map(d -> d.file() + ": " + d.message())
        .toList();
  }

  @Test
  void aFifoNamedLikeAScenarioFileIsAnErrorNotAHang() throws Exception {
    Path dir = dir();
    Files.writeString(dir.resolve("a.yaml"), VALID.formatted("A"));
    mkfifo(dir.resolve("pipe.yaml"));

    ScenarioLoader.Result walked = load(dir);
    assertThat(messages(walked, Severity.ERROR))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("scenarios/pipe.yaml: is not a regular file");
    assertThat(walked.scenarios()).hasSize(1);

    ScenarioLoader.Result named = load(dir.resolve("pipe.yaml"));
    assertThat(messages(named, Severity.ERROR))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("is not a regular file");
  }

  @Test
  void aLinkToDevZeroIsRefusedWithoutReadingForever() throws Exception {
    Path dir = dir();
    Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));

    assertThat(messages(load(dir), Severity.ERROR))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("leads outside the scenario directories");
    assertThat(
            messages(
                load(ScenarioLoader.Options.defaults().withFollowExternalLinks(true), dir),
                Severity.ERROR))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("is not a regular file");
    assertThatThrownBy(() -> LocalFile.read(Path.of("/dev/zero"), 1 << 20))
        .hasMessageContaining("not a regular file");
    assertThatThrownBy(() -> LocalFile.read(Path.of("/proc/self/status"), 1 << 20))
        .hasMessageContaining("not a regular file");
  }

  @Test
  void theSizeIsCountedWhileReading() throws Exception {
    Path dir = dir();
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[(1 << 20) + 1]);
    Path exact = tmp.resolve("exact");
    Files.write(exact, new byte[1 << 20]);

    assertThat(LocalFile.read(exact, 1 << 20)).hasSize(1 << 20);
    assertThatThrownBy(() -> LocalFile.read(big, 1 << 20))
        .hasMessage("is larger than the 1 MiB limit");
    assertThat(messages(load(dir), Severity.ERROR))
        .containsExactly("scenarios/big.yaml: is larger than the 1 MiB limit (a scenario file)");
  }

  @Test
  void aLinkLeadingOutsideIsRefusedWithoutEchoingItsTarget() throws Exception {
    Path dir = dir();
    Path secret = Files.writeString(tmp.resolve("secret.env"), "AMIGO_API_KEY=sk-live-123\n");
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outside.resolve("o.yaml"), VALID.formatted("Outside"));
    Files.createSymbolicLink(dir.resolve("leak.yaml"), secret);
    Files.createSymbolicLink(dir.resolve("more"), outside);

    ScenarioLoader.Result r = load(dir);
    assertThat(messages(r, Severity.ERROR))
        .containsExactly(
            "scenarios/leak.yaml: is a symbolic link that leads outside the scenario directories;"
                + " refused (--follow-external-links reads it)",
            "scenarios/more: is a symbolic link that leads outside the scenario directories;"
                + " refused (--follow-external-links reads it)");
    assertThat(r.diagnostics().toString()).doesNotContain("sk-live").doesNotContain("AMIGO");
    assertThat(r.scenarios()).isEmpty();

    ScenarioLoader.Result followed =
        load(ScenarioLoader.Options.defaults().withFollowExternalLinks(true), dir);
    assertThat(followed.scenarios()).extracting(s -> s.name()).containsExactly("Outside");
  }

  @Test
  void linksInsideTheDirectoriesGivenAreFollowed() throws Exception {
    Path dir = dir();
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(shared.resolve("s.yaml"), VALID.formatted("S"));
    Path other = Files.createDirectories(tmp.resolve("repo/other"));
    Files.writeString(other.resolve("t.yaml"), VALID.formatted("T"));
    Files.createSymbolicLink(dir.resolve("alias.yaml"), shared.resolve("s.yaml"));
    Files.createSymbolicLink(dir.resolve("to-other"), other);

    ScenarioLoader.Result r = load(dir.resolve("shared"), dir.resolve("to-other"));
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.scenarios()).extracting(s -> s.name()).containsExactlyInAnyOrder("S", "T");
    ScenarioLoader.Result all = load(dir, other);
    // both links are read, the second since it leads into another directory given
    assertThat(messages(all, Severity.ERROR))
        .hasSize(2)
        .anyMatch(m -> m.contains("duplicate scenario name 'S'"))
        .anyMatch(m -> m.contains("duplicate scenario name 'T'"));
  }

  @Test
  void aDanglingLinkIsAWarningAndAnErrorWhenPruning() throws Exception {
    Path dir = dir();
    Files.writeString(dir.resolve("a.yaml"), VALID.formatted("A"));
    Files.createSymbolicLink(dir.resolve("b.yaml"), tmp.resolve("gone.yaml"));
    Files.createSymbolicLink(dir.resolve("team"), tmp.resolve("gone-folder"));

    ScenarioLoader.Result r = load(dir);
    assertThat(r.hasErrors()).isFalse();
    assertThat(messages(r, Severity.WARNING))
        .containsExactly(
            "scenarios/b.yaml: is a dangling symbolic link (its target does not exist); the"
                + " scenarios it may declare are ignored",
            "scenarios/team: is a dangling symbolic link (its target does not exist); the"
                + " scenarios it may declare are ignored");

    ScenarioLoader.Result pruning = load(ScenarioLoader.Options.defaults().withPrune(true), dir);
    assertThat(messages(pruning, Severity.ERROR))
        .hasSize(2)
        .allMatch(m -> m.contains("dangling") && m.contains("--prune refuses"));
    assertThat(ScenarioLoader.hashes(List.of(dir), tmp.resolve("repo"))).hasSize(1);
  }

  @Test
  void aMissingOrDanglingRootIsAnError() throws Exception {
    Path dir = dir();
    ScenarioFinder.Found found =
        ScenarioFinder.find(List.of(dir.resolve("a.yaml")), tmp.resolve("repo"));
    assertThat(found.problems())
        .extracting(Diagnostic::message)
        .containsExactly("no such file or directory");
    Path dangling = dir.resolve("x");
    Files.createSymbolicLink(dangling, tmp.resolve("nothing"));
    ScenarioFinder.Found viaRoot = ScenarioFinder.find(List.of(dangling), tmp.resolve("repo"));
    assertThat(viaRoot.problems())
        .extracting(Diagnostic::message)
        .containsExactly("is a dangling symbolic link (its target does not exist)");
  }

  @Test
  void aFolderThatCannotBeListedIsAWarningAndAnErrorWhenPruning() throws Exception {
    Path dir = dir();
    Files.writeString(dir.resolve("a.yaml"), VALID.formatted("A"));
    Path locked = Files.createDirectories(dir.resolve("locked"));
    Files.writeString(locked.resolve("b.yaml"), VALID.formatted("B"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      // root lists any folder: this runs for ordinary users (as most CI runners are)
      Assumptions.assumeFalse(Files.isReadable(locked), "running as root");
      assertThat(messages(load(dir), Severity.WARNING))
          .containsExactly(
              "scenarios/locked: folder cannot be read: permission denied; the scenarios it may"
                  + " declare are ignored");
      assertThat(
              messages(
                  load(ScenarioLoader.Options.defaults().withPrune(true), dir), Severity.ERROR))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("permission denied; --prune refuses");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aLinkLoopIsAWarning() throws Exception {
    Path dir = dir();
    Files.writeString(dir.resolve("a.yaml"), VALID.formatted("A"));
    Files.createSymbolicLink(dir.resolve("loop"), dir);

    ScenarioLoader.Result r = load(dir);
    assertThat(r.scenarios()).hasSize(1);
    assertThat(messages(r, Severity.WARNING))
        .containsExactly("scenarios/loop: symbolic link loop; skipped");
  }

  @Test
  void aFileNameWithAControlCharacterIsShownEscaped() throws Exception {
    Path dir = dir();
    Files.writeString(dir.resolve("x\u001b[2J.yaml"), VALID.formatted("A"));

    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo("scenarios/x\\x1b[2J.yaml");
              assertThat(d.message()).contains("control character");
            });
  }

  @Test
  void theConfigurationFileIsReadTheSameWay() throws Exception {
    Path dir = dir();
    Path fifo = dir.resolve("scenario-sync.yaml");
    mkfifo(fifo);
    ConfigFile.Result r = ConfigFile.read(fifo, tmp.resolve("repo"));
    assertThat(r.config()).isNull();
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("is not a regular file");

    Path escaped =
        Files.writeString(tmp.resolve("c.yaml"), "default_environment: \"\\e]0;x\\a\"\n");
    ConfigFile.Result bad = ConfigFile.read(escaped, tmp);
    assertThat(bad.config()).isNull();
    assertThat(bad.diagnostics().toString()).contains("control character").doesNotContain("\u001b");
  }
}
