package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal diff's word highlighting. */
class PlanDiffTest {
  static final String REV = "\u001b[7m";
  static final String NOREV = "\u001b[27m";

  @Test
  void changedWordsAreHighlightedAlsoWhenLineCountsDiffer() {
    List<String> out =
        PlanDiff.coloured(
            List.of(
                "@@ instructions @@",
                "-  Be polite. Offer Wednesday first.",
                "+  Be polite.",
                "+  Offer Thursday first."));
    assertThat(out).hasSize(4);
    assertThat(out.get(1)).contains(REV + "Wednesday" + NOREV).doesNotContain(REV + "Be");
    assertThat(out.get(3)).contains(REV + "Thursday" + NOREV).doesNotContain(REV + "Offer");
    assertThat(out.get(2)).doesNotContain(REV + "polite");
  }

  @Test
  void aChangedStartTimeHighlightsTheTimesNotTheKey() {
    List<String> out =
        PlanDiff.coloured(
            List.of(
                "@@ conversation_starts_at @@",
                "-conversation_starts_at: 2026-12-01T22:30:00Z",
                "+conversation_starts_at: 2026-12-01T18:30:00-05:00  # 2026-12-01T23:30:00Z"));
    assertThat(out).hasSize(3);
    assertThat(out.get(1))
        .startsWith("\u001b[31m-conversation_starts_at: 2026-12-")
        .contains(REV + "01T22" + NOREV);
    assertThat(out.get(2))
        .startsWith("\u001b[32m+conversation_starts_at: 2026-12-")
        .contains(REV + "01T18" + NOREV)
        .contains(REV + "00-05:00  # 2026-12-01T23:30:" + NOREV);
  }

  @Test
  void wordsKeepEveryCharacterOfTheText() {
    String s = "a\u2028b\u0085c d\te\n😀 f.g";
    assertThat(String.join("", WordDiff.tokens(s))).isEqualTo(s);
  }
}
