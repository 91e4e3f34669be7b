package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.plan.Drift;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drift report of several kinds: each kind listed under its own name, remote names and user ids
 * of any kind unable to drive a terminal or Markdown.
 */
class DriftRenderTest {
  static final String EVIL = "x\n# heading @here \u001b[31m|";

  static Drift.Report report() {
    return new Drift.Report(
        "acme",
        List.of(ResourceKind.SCENARIO, ResourceKind.PERSONA, ResourceKind.UNIT_TEST),
        List.of(
            new Drift.Entry(
                ResourceKind.SCENARIO,
                "A",
                new SourceLocation("s.yaml", 1, 1),
                Drift.Side.FILE,
                List.of("content"),
                3,
                null,
                null),
            new Drift.Entry(
                ResourceKind.UNIT_TEST,
                "T",
                new SourceLocation("t.yaml", 2, 1),
                Drift.Side.REMOTE,
                List.of("content"),
                null,
                new UserRef("acme", EVIL),
                Instant.parse("2026-03-02T09:15:00.120Z"))),
        4,
        List.of(new Drift.Named(ResourceKind.PERSONA, EVIL)),
        List.of(new Drift.Named(ResourceKind.UNIT_TEST, "made in the UI")),
        List.of());
  }

  @Test
  void textNamesEachKindAndNoRemoteTextBreaksALine() {
    String text = DriftRender.text(report());
    assertThat(text)
        .startsWith(
            "Drift: 1 edited remotely, 1 file not applied, 1 orphan, 1 unmanaged, 4 in sync\n")
        .contains(
            "  ~ A: content differs; the file changed and is not applied yet (remote at version 3)"
                + "  (s.yaml:1)\n")
        .contains("  ! unit_test 'T': content differs; edited remotely by acme/x")
        .contains(
            "Unmanaged (no ownership tag, or another owner's):\n  unit_test 'made in the UI'\n")
        .doesNotContain("\u001b")
        .doesNotContain("\n# heading");
    assertThat(text.lines()).hasSize(7);
  }

  @Test
  void markdownHasATablePerKindAndEscapesRemoteText() {
    String md = DriftRender.markdown(report());
    assertThat(md)
        .contains("| scenario | side | differs | by | at |\n|---|---|---|---|---|\n| A | file")
        .contains("| unit test | side | differs | by | at |\n|---|---|---|---|---|\n| T | edited")
        .doesNotContain("| persona | side")
        .doesNotContain("\n# heading")
        .doesNotContain("@here")
        .doesNotContain("\u001b");
  }

  @Test
  void jsonKeepsScenariosApartAndGivesEveryEntryItsKind() {
    JsonNode json = JsonMapper.builder().build().readTree(DriftRender.json(report()));
    assertThat(json.get("scenarios")).hasSize(1);
    assertThat(json.get("scenarios").get(0).get("kind").asString()).isEqualTo("scenario");
    assertThat(json.get("scenarios").get(0).get("remote_version").asInt()).isEqualTo(3);
    assertThat(json.get("resources")).hasSize(1);
    assertThat(json.get("resources").get(0).get("kind").asString()).isEqualTo("unit_test");
    assertThat(json.get("resources").get(0).get("remote_version").isNull()).isTrue();
    assertThat(json.get("orphans")).isEmpty();
    assertThat(json.get("resource_orphans").get(0).get("name").asString()).isEqualTo(EVIL);
    assertThat(json.get("resource_unmanaged").get(0).get("kind").asString()).isEqualTo("unit_test");
    assertThat(json.get("summary").get("orphans").asInt()).isEqualTo(1);
  }
}
