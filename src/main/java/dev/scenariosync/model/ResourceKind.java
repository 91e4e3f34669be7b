package dev.scenariosync.model;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of simulation resources a file may declare, by the name a YAML {@code kind:} uses. */
public enum ResourceKind {
  SCENARIO("scenario"),
  PERSONA("persona"),
  UNIT_TEST("unit_test"),
  UNIT_TEST_SET("unit_test_set");

  private final String word;

  ResourceKind(String word) {
    this.word = word;
  }

  /** The name in files, plans and on the command line. */
  public String word() {
    return word;
  }

  public static Optional<ResourceKind> fromWord(String word) {
    return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
  }

  public static java.util.List<String> words() {
    return Arrays.stream(values()).map(ResourceKind::word).toList();
  }
}
