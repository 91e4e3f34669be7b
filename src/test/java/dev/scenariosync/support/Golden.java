package dev.scenariosync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a golden file. Run with {@code -Dgolden.update=true} to rewrite the golden
 * files from the current output (then review the diff in git).
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  public static void assertMatches(Path golden, String actual) {
    try {
      if (updating()) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(golden).as("golden file %s (run with -Dgolden.update=true)", golden).exists();
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      assertThat(actual).as("output against %s", golden).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The source folder of test resources, so that golden files are written back to git. */
  public static Path resources(String folder) {
    return Path.of("src", "test", "resources", folder);
  }
}
