package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DiagnosticRendererTest {
  final Diagnostic d =
      new Diagnostic("dir/a,b.yaml", 3, 5, Severity.ERROR, "bad: 100%\nnext", "/tags/x", "  x: 1");

  @Test
  void jsonHasTheDocumentedFields() {
    JsonNode array = JsonMapper.builder().build().readTree(DiagnosticRenderer.json(List.of(d)));
    assertThat(array.isArray()).isTrue();
    JsonNode o = array.get(0);
    assertThat(o.get("file").asString()).isEqualTo("dir/a,b.yaml");
    assertThat(o.get("line").asInt()).isEqualTo(3);
    assertThat(o.get("column").asInt()).isEqualTo(5);
    assertThat(o.get("severity").asString()).isEqualTo("error");
    assertThat(o.get("message").asString()).isEqualTo("bad: 100%\nnext");
    assertThat(o.get("pointer").asString()).isEqualTo("/tags/x");
  }

  @Test
  void githubEscapesPropertiesAndData() {
    assertThat(DiagnosticRenderer.github(List.of(d)))
        .isEqualTo(
            "::error file=dir/a%2Cb.yaml,line=3,col=5,title=scenario-sync::bad: 100%25%0Anext\n");
  }

  @Test
  void textShowsTheLineAndACaretUnderTheColumn() {
    assertThat(DiagnosticRenderer.text(List.of(d)))
        .isEqualTo("dir/a,b.yaml:3:5: error: bad: 100%\nnext\n    x: 1\n      ^\n");
  }

  @Test
  void longLinesAreCutAroundTheColumn() {
    String line = "a".repeat(300) + "X" + "b".repeat(300);
    Diagnostic far = new Diagnostic("f", 1, 301, Severity.ERROR, "m", "", line);
    String[] lines = DiagnosticRenderer.text(List.of(far)).split("\n");
    assertThat(lines[1]).startsWith("  ...").endsWith("...").hasSizeLessThan(120);
    assertThat(lines[1].charAt(lines[2].length() - 1)).isEqualTo('X');
  }

  @Test
  void controlCharactersNeverReachATerminalOrACiLog() {
    Diagnostic bad =
        new Diagnostic(
            "a\u001b]8;;x\u0007.yaml",
            1,
            7,
            Severity.ERROR,
            "bad key '\u001b[2J'\n::error::forged",
            "",
            "name: a\u001b[2J\u202eb");
    for (String out :
        List.of(DiagnosticRenderer.text(List.of(bad)), DiagnosticRenderer.github(List.of(bad)))) {
      assertThat(out).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\n::");
    }
    assertThat(DiagnosticRenderer.text(List.of(bad)))
        .contains("  name: a\\x1b[2J\\u202eb\n")
        .contains("\n\\x3a:error::forged");
  }
}
