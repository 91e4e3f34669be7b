package dev.scenariosync.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.InitialMessageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  static final String VALID =
      "name: %s\nobjective: o\ninstructions: i\ninitial_message_type: skip\n";

  @TempDir Path dir;

  ScenarioLoader.Result load(Path... roots) {
    return new ScenarioLoader(ScenarioLoader.Options.defaults(), dir).load(List.of(roots));
  }

  @Test
  void examplesAreValidAndReadAsWritten() {
    Path examples = Path.of("examples", "scenarios").toAbsolutePath();
    ScenarioLoader.Result r =
        new ScenarioLoader(ScenarioLoader.Options.defaults(), Path.of("").toAbsolutePath())
            .load(List.of(examples));

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.scenarios()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(r.scenarios())
        .extracting(s -> s.content().initialMessageType())
        .contains(
            InitialMessageType.USER_MESSAGE,
            InitialMessageType.SKIP,
            InitialMessageType.EXTERNAL_EVENT);
    DesiredScenario reminder =
        r.scenarios().stream()
            .filter(s -> s.name().equals("Outbound appointment reminder"))
            .findFirst()
            .orElseThrow();
    assertThat(reminder.content().conversationStartsAt())
        .isEqualTo(Instant.parse("2026-12-01T22:30:00Z"));
    DesiredScenario reschedule =
        r.scenarios().stream()
            .filter(s -> s.name().equals("Reschedule appointment"))
            .findFirst()
            .orElseThrow();
    assertThat(reschedule.tags()).containsEntry("owner", null).containsEntry("suite", "regression");
    assertThat(reschedule.content().instructions()).contains("\n").endsWith("1986.\n");
    assertThat(r.fileHashes()).hasSize(11).allSatisfy((f, h) -> assertThat(h).hasSize(64));
    assertThat(r.resources()).hasSize(6);
  }

  @Test
  void multiDocumentFileGivesOneScenarioPerDocumentWithItsLine() throws IOException {
    write("two.yaml", VALID.formatted("A") + "---\n" + VALID.formatted("B") + "---\n");
    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.scenarios()).extracting(DesiredScenario::name).containsExactly("A", "B");
    assertThat(r.scenarios().get(1).source().line()).isEqualTo(6);
  }

  @Test
  void aStartTimeKeepsTheFileSpellingForDisplayOnly() throws IOException {
    write("a.yaml", VALID.formatted("A") + "conversation_starts_at: '2026-12-01T17:30:00-05:00'\n");
    write("b.yaml", VALID.formatted("B") + "conversation_starts_at: 2026-12-01T22:30:00Z\n");
    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics()).isEmpty();
    var a = r.scenarios().get(0).content();
    var b = r.scenarios().get(1).content();
    assertThat(a.startsAtAsWritten()).isEqualTo("2026-12-01T17:30:00-05:00");
    assertThat(a.conversationStartsAt()).isEqualTo(java.time.Instant.parse("2026-12-01T22:30:00Z"));
    assertThat(b.startsAtAsWritten()).isEqualTo("2026-12-01T22:30:00Z");
    // The spelling is not compared: both name the same instant.
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void crlfBomAndTrailingSpacesAreRead() throws IOException {
    Files.write(
        dir.resolve("crlf.yaml"),
        ("\uFEFFname: 'Crlf  '\r\nobjective: |\r\n  line one  \r\n  line two\r\n"
                + "instructions: i\r\ninitial_message_type: skip\r\n")
            .getBytes(StandardCharsets.UTF_8));
    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics()).isEmpty();
    DesiredScenario s = r.scenarios().get(0);
    assertThat(s.key()).isEqualTo("Crlf");
    assertThat(s.normalized().content().objective()).isEqualTo("line one  \nline two");
  }

  @Test
  void sameNameAfterStrippingAcrossFilesNamesBothPlaces() throws IOException {
    write("a.yaml", VALID.formatted("Same"));
    write("sub/b.yaml", VALID.formatted("\"  Same\\u00a0\""));
    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo("sub/b.yaml");
              assertThat(d.message())
                  .contains("duplicate scenario name 'Same'")
                  .contains("a.yaml:1:7");
            });
  }

  @Test
  void ownershipOffAllowsTwentyTags() throws IOException {
    StringBuilder tags = new StringBuilder("tags:\n");
    for (int i = 0; i < 20; i++) {
      tags.append("  t").append(i).append(": v\n");
    }
    write("t.yaml", VALID.formatted("T") + tags);
    assertThat(load(dir).hasErrors()).isTrue();
    ScenarioLoader.Result off =
        new ScenarioLoader(new ScenarioLoader.Options(null), dir).load(List.of(dir));
    assertThat(off.diagnostics()).isEmpty();
  }

  @Test
  void fileOverOneMebibyteIsRefusedWithoutReading() throws IOException {
    write("big.yaml", VALID.formatted("Big") + "# " + "x".repeat(1 << 20) + "\n");
    assertThat(load(dir).diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("larger than the 1 MiB limit"));
  }

  @Test
  void symlinkLoopIsReportedAndSkipped() throws IOException {
    write("a.yaml", VALID.formatted("A"));
    Files.createSymbolicLink(dir.resolve("loop"), dir);
    ScenarioLoader.Result r = load(dir);
    assertThat(r.scenarios()).hasSize(1);
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("symbolic link loop; skipped");
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void hiddenFoldersConfigFileAndOtherExtensionsAreSkipped() throws IOException {
    write("a.yml", VALID.formatted("A"));
    write(".scenario-sync/local/x.yaml", "garbage: [");
    write(".hidden.yaml", "garbage: [");
    write("scenario-sync.yaml", "not: a scenario");
    write("notes.txt", "hello");
    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.scenarios()).extracting(DesiredScenario::name).containsExactly("A");
  }

  @Test
  void thousandsOfFilesAreAllRead() throws IOException {
    for (int i = 0; i < 3000; i++) {
      write("d" + (i % 30) + "/s" + i + ".yaml", VALID.formatted("S" + i));
    }
    ScenarioLoader.Result r = load(dir);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.scenarios()).hasSize(3000);
  }

  @Test
  void emptyFileIsAWarningNotAnError() throws IOException {
    write("empty.yaml", "");
    write("comments.yaml", "# nothing yet\n");
    ScenarioLoader.Result r = load(dir);
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.diagnostics())
        .hasSize(2)
        .allMatch(d -> d.message().equals("file holds no scenario"));
  }

  @Test
  void missingPathIsAnError() {
    ScenarioLoader.Result r = load(Path.of("nope"));
    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).isEqualTo("no such file or directory"));
  }

  @Test
  void tagsKeepNullValuesAndUnicode() throws IOException {
    write("u.yaml", VALID.formatted("U") + "tags:\n  café: thé\n  owner: null\n  x: ~\n");
    DesiredScenario s = load(dir).scenarios().get(0);
    java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("café", "thé");
    expected.put("owner", null);
    expected.put("x", null);
    assertThat(s.tags()).containsExactlyEntriesOf(expected);
  }

  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
