package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderLimitsTest {
  static ResourceChange version(String name, String before, String after) {
    return new ResourceChange.Update(
        ResourceKind.SCENARIO,
        name,
        new SourceLocation("s/" + name + ".yaml", 1, 7),
        "aaaaaaaaaaaaaaaaaaaaaaaa",
        null,
        2,
        ScenarioFields.of(new VersionContent("o", before, InitialMessageType.SKIP, null)),
        ScenarioFields.of(new VersionContent("o", after, InitialMessageType.SKIP, null)),
        Map.of(),
        Map.of(),
        List.of("instructions"),
        Map.of(),
        false,
        1,
        null,
        List.of());
  }

  @Test
  void markdownStaysUnderTheLimitAndSaysWhatItCut() {
    List<ResourceChange> changes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      for (int line = 0; line < 400; line++) {
        a.append("old line ").append(line).append(" of scenario ").append(i).append('\n');
        b.append("new line ").append(line).append(" of scenario ").append(i).append('\n');
      }
      changes.add(version("Scenario " + i, a.toString(), b.toString()));
    }
    String md = PlanMarkdown.render(new Plan("acme", changes, 0, List.of()));
    assertThat(md.length()).isLessThan(PlanMarkdown.LIMIT);
    assertThat(md).startsWith(PlanMarkdown.MARKER).contains("Diff cut:").contains("| 0 | 40 |");
    assertThat(md.split("```diff", -1).length - 1)
        .as("fences open and close")
        .isEqualTo(md.split("\n```\n", -1).length - 1);
  }

  @Test
  void markdownFencesSurviveBackticksAndEscapesHtml() {
    String md =
        PlanMarkdown.render(
            new Plan("acme", List.of(version("<b>x</b>", "a", "```\nb")), 0, List.of()));
    assertThat(md).contains("````diff").contains("&lt;b&gt;x&lt;/b&gt;");
  }

  @Test
  void colourHighlightsTheChangedWordsOnly() {
    Plan plan =
        new Plan(
            "acme",
            List.of(version("C", "Offer Wednesday first.", "Offer Thursday first.")),
            0,
            List.of());
    String plain = PlanText.render(plan, false);
    String colour = PlanText.render(plan, true);
    assertThat(plain).doesNotContain("\u001b[");
    assertThat(colour)
        .contains("\u001b[31m-instructions: Offer \u001b[7mWednesday\u001b[27m first.");
    assertThat(colour)
        .contains("\u001b[32m+instructions: Offer \u001b[7mThursday\u001b[27m first.");
  }

  @Test
  void aSavedPlansResourceSectionStaysUnderTheLimitAndItsFenceHolds() {
    // A saved plan is untrusted: many changes with names full of backticks.
    tools.jackson.databind.node.ArrayNode resources =
        tools.jackson.databind.json.JsonMapper.builder().build().createArrayNode();
    for (int i = 0; i < 5_000; i++) {
      resources
          .addObject()
          .put("kind", "persona")
          .put("name", "P" + i + " ````` ```\n```` " + "x".repeat(150))
          .put("action", "create");
    }
    String md = ResourceText.savedMarkdown(resources, 10_000);
    assertThat(md.length()).isLessThanOrEqualTo(10_000);
    assertThat(md).contains("Diff cut:").contains("P0 `````");
    String fence = md.substring(md.indexOf("``````"), md.indexOf("diff\n"));
    assertThat(fence).isEqualTo("``````");
    String body = md.substring(md.indexOf("diff\n") + 5, md.lastIndexOf("\n" + fence + "\n"));
    assertThat(body).doesNotContain(fence).doesNotContain("\n```\n");
  }
}
