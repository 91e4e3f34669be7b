package dev.scenariosync.render;

import dev.scenariosync.model.SetRun;
import dev.scenariosync.plan.TestReport;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test report as text (a terminal, a CI log), Markdown (a section appended to the pull-request
 * comment, one collapsible section per set) and JSON. Remote text always goes through {@link Safe}.
 */
public final class TestReportRender {
  /** The heading CI looks for when it appends the report to the sticky plan comment. */
  public static final String MARKDOWN_HEADING = "### Unit tests after apply";

  private static final JsonMapper JSON = dev.scenariosync.json.JsonOut.MAPPER;

  private TestReportRender() {}

  // ---------------------------------------------------------------- text

  public static String text(TestReport report) {
    StringBuilder sb = new StringBuilder();
    for (TestReport.SetReport s : report.sets()) {
      sb.append("Unit test set ")
          .append(Safe.item(s.name()))
          .append(": ")
          .append(s.status().word());
      if (s.runId() != null) {
        sb.append(" (run ").append(Safe.oneLine(s.runId()));
        if (s.cancelled()) {
          sb.append(", cancelled");
        }
        sb.append(')');
      }
      if (s.runId() != null) {
        sb.append(", ")
            .append(s.comparison().word())
            .append(
                s.previousRunId() == null
                    ? " (no previous completed run)"
                    : " than run " + Safe.oneLine(s.previousRunId()));
      }
      sb.append('\n');
      if (s.note() != null) {
        sb.append("  ").append(Safe.item(s.note())).append('\n');
      }
      if (explanation(s) != null) {
        sb.append("  ").append(explanation(s)).append('\n');
      }
      for (TestReport.UnitTestReport t : s.unitTests()) {
        sb.append("  ")
            .append(t.pass() ? "pass " : "FAIL ")
            .append(Safe.item(t.name()))
            .append(": ")
            .append(sessions(t))
            .append('\n');
        sb.append("    tested: ").append(versions(t, false)).append('\n');
        if (t.mismatch() != null) {
          sb.append("    MISMATCH: ").append(t.mismatch()).append('\n');
        }
        for (TestReport.MetricReport m : t.metrics()) {
          sb.append("    metric ")
              .append(Safe.item(m.name().isEmpty() ? m.metricId() : m.name()))
              .append(": ")
              .append(metric(m))
              .append('\n');
        }
      }
    }
    return sb.append(report.summary()).append('\n').toString();
  }

  /** Why a set has the status it has, where the word alone does not say; null otherwise. */
  private static String explanation(TestReport.SetReport s) {
    boolean hidden =
        s.runId() != null
            && (s.unitTests().isEmpty()
                || s.unitTests().stream().anyMatch(t -> t.finished() && !t.resultsVisible()));
    if (s.status() == TestReport.Status.CANCELLED && !s.cancelled()) {
      return "the run completed with unit tests that never finished: it was cancelled";
    }
    if (hidden
        && (s.status() == TestReport.Status.NO_RESULTS || s.status() == TestReport.Status.FAILED)) {
      return "results not visible with this key (they need the Simulation:GetSimulationUnitTestSet"
          + " and Simulation:GetSimulationUnitTest permissions)"
          + (s.status() == TestReport.Status.FAILED ? "; the API reports failed metrics" : "");
    }
    return null;
  }

  private static String sessions(TestReport.UnitTestReport t) {
    if (!t.finished()) {
      return "not finished";
    }
    if (!t.resultsVisible()) {
      return t.errored() + " errored of " + t.runCount() + ", results not visible";
    }
    return String.format(
        Locale.ROOT,
        "%d passed, %d failed, %d errored of %d (pass rate %.2f), %s",
        t.passed(),
        t.failed(),
        t.errored(),
        t.passed() + t.failed() + t.errored(),
        t.passRate(),
        t.comparison().word());
  }

  private static String metric(TestReport.MetricReport m) {
    String now = m.passed() + "/" + m.total() + " passed";
    if (m.previousPassed() == null) {
      return now + " (new)";
    }
    return now
        + " ("
        + m.comparison().word()
        + "; previously "
        + m.previousPassed()
        + "/"
        + m.previousTotal()
        + ")";
  }

  private static String versions(TestReport.UnitTestReport t, boolean markdown) {
    return "scenario "
        + version(t.scenarioName(), t.scenario(), markdown)
        + ", persona "
        + version(t.personaName(), t.persona(), markdown);
  }

  private static String version(String name, SetRun.VersionInfo v, boolean markdown) {
    if (v == null) {
      return "(not readable with this key)";
    }
    String who = name != null ? name : v.id();
    return (markdown ? Safe.markdown(Safe.cut(who, Safe.ITEM_MAX)) : Safe.item(who))
        + " v"
        + v.version();
  }

  // ---------------------------------------------------------------- Markdown

  /** The section appended to the pull-request comment. */
  public static String markdown(TestReport report) {
    StringBuilder sb = new StringBuilder(MARKDOWN_HEADING).append("\n\n");
    sb.append(Safe.markdown(report.summary())).append("\n\n");
    for (TestReport.SetReport s : report.sets()) {
      boolean bad = s.status() != TestReport.Status.PASSED;
      sb.append(bad ? "<details open>" : "<details>")
          .append("<summary>")
          .append(bad ? "❌ " : "✅ ")
          .append(Safe.markdown(Safe.cut(s.name(), Safe.ITEM_MAX)))
          .append(": ")
          .append(s.status().word());
      if (s.runId() != null) {
        sb.append(", ").append(s.comparison().word()).append(" than the previous run");
      }
      sb.append("</summary>\n\n");
      if (s.note() != null) {
        sb.append("Note: ").append(Safe.markdown(Safe.cut(s.note(), 500))).append("\n\n");
      }
      if (explanation(s) != null) {
        sb.append(Safe.markdown(explanation(s))).append("\n\n");
      }
      if (!s.unitTests().isEmpty()) {
        sb.append("| Unit test | Tested | Sessions | Metrics | Against previous |\n");
        sb.append("|---|---|---|---|---|\n");
        for (TestReport.UnitTestReport t : s.unitTests()) {
          StringBuilder metrics = new StringBuilder();
          for (TestReport.MetricReport m : t.metrics()) {
            if (!metrics.isEmpty()) {
              metrics.append("<br>");
            }
            metrics
                .append(Safe.markdown(Safe.cut(m.name().isEmpty() ? m.metricId() : m.name(), 80)))
                .append(' ')
                .append(Safe.markdown(metric(m)));
          }
          sb.append("| ")
              .append(t.pass() ? "✅ " : "❌ ")
              .append(Safe.markdown(Safe.cut(t.name(), Safe.ITEM_MAX)))
              .append(" | ")
              .append(versions(t, true))
              .append(t.mismatch() == null ? "" : "<br>⚠️ " + Safe.markdown(t.mismatch()))
              .append(" | ")
              .append(Safe.markdown(sessions(t)))
              .append(" | ")
              .append(metrics)
              .append(" | ")
              .append(t.comparison().word())
              .append(" |\n");
        }
        sb.append('\n');
      }
      sb.append("</details>\n\n");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- JSON

  public static ObjectNode json(TestReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("summary", report.summary());
    ArrayNode sets = root.putArray("sets");
    for (TestReport.SetReport s : report.sets()) {
      ObjectNode o = sets.addObject();
      o.put("name", s.name());
      o.put("id", s.setId());
      o.put("status", s.status().name().toLowerCase(Locale.ROOT));
      o.put("run_id", s.runId());
      o.put("previous_run_id", s.previousRunId());
      o.put("cancelled", s.cancelled());
      o.put("note", s.note());
      o.put("comparison", s.comparison().word());
      ArrayNode tests = o.putArray("unit_tests");
      for (TestReport.UnitTestReport t : s.unitTests()) {
        ObjectNode u = tests.addObject();
        u.put("name", t.name());
        u.put("id", t.unitTestId());
        u.put("run_count", t.runCount());
        u.set("scenario", versionJson(t.scenarioName(), t.scenario(), t.expectedScenarioVersion()));
        u.set("persona", versionJson(t.personaName(), t.persona(), t.expectedPersonaVersion()));
        u.put("mismatch", t.mismatch());
        u.put("finished", t.finished());
        u.put("results_visible", t.resultsVisible());
        u.put("passed", t.passed());
        u.put("failed", t.failed());
        u.put("errored", t.errored());
        u.put("pass_rate", t.passRate());
        u.put("pass", t.pass());
        u.put("comparison", t.comparison().word());
        ArrayNode metrics = u.putArray("metrics");
        for (TestReport.MetricReport m : t.metrics()) {
          ObjectNode mo = metrics.addObject();
          mo.put("metric_id", m.metricId());
          mo.put("name", m.name());
          mo.put("passed", m.passed());
          mo.put("total", m.total());
          if (m.previousPassed() == null) {
            mo.putNull("previous_passed");
            mo.putNull("previous_total");
          } else {
            mo.put("previous_passed", m.previousPassed());
            mo.put("previous_total", m.previousTotal());
          }
          mo.put("comparison", m.comparison().word());
        }
      }
    }
    return root;
  }

  private static ObjectNode versionJson(String name, SetRun.VersionInfo v, Integer expected) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    if (v == null) {
      o.putNull("id");
      o.putNull("version");
    } else {
      o.put("id", v.id());
      o.put("version", v.version());
    }
    if (expected == null) {
      o.putNull("expected_version");
    } else {
      o.put("expected_version", expected);
    }
    return o;
  }

  public static String jsonText(TestReport report) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(report)) + "\n";
  }
}
