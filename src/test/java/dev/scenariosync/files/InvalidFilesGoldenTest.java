package dev.scenariosync.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.Cli;
import dev.scenariosync.support.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code src/test/resources/invalid} is validated alone; its diagnostics must match
 * the {@code .expected} file beside it, byte for byte.
 */
class InvalidFilesGoldenTest {
  static final Path DIR = Golden.resources("invalid");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnosticsMatchTheGoldenFile(String file) {
    Cli.Result r = new Cli(DIR).run("validate", file);

    assertThat(r.exit()).as("exit code of %s", file).isEqualTo(1);
    assertThat(r.err())
        .as("names the file and a line")
        .containsPattern("(?m)^" + java.util.regex.Pattern.quote(file) + ":\\d+:\\d+: error: ");
    assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    Golden.assertMatches(DIR.resolve(file.replace(".yaml", ".expected")), r.err());
  }

  @Test
  void everyGoldenFileHasItsInput() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> orphans =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".expected"))
              .filter(n -> !Files.exists(DIR.resolve(n.replace(".expected", ".yaml"))))
              .toList();
      assertThat(orphans).isEmpty();
    }
  }

  @Test
  void theCorpusIsLargeEnough() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(40);
  }
}
