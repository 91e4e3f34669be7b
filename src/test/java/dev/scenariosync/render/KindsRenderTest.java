package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Personas, unit tests and sets go through the scenarios' one rendering: the review in the
 * headline, the notes, the field diff with changed words highlighted, and counts by every action a
 * change holds; a sensitive value is never shown, its change always is.
 */
class KindsRenderTest {
  static final String REV = "\u001b[7m";
  static final String NOREV = "\u001b[27m";
  static final PlanContext CTX = new PlanContext(null, null, "ana", Ownership.DEFAULT);
  static final SourceLocation FILE = new SourceLocation("suite/personas.yaml", 4, 1);
  static final String SECRET_ONE = "tok-one-7f3a";
  static final String SECRET_TWO = "tok-two-91c2";

  static Map<String, Object> persona(String background, String token) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", "patient");
    m.put("background", background);
    m.put("sensitive_user_variables", Map.of("portal_token", new Secret(token, "remote")));
    return m;
  }

  static Plan plan(ResourceChange... changes) {
    return new Plan("acme", List.of(changes), 0, List.of());
  }

  static ResourceChange.Update personaUpdate(String tokenAfter) {
    return new ResourceChange.Update(
        ResourceKind.PERSONA,
        "Anxious patient",
        FILE,
        "aaaaaaaaaaaaaaaaaaaaaaaa",
        null,
        3,
        persona("Speaks slowly. Asks again.", SECRET_ONE),
        persona("Speaks very slowly. Asks again.", tokenAfter),
        Map.of(),
        Map.of(),
        tokenAfter.equals(SECRET_ONE)
            ? List.of("background")
            : List.of("background", "sensitive_user_variables"),
        Map.of(),
        false,
        2,
        new ResourceChange.Edit(new UserRef("acme", "bob"), Instant.parse("2026-03-02T09:15:00Z")),
        List.of(new dev.scenariosync.model.UnitTestRef("t1", "Triage", null)));
  }

  @Test
  void aPersonaVersionHasTheScenariosReviewNotesAndWordHighlightedDiff() {
    String text = PlanText.render(plan(personaUpdate(SECRET_ONE)), true, CTX);
    assertThat(text)
        .contains("Personas:")
        .contains(
            "~ Anxious patient  update v2 → v3 · background: 1 word · 1 unit test · replaces an"
                + " edit by acme/bob  (suite/personas.yaml:4)")
        .contains("WARNING: remote version 2 was made by acme/bob")
        .contains("unit tests that will run v3: \"Triage\"")
        .contains("Speaks " + REV + "very " + NOREV + "slowly.")
        .doesNotContain(REV + "Speaks")
        .as("an unchanged secret is one context line, the same on both sides")
        .contains("\n       portal_token: (sensitive)\n")
        .doesNotContain("changed)");
  }

  @Test
  void aChangedSensitiveValueShowsAsAChangeAndNeverItsValue() {
    Plan plan = plan(personaUpdate(SECRET_TWO));
    String text = PlanText.render(plan, false, CTX);
    String md = PlanMarkdown.render(plan, CTX);
    assertThat(text)
        .contains("background: 1 word · sensitive_user_variables")
        .contains("-  portal_token: (sensitive)\n")
        .contains("+  portal_token: (sensitive, changed)\n");
    assertThat(md).contains("+  portal_token: (sensitive, changed)");
    for (String out : List.of(text, md, PlanText.render(plan, true, CTX))) {
      assertThat(out).doesNotContain(SECRET_ONE).doesNotContain(SECRET_TWO);
    }
  }

  @Test
  void aUnitTestUpdateCountsEveryActionItHolds() {
    ResourceChange.Update test =
        new ResourceChange.Update(
            ResourceKind.UNIT_TEST,
            "Triage",
            null,
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            Instant.parse("2026-11-01T00:00:00Z"),
            null,
            Map.of("max_interactions", 6),
            Map.of("max_interactions", 8),
            Map.of("suite", "a"),
            Map.of("suite", "a", "managed_by", "scenario_sync"),
            List.of("max_interactions", "tags"),
            Map.of(),
            true);
    Plan plan = plan(test);
    assertThat(plan.counts())
        .containsEntry(Action.UPDATE, 1)
        .containsEntry(Action.TAGS, 1)
        .containsEntry(Action.ADOPT, 1);
    assertThat(plan.summary()).contains("1 tag change, 1 to update, 1 to adopt");
    assertThat(PlanText.render(plan, false, CTX))
        .contains(
            "~ Triage  update · max_interactions · adopt (adds the ownership tag)  (id bbbbbbbbbbbbbbbbbbbbbbbb)")
        .contains("-max_interactions: 6\n    +max_interactions: 8")
        .contains("+  managed_by: scenario_sync");
  }

  static Map<String, Object> criterion(String threshold) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", "empathy");
    c.put("metric_id", "m1");
    c.put(
        "criterion",
        dev.scenariosync.kinds.FieldRule.CRITERIA.normalize(
            Map.of(
                "type",
                "numerical",
                "verb",
                ">=",
                "threshold",
                new java.math.BigDecimal(threshold))));
    return c;
  }

  @Test
  void listItemsAreWrittenAsTheFileWritesThemSoADiffPointsAtTheChangedKey() {
    Map<String, Object> before =
        Map.of(
            "success_criteria",
            dev.scenariosync.kinds.FieldRule.CRITERIA.normalize(List.of(criterion("0.8"))));
    Map<String, Object> after =
        Map.of(
            "success_criteria",
            dev.scenariosync.kinds.FieldRule.CRITERIA.normalize(List.of(criterion("0.9"))));
    ResourceChange.Update test =
        new ResourceChange.Update(
            ResourceKind.UNIT_TEST,
            "Triage",
            new SourceLocation("suite/tests.yaml", 1, 1),
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            null,
            null,
            before,
            after,
            Map.of(),
            Map.of(),
            List.of("success_criteria"),
            Map.of(),
            false);
    Map<String, Object> runsBefore =
        Map.of(
            "unit_tests",
            List.of(
                Map.of(
                    "unit_test",
                    dev.scenariosync.model.Ref.byName(ResourceKind.UNIT_TEST, "Triage"),
                    "run_count",
                    3)));
    Map<String, Object> runsAfter =
        Map.of(
            "unit_tests",
            List.of(
                Map.of(
                    "unit_test",
                    dev.scenariosync.model.Ref.byName(ResourceKind.UNIT_TEST, "Triage"),
                    "run_count",
                    5)));
    ResourceChange.Update set =
        new ResourceChange.Update(
            ResourceKind.UNIT_TEST_SET,
            "Smoke",
            new SourceLocation("suite/set.yaml", 1, 1),
            "cccccccccccccccccccccccc",
            null,
            null,
            runsBefore,
            runsAfter,
            Map.of(),
            Map.of(),
            List.of("unit_tests"),
            Map.of(),
            false);
    String text = PlanText.render(plan(test, set), false, CTX);
    assertThat(text)
        .contains(
            "     success_criteria:\n"
                + "       - name: empathy\n"
                + "         metric_id: m1\n"
                + "    -    criterion: {type: numerical, threshold: 0.8, verb: \">=\"}\n"
                + "    +    criterion: {type: numerical, threshold: 0.9, verb: \">=\"}")
        .contains("       - name: Triage\n" + "    -    run_count: 3\n" + "    +    run_count: 5");
  }

  @Test
  void aValueThatWouldReadAsTwoIsQuotedSoADiffNeverShowsTheSameLineTwice() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("name", "tone");
    one.put("metric_id", "m1");
    one.put("criterion", Map.of("type", "categorical", "expected_values", List.of("a, b")));
    Map<String, Object> two = new LinkedHashMap<>(one);
    two.put("criterion", Map.of("type", "categorical", "expected_values", List.of("a", "b")));
    ResourceChange.Update u =
        new ResourceChange.Update(
            ResourceKind.UNIT_TEST,
            "Triage",
            new SourceLocation("suite/tests.yaml", 1, 1),
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            null,
            null,
            Map.of(
                "success_criteria",
                dev.scenariosync.kinds.FieldRule.CRITERIA.normalize(List.of(one))),
            Map.of(
                "success_criteria",
                dev.scenariosync.kinds.FieldRule.CRITERIA.normalize(List.of(two))),
            Map.of(),
            Map.of(),
            List.of("success_criteria"),
            Map.of(),
            false);
    assertThat(PlanText.render(plan(u), false, CTX))
        .contains("-    criterion: {type: categorical, expected_values: [\"a, b\"]}")
        .contains("+    criterion: {type: categorical, expected_values: [a, b]}");
  }

  @Test
  void aBlockedDeleteOfAnyKindShowsWhatItWouldDeleteAndWhatBlocksIt() {
    ResourceChange.Blocked blocked =
        new ResourceChange.Blocked(
            ResourceKind.UNIT_TEST,
            "Triage",
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            List.of(new Ref(ResourceKind.UNIT_TEST_SET, "Smoke", "s1")),
            new ResourceChange.Delete(
                ResourceKind.UNIT_TEST,
                "Triage",
                "bbbbbbbbbbbbbbbbbbbbbbbb",
                Map.of("description", "The usual path.", "max_interactions", 6),
                Map.of("suite", "a"),
                null,
                null));
    Plan plan = plan(blocked);
    String text = PlanText.render(plan, false, CTX);
    assertThat(text)
        .contains("Unit tests:")
        .contains("! Triage  delete BLOCKED · 1 unit test set  (id bbbbbbbbbbbbbbbbbbbbbbbb)")
        .contains("not deleted: used by unit test sets \"Smoke\"")
        .contains("-description: The usual path.")
        .contains("-max_interactions: 6");
    assertThat(PlanMarkdown.render(plan, CTX))
        .contains("⛔ <code>! delete BLOCKED</code> <b>Triage</b> · 1 unit test set")
        .contains("- description: The usual path.")
        .contains("not deleted: used by unit test sets “Smoke”");
  }

  @Test
  void remoteTextOfEveryFieldIsInert() {
    String hostile =
        "x\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\r\n::error::forged";
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("description", "Old " + hostile);
    before.put("persona", new Ref(ResourceKind.PERSONA, "P " + hostile, "p1"));
    before.put("success_criteria", List.of(Map.of("name", hostile)));
    ResourceChange.Update test =
        new ResourceChange.Update(
            ResourceKind.UNIT_TEST,
            "T " + hostile,
            null,
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            Instant.parse("2026-11-01T00:00:00Z"),
            null,
            before,
            Map.of("description", "New", "persona", new Ref(ResourceKind.PERSONA, "Q", null)),
            Map.of("k" + hostile, "v" + hostile),
            Map.of(),
            List.of("description", "persona", "tags"),
            Map.of(),
            false);
    Plan plan = plan(test);
    for (String out : List.of(PlanText.render(plan, false, CTX), PlanMarkdown.render(plan, CTX))) {
      assertThat(out)
          .contains("x1b]8;;https")
          .doesNotContain("\u001b")
          .doesNotContain("\u0007")
          .doesNotContain("\r");
      assertThat(out.lines()).noneMatch(l -> l.strip().startsWith("::error"));
    }
  }

  @Test
  void aCommentTooLongForItsLimitListsNewResourcesOfEveryKindByName() {
    List<ResourceChange> changes = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("role", "patient");
      fields.put("background", ("Speaks slowly, number " + i + ". ").repeat(20));
      changes.add(
          new ResourceChange.Create(
              ResourceKind.PERSONA,
              String.format("Persona %02d", i),
              new SourceLocation("suite/p" + i + ".yaml", 1, 1),
              fields,
              Map.of(),
              Map.of()));
    }
    ResourceChange.Update test =
        new ResourceChange.Update(
            ResourceKind.UNIT_TEST,
            "Triage",
            null,
            "bbbbbbbbbbbbbbbbbbbbbbbb",
            Instant.parse("2026-11-01T00:00:00Z"),
            null,
            Map.of("max_interactions", 6),
            Map.of("max_interactions", 8),
            Map.of(),
            Map.of(),
            List.of("max_interactions"),
            Map.of(),
            false);
    changes.add(test);
    String md = PlanMarkdown.render(plan(changes.toArray(ResourceChange[]::new)), CTX, 20_000);
    assertThat(md.length()).isLessThanOrEqualTo(20_000);
    assertThat(md)
        .contains("#### Unit tests")
        .contains("-max_interactions: 6")
        .contains("#### New resources")
        .contains("60 new resources · their content is in the pull request's files")
        .contains("- persona <b>Persona 00</b> · suite/p0.yaml")
        .contains("new resources are listed without their content")
        .doesNotContain("#### Personas");
    assertThat(md.indexOf("#### Unit tests")).isLessThan(md.indexOf("#### New resources"));
  }
}
