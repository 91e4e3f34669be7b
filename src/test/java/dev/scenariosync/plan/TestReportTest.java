package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.SetRun;
import dev.scenariosync.render.TestReportRender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test report from plain run records: pass rates against --min-pass-rate, errored sessions, the
 * comparison with the previous run, the gates, tested versions against the changes, and remote text
 * made inert in every form.
 */
class TestReportTest {
  static final String SET = "aaaaaaaaaaaaaaaaaaaaaaaa";
  static final String TEST = "bbbbbbbbbbbbbbbbbbbbbbbb";
  static final String SCENARIO = "cccccccccccccccccccccccc";
  static final String PERSONA = "dddddddddddddddddddddddd";
  static final String METRIC = "eeeeeeeeeeeeeeeeeeeeeeee";

  /** A completed run of one unit test whose sessions pass as given (null: errored). */
  static SetRun run(String id, int scenarioVersion, Boolean... sessions) {
    List<Boolean> outcomes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Boolean b : sessions) {
      errors.add(b == null ? "boom" : null);
      if (b != null) {
        outcomes.add(b);
      }
    }
    return new SetRun(
        id,
        SET,
        true,
        outcomes.contains(false),
        errors.stream().anyMatch(e -> e != null),
        Instant.parse("2026-11-25T10:00:00Z"),
        null,
        List.of(
            new SetRun.Spec(
                TEST,
                sessions.length,
                new SetRun.VersionInfo(SCENARIO, scenarioVersion),
                new SetRun.VersionInfo(PERSONA, 1),
                Map.of(METRIC, "resolved"))),
        List.of(new SetRun.Result(TEST, Map.of(METRIC, outcomes), errors)));
  }

  static TestReport.Context ctx(double minPassRate) {
    return new TestReport.Context(
        Map.of(TEST, "Happy path", SCENARIO, "Reschedule", PERSONA, "Ana"),
        Map.of(SCENARIO, 3),
        minPassRate);
  }

  @Test
  void aPassRateAtOrAboveTheMinimumPassesAndAllOrNothingIsTheDefault() {
    SetRun now = run("111111111111111111111111", 3, true, true, true, false);
    TestReport.SetReport strict = TestReport.of("Nightly", now, null, false, false, null, ctx(1));
    assertThat(strict.status()).isEqualTo(TestReport.Status.FAILED);
    assertThat(strict.unitTests().get(0).passRate()).isEqualTo(0.75);
    TestReport.SetReport lenient =
        TestReport.of("Nightly", now, null, false, false, null, ctx(0.75));
    assertThat(lenient.status()).isEqualTo(TestReport.Status.PASSED);
    assertThat(new TestReport(List.of(lenient)).fails(TestReport.FailOn.failed)).isFalse();
    assertThat(new TestReport(List.of(strict)).fails(TestReport.FailOn.failed)).isTrue();
    assertThat(new TestReport(List.of(strict)).fails(TestReport.FailOn.never)).isFalse();
  }

  @Test
  void anErroredSessionIsNeverAPassWhateverTheRate() {
    SetRun now = run("111111111111111111111111", 3, true, true, true, null);
    TestReport.SetReport r = TestReport.of("Nightly", now, null, false, false, null, ctx(0.5));
    assertThat(r.status()).isEqualTo(TestReport.Status.ERRORED);
    assertThat(r.unitTests().get(0).errored()).isEqualTo(1);
    assertThat(new TestReport(List.of(r)).fails(TestReport.FailOn.worse)).isTrue();
  }

  @Test
  void eachMetricIsComparedWithThePreviousRunAndWorseFailsTheWorseGate() {
    SetRun before = run("111111111111111111111111", 2, true, true);
    SetRun worse = run("222222222222222222222222", 3, true, false);
    SetRun better = run("333333333333333333333333", 3, true, true);
    TestReport.SetReport w = TestReport.of("Nightly", worse, before, false, false, null, ctx(0.5));
    assertThat(w.status()).isEqualTo(TestReport.Status.PASSED);
    assertThat(w.comparison()).isEqualTo(TestReport.Comparison.WORSE);
    assertThat(w.unitTests().get(0).metrics().get(0).previousPassed()).isEqualTo(2);
    assertThat(new TestReport(List.of(w)).fails(TestReport.FailOn.worse)).isTrue();
    assertThat(new TestReport(List.of(w)).fails(TestReport.FailOn.failed)).isFalse();
    TestReport.SetReport b = TestReport.of("Nightly", better, worse, false, false, null, ctx(1));
    assertThat(b.comparison()).isEqualTo(TestReport.Comparison.BETTER);
    TestReport.SetReport first = TestReport.of("Nightly", better, null, false, false, null, ctx(1));
    assertThat(first.comparison()).isEqualTo(TestReport.Comparison.NEW);
  }

  @Test
  void aVersionOtherThanTheChangesMadeIsAMismatch() {
    TestReport.SetReport r =
        TestReport.of(
            "Nightly", run("111111111111111111111111", 4, true), null, false, false, null, ctx(1));
    assertThat(r.unitTests().get(0).mismatch())
        .isEqualTo("scenario v4 tested, the changes made v3 (changed meanwhile)");
    TestReport.SetReport ok =
        TestReport.of(
            "Nightly", run("111111111111111111111111", 3, true), null, false, false, null, ctx(1));
    assertThat(ok.unitTests().get(0).mismatch()).isNull();
  }

  @Test
  void aSkippedSetIsNotJudgedAndABusyOneFails() {
    TestReport skipped =
        new TestReport(
            List.of(TestReport.notRun("Nightly", SET, TestReport.Status.SKIPPED, "held")));
    assertThat(skipped.fails(TestReport.FailOn.failed)).isFalse();
    TestReport busy =
        new TestReport(List.of(TestReport.notRun("Nightly", SET, TestReport.Status.BUSY, "held")));
    assertThat(busy.fails(TestReport.FailOn.failed)).isTrue();
    assertThat(busy.fails(TestReport.FailOn.worse)).isTrue();
  }

  @Test
  void remoteNamesAreInertInTextAndMarkdown() {
    String hostile = "Evil\u001b]0;pwned\u0007 <img src=x> @team [x](http://e.vil)\n::error::x";
    TestReport.Context c =
        new TestReport.Context(Map.of(TEST, hostile, SCENARIO, hostile), Map.of(), 1);
    TestReport report =
        new TestReport(
            List.of(
                TestReport.of(
                    hostile,
                    run("111111111111111111111111", 1, true),
                    null,
                    false,
                    false,
                    hostile,
                    c)));
    String text = TestReportRender.text(report);
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\n::error");
    String md = TestReportRender.markdown(report);
    assertThat(md)
        .doesNotContain("<img")
        .doesNotContain("[x](")
        .doesNotContain("@team")
        .doesNotContain("\u001b");
  }
}
