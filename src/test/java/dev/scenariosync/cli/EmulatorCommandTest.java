package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator command's own checks of its flags, before anything starts. */
class EmulatorCommandTest {
  @Test
  void aNegativeRunDurationIsAUserError(@TempDir Path dir) {
    Cli.Result r = new Cli(dir).run("emulator", "--port", "0", "--run-duration", "PT-1S");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--run-duration must not be negative").doesNotContain("Exception");
    Cli.Result bad = new Cli(dir).run("emulator", "--run-duration", "soon");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("is not a duration");
  }
}
