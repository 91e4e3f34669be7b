package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Git's process handling against real executables: a hanging git is bounded and killed. */
class GitTest {
  @TempDir Path dir;

  private Path script(String body) throws Exception {
    Path git = dir.resolve("git");
    Files.writeString(git, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwx------"));
    return git;
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aGitThatHangsHoldingItsOutputOpenIsBoundedAndKilled() throws Exception {
    Path pidFile = dir.resolve("sleep.pid");
    // The shell starts a child that keeps stdout open and waits for it: the read never ends.
    Path git = script("printf partial; sleep 120 & echo $! > '" + pidFile + "'; wait");
    Git g = new Git(dir, git.toString(), 1000);

    assertThatThrownBy(g::topLevel)
        .isInstanceOf(UserError.class)
        .hasMessage("git did not finish within 1 s");

    long pid = Long.parseLong(Files.readString(pidFile).strip());
    // The child it started is killed with it, not left holding the pipe.
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void aGitThatAnswersIsRead() throws Exception {
    Path git = script("printf '%s\\n' /some/top");
    assertThat(new Git(dir, git.toString(), 5000).topLevel()).isEqualTo(Path.of("/some/top"));
  }

  @Test
  void aGitThatFailsIsAUserErrorNamingTheCommand() throws Exception {
    Path git = script("exit 128");
    assertThatThrownBy(() -> new Git(dir, git.toString(), 5000).topLevel())
        .isInstanceOf(UserError.class)
        .hasMessageContaining("git rev-parse --show-toplevel failed (exit 128)");
  }

  private void git(Path in, String... args) throws Exception {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of("git", "-c", "user.name=t", "-c", "user.email=t@x"));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }

  @Test
  void fromASubfolderEveryChangeOfTheRepositoryIsListedFromItsTopWhateverTheConfiguration()
      throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("suite"));
    Files.createDirectories(repo.resolve("tools"));
    Files.writeString(repo.resolve("suite/a.yaml"), "name: A\n");
    Files.writeString(repo.resolve("tools/keep.txt"), "x\n");
    git(repo, "init", "-q", "-b", "main");
    // a setting users have: diff paths relative to the current folder, and only below it
    git(repo, "config", "diff.relative", "true");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "one");
    Files.writeString(repo.resolve("suite/a.yaml"), "name: A2\n");
    Files.writeString(repo.resolve("suite/new.yaml"), "name: N\n");

    // plan ../suite, run from tools/: the scenario folder is beside the current one
    Git g = new Git(repo.resolve("tools"));
    assertThat(g.changedSince(g.commit("HEAD")))
        .containsExactlyInAnyOrder(
            new Git.Difference('M', "suite/a.yaml", "suite/a.yaml"),
            new Git.Difference('A', null, "suite/new.yaml"));
  }
}
