package dev.scenariosync.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the kinds work: {@code model}, {@code kinds} and the planner of {@code
 * plan} use the JDK only, and {@code kinds} depends on {@code model} alone (a kind is data, not
 * code that reaches into the client or the files).
 */
class LayersTest {
  static final Path SRC = Path.of("src/main/java/dev/scenariosync");
  static final Pattern IMPORT =
      Pattern.compile("^import (static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

  static List<String> imports(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(SRC.resolve(pkg))) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .flatMap(
              p -> {
                try {
                  Matcher m = IMPORT.matcher(Files.readString(p));
                  return m
                      .results()
                      .map(r -> p.getFileName() + ": " + r.group(2))
                      .toList()
                      .stream();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  @Test
  void modelKindsAndPlanUseTheJdkOnly() throws IOException {
    for (String pkg : List.of("model", "kinds", "plan")) {
      assertThat(imports(pkg))
          .as(pkg)
          .allSatisfy(i -> assertThat(i).matches(".*: (java|dev\\.scenariosync)\\..*"));
    }
  }

  @Test
  void kindsDependOnModelAlone() throws IOException {
    assertThat(imports("kinds"))
        .allSatisfy(
            i ->
                assertThat(i)
                    .matches(".*: (java\\.[\\w.]+|dev\\.scenariosync\\.(model|kinds)[\\w.]*)"));
  }

  @Test
  void jsonToPlainValuesIsOneLeafConversionSharedByTheFilesAndTheClient() throws IOException {
    assertThat(imports("json"))
        .as("a leaf: the JDK and Jackson only")
        .allSatisfy(i -> assertThat(i).matches(".*: (java|tools\\.jackson)\\..*"));
    List<String> copies;
    try (Stream<Path> files = Files.walk(SRC)) {
      copies =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(
                  p -> {
                    try {
                      return Files.readString(p).contains("Object plain(JsonNode");
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(p -> SRC.relativize(p).toString())
              .toList();
    }
    assertThat(copies).containsExactly("json/JsonValues.java");
  }
}
