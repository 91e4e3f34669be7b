package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.render.PlanMarkdown;
import dev.scenariosync.render.PlanText;
import dev.scenariosync.render.Safe;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Remote text is data: whatever the remote holds, the rendered plan drives no terminal, forges no
 * CI log line and turns into no Markdown or HTML. The plan with hostile names, contents, user ids
 * and unit-test names is the {@code remote-text} golden case; this checks the properties on it and
 * on every other case.
 */
class RemoteTextTest {
  static final List<Extension> GFM =
      List.of(
          TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create());

  /** Everything a terminal could obey: C0 but newline, DEL, C1, bidi controls, separators. */
  static final Pattern CONTROL =
      Pattern.compile(
          "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]");

  /** A GitHub Actions workflow command: the runner reads it after leading blanks. */
  static final Pattern WORKFLOW_COMMAND = Pattern.compile("(?m)^\\s*::");

  static String html(String markdown) {
    Parser parser = Parser.builder().extensions(GFM).build();
    return HtmlRenderer.builder().extensions(GFM).build().render(parser.parse(markdown));
  }

  /** Character references decoded, as a browser shows text. */
  static String decode(String html) {
    StringBuilder sb = new StringBuilder();
    java.util.regex.Matcher m = Pattern.compile("&(#\\d+|lt|gt|amp|quot);").matcher(html);
    while (m.find()) {
      String ref = m.group(1);
      String ch =
          switch (ref) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> new String(Character.toChars(Integer.parseInt(ref.substring(1))));
          };
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(ch));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static Plan plan(PlanGoldenTest.Case c) {
    return Planner.scenarios("acme", c.desired(), c.remote(), c.options(), null);
  }

  static Stream<PlanGoldenTest.Case> cases() {
    return PlanGoldenTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void noControlCharacterAndNoWorkflowCommandReachesTheOutput(PlanGoldenTest.Case c) {
    Plan plan = plan(c);
    for (String out :
        List.of(
            PlanText.render(plan, false, PlanGoldenTest.CTX),
            PlanMarkdown.render(plan, PlanGoldenTest.CTX))) {
      assertThat(CONTROL.matcher(out).find()).as("a control character in%n%s", out).isFalse();
      assertThat(WORKFLOW_COMMAND.matcher(out).find()).as("a '::' line in%n%s", out).isFalse();
    }
    // In colour, the only escape sequences are the renderer's own colours and reverse video.
    String colour = PlanText.render(plan, true, PlanGoldenTest.CTX);
    assertThat(colour.replaceAll("\u001b\\[\\d+m", "")).doesNotContain("\u001b");
  }

  @Test
  void aChangedStartTimeReadsAsTheFileSpellsItOutsideTheCodeBlock() {
    Plan plan =
        plan(
            PlanGoldenTest.review()
                .filter(c -> c.name().equals("time-offset"))
                .findFirst()
                .orElseThrow());
    String html = html(PlanMarkdown.render(plan, PlanGoldenTest.CTX));
    assertThat(html)
        .contains(
            "<li><del>2026-12-01T22:30:00Z</del> <ins>2026-12-02T08:30:00.250-05:00</ins>"
                + " (2026-12-02T13:30:00.250Z)</li>")
        .contains("\n conversation_starts_at: 2026-12-01T17:30:00-05:00  # 2026-12-01T22:30:00Z\n")
        .doesNotContain("+conversation_starts_at: 2026-12-01T22:30:00Z");
    // The unchanged time of "Same time" gets no line of its own: only the changed ones do.
    assertThat(html.split("<strong>conversation_starts_at</strong>", -1)).hasSize(3);
  }

  @Test
  void hostileTextBecomesNoHeadingLinkImageMentionHtmlOrTable() {
    Plan plan = plan(PlanGoldenTest.hostile().findFirst().orElseThrow());
    String md = PlanMarkdown.render(plan, PlanGoldenTest.CTX);
    String html = html(md);
    assertThat(html)
        .doesNotContain("<h1")
        .doesNotContain("<h2")
        .doesNotContain("<a ")
        .doesNotContain("<img")
        .doesNotContain("<strong>bold")
        .doesNotContain("onerror=alert(1)>")
        .contains("&lt;img src=x onerror=alert(1)&gt;");
    // As a browser shows it (references decoded): the text, shown literally.
    String shown = decode(html);
    assertThat(shown).contains("#\u2060 Heading [link](https:\u2060//evil.example) ![img](");
    assertThat(html.split("<table>", -1)).as("only the summary table").hasSize(2);
    assertThat(html.split("<h3>", -1)).as("only the heading").hasSize(2);
    assertThat(Pattern.compile("@[A-Za-z0-9]").matcher(shown).find()).as("a mention").isFalse();
    assertThat(Pattern.compile("#[0-9]").matcher(shown).find()).as("an issue link").isFalse();
    String outsideCode = shown.replaceAll("(?s)<pre>.*?</pre>", "");
    assertThat(Pattern.compile("(?i)https?://|www\\.").matcher(outsideCode).find())
        .as("a bare link GitHub would make clickable")
        .isFalse();
    // Every section is there, closed properly: the remote "</details>" and "```" changed nothing.
    assertThat(html.split("<details", -1)).hasSize(plan.changes().size() + 1 + 1);
    assertThat(html.split("</details>", -1)).hasSize(plan.changes().size() + 1 + 1);
    assertThat(html).contains("Doomed ").contains("delete BLOCKED").contains("~ update");
  }

  @Test
  void aSixtyThousandCharacterUnitTestNameIsCutAndTheOtherSectionsStillShow() {
    Plan plan = plan(PlanGoldenTest.hostile().findFirst().orElseThrow());
    String md = PlanMarkdown.render(plan, PlanGoldenTest.CTX);
    assertThat(md.length()).isLessThan(20_000);
    assertThat(md).contains("59800 more characters").contains("Doomed ");
    assertThat(PlanText.render(plan, false)).contains("59800 more characters");
  }

  @Test
  void safeEscapesEachKindOnce() {
    assertThat(Safe.terminal("a\u001b[2Jb\tc\nd\re\u009bf\u202eg\u2066h\u2029i\u007f"))
        .isEqualTo("a\\x1b[2Jb\tc\nd\\re\\u009bf\\u202eg\\u2066h\\u2029i\\x7f");
    assertThat(Safe.terminal("ok\n  ::error::x\n::warning::y\na::b"))
        .isEqualTo("ok\n  \\x3a:error::x\n\\x3a:warning::y\na::b");
    assertThat(Safe.oneLine("a\nb\tc")).isEqualTo("a\\nb\\tc");
    assertThat(Safe.oneLine(" ::error::x")).isEqualTo(" \\x3a:error::x");
    assertThat(Safe.markdown("[x](http://e.com) @me #1 <b> | *y* `z`"))
        .isEqualTo(
            "&#91;x&#93;(http:&#8288;//e.com) &#64;&#8288;me &#35;&#8288;1 &lt;b&gt; &#124;"
                + " &#42;y&#42; &#96;z&#96;");
    assertThat(Safe.cut("a".repeat(10) + "\ud83d\ude00", 11))
        .isEqualTo("a".repeat(10) + "… (2 more characters)");
  }
}
