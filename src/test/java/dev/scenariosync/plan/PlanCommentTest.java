package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.render.PlanMarkdown;
import dev.scenariosync.render.PlanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pull-request comment as a reviewer sees it: rendered with CommonMark and the GFM extensions
 * (as GitHub renders it), its HTML marks exactly the changed words, keeps every section, and cuts a
 * plan too long for one comment where it matters least.
 */
class PlanCommentTest {
  static Plan plan(String name) {
    PlanGoldenTest.Case c =
        PlanGoldenTest.cases().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return Planner.scenarios("acme", c.desired(), c.remote(), c.options(), null);
  }

  static List<String> all(String regex, String s) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(s);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static String html(Plan plan) {
    return RemoteTextTest.html(PlanMarkdown.render(plan, PlanGoldenTest.CTX));
  }

  @Test
  void personasUnitTestsAndSetsReadAsScenariosDo() {
    ResourceChange persona =
        new ResourceChange.Update(
            dev.scenariosync.model.ResourceKind.PERSONA,
            "Anxious <b>patient</b>",
            new dev.scenariosync.model.SourceLocation("suite/personas.yaml", 4, 1),
            "aaaaaaaaaaaaaaaaaaaaaaaa",
            null,
            2,
            Map.of("background", "Speaks slowly. Asks for things to be repeated."),
            Map.of("background", "Speaks very slowly. Asks for things to be repeated."),
            Map.of("suite", "clinic", "managed_by", "scenario_sync"),
            Map.of("suite", "clinic", "managed_by", "scenario_sync"),
            List.of("background"),
            Map.of(),
            false);
    ResourceChange test =
        new ResourceChange.Update(
            dev.scenariosync.model.ResourceKind.UNIT_TEST,
            "Triage",
            null,
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            java.time.Instant.parse("2026-11-01T00:00:00.000Z"),
            null,
            Map.of("max_interactions", 6),
            Map.of("max_interactions", 8),
            Map.of("suite", "clinic", "managed_by", "scenario_sync"),
            Map.of("suite", "smoke", "managed_by", "scenario_sync"),
            List.of("max_interactions", "tags"),
            Map.of(),
            false);
    Plan plan = new Plan("acme", List.of(persona, test), 3, List.of(), null, null, 4);
    String md = PlanMarkdown.render(plan, PlanGoldenTest.CTX);
    String html = RemoteTextTest.html(md);
    assertThat(all("<ins>(.*?)</ins>", html)).containsExactly("very");
    assertThat(html)
        .as("a changed text is marked by words outside any code block, as for scenarios")
        .contains(
            "<p><strong>background</strong></p>\n<ul>\n<li>Speaks <ins>very</ins> slowly.</li>")
        .contains("<h4>Personas</h4>")
        .contains("<h4>Unit tests</h4>")
        .contains(
            "<code>~ update</code> <b>Anxious &lt;b&gt;patient&lt;/b&gt;</b> · v1 → v2 ·"
                + " background: 1 word")
        .contains("<code>~ update</code> <b>Triage</b> · max&#95;interactions · tags: suite")
        .as("every field of every kind in the same diff as scenarios")
        .contains("-max_interactions: 6\n+max_interactions: 8")
        .contains("-  suite: clinic\n+  suite: smoke")
        .doesNotContain("managed_by");
    assertThat(html.substring(0, html.indexOf("<pre>")))
        .as("the word-marked prose comes before any code block")
        .contains("<ins>very</ins>");
    assertThat(md).contains("| create | new version | update |").contains("| 7 |");
  }

  @Test
  void aOneWordChangeInAParagraphIsMarkedAloneOutsideTheCodeBlock() {
    String html = html(plan("prose-paragraph"));
    assertThat(all("<del>(.*?)</del>", html)).containsExactly("politely");
    assertThat(all("<ins>(.*?)</ins>", html)).containsExactly("curtly");
    assertThat(html)
        .contains("<li>Ask <del>politely</del> <ins>curtly</ins> whether Wednesday or Thursday")
        .contains("· instructions: 1 word · 2 unit tests");
  }

  @Test
  void aOneWordChangeInAFoldedLineShowsOnlyItsSentence() {
    String html = html(plan("prose-folded"));
    assertThat(all("<del>(.*?)</del>", html)).containsExactly("anxious");
    assertThat(all("<ins>(.*?)</ins>", html)).containsExactly("upset");
    assertThat(all("<li>(She wants.*?)</li>", html))
        .singleElement()
        .satisfies(l -> assertThat(l).doesNotContain("elderly").doesNotContain("calm"));
  }

  @Test
  void everySectionIsPresentAndSmallOnesAreOpen() {
    for (String name : List.of("version", "tags", "delete", "blocked-delete", "drift", "create")) {
      Plan plan = plan(name);
      String html = html(plan);
      int sections = all("(<details)", html).size() - all("(Full diff)", html).size();
      assertThat(sections).as(name).isEqualTo(plan.changes().size());
      assertThat(html).as(name).contains("<details open>");
    }
    assertThat(html(plan("blocked-delete")))
        .contains("⛔ <code>! delete BLOCKED</code> <b>Used</b> · v1 · 2 unit tests")
        .contains("“audit”, “billing regression”");
    assertThat(html(plan("delete")))
        .contains("🔴 <code>- DELETE</code> <b>Old scenario</b> · v3")
        .contains("latest version 3 was made by acme/ana")
        .contains("objective: Move an appointment.");
    assertThat(html(plan("drift")))
        .contains("⚠️ reverts an edit by acme/bob")
        .doesNotContain("managed_by");
    assertThat(html(plan("adopt"))).contains("managed_by: scenario_sync");
  }

  @Test
  void refusalsComeFirstInEveryFormat() {
    Plan plan = plan("refused");
    String md = PlanMarkdown.render(plan, PlanGoldenTest.CTX);
    String text = PlanText.render(plan, false);
    assertThat(md.indexOf("Refused")).isPositive().isLessThan(md.indexOf("<details"));
    assertThat(text).startsWith("Refused: the plan deletes 2 scenarios");
  }

  @Test
  void aPlanOfOneHundredTwentyCreatesKeepsTheChangedScenarioWhole() {
    Plan plan = plan("cut-120-creates");
    String md = PlanMarkdown.render(plan, PlanGoldenTest.CTX);
    assertThat(md.length()).isLessThanOrEqualTo(PlanMarkdown.LIMIT);
    assertThat(md)
        .contains("+  Ask curtly whether")
        .contains("120 new scenarios")
        .contains("Bulk 001")
        .contains("Bulk 120")
        .contains("scenario-sync show plan.json");
  }

  @Test
  void aJobSummaryTakesTheUncutPlan() {
    String md = PlanMarkdown.render(plan("cut-120-creates"), PlanGoldenTest.CTX, 1_000_000);
    assertThat(md).doesNotContain("cut to fit").contains("+objective: Bulk objective 120.");
  }

  @Test
  void theLargestDiffIsCutFirstAndSmallOnesStayWhole() {
    List<DesiredScenario> desired = new ArrayList<>();
    List<RemoteScenario> remote = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "S" + i;
      String before =
          i == 0 ? "an old line of the instructions\n".repeat(2_500).strip() : "Be polite.";
      String after = i == 0 ? "a new line of the instructions\n".repeat(2_500).strip() : "Be curt.";
      desired.add(
          PlanGoldenTest.desired(name, Map.of(), PlanGoldenTest.content("Objective.", after)));
      remote.add(
          PlanGoldenTest.remote(
              "aaaaaaaaaaaaaaaaaaaaaaa" + i,
              name,
              PlanGoldenTest.OWNED,
              1,
              PlanGoldenTest.content("Objective.", before)));
    }
    Plan plan =
        Planner.scenarios(
            "acme", desired, new RemoteState(remote, Map.of()), PlanOptions.defaults(), null);
    String md = PlanMarkdown.render(plan, PlanGoldenTest.CTX);
    assertThat(md.length()).isLessThanOrEqualTo(PlanMarkdown.LIMIT);
    assertThat(md).contains("Diff cut:").contains("the largest diffs are cut");
    for (int i = 1; i < 6; i++) {
      assertThat(md).contains("<b>S" + i + "</b>");
    }
    assertThat(all("(\\+instructions: Be curt\\.)", md)).hasSize(5);
  }
}
