package dev.scenariosync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** The shaded jar that the process tests run, as a user would run it. */
public final class ShadedJar {
  private ShadedJar() {}

  /** {@code target/scenario-sync.jar}; fails the test with the reason when it is not built. */
  public static Path path() {
    Path jar = Path.of("target", "scenario-sync.jar").toAbsolutePath();
    assertThat(jar)
        .as(
            "the shaded jar: the tests run in Maven's 'package' phase after shade"
                + " (mvn -B -ntp verify), never before it")
        .isRegularFile();
    return jar;
  }
}
