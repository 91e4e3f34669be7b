package dev.scenariosync.plan;

import dev.scenariosync.model.SetRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the unit test set runs found: per set its status, per unit test the versions that were
 * actually tested (checked against those the changes made), its sessions and per metric the result
 * and the comparison with the set's previous completed run. Built from the runs alone (no I/O).
 */
public record TestReport(List<SetReport> sets) {
  public TestReport {
    sets = List.copyOf(sets);
  }

  /** How a set's run ended, as the gates read it. */
  public enum Status {
    PASSED("passed"),
    FAILED("failed"),
    ERRORED("errored"),
    /**
     * The run completed with unit tests that never finished: cancelled (in the UI, by another
     * client or by the service). The API has no status for it; this is read from the results.
     */
    CANCELLED("cancelled"),
    /**
     * The run completed but its results are not visible with this key (the API returns empty specs
     * and results without the permissions to read them): not a pass.
     */
    NO_RESULTS("no results visible"),
    TIMED_OUT("timed out"),
    /** An unfinished run of the user held the set and --on-busy fail reported it. */
    BUSY("busy"),
    /** An unfinished run of the user held the set and --on-busy skip left it. */
    SKIPPED("skipped (busy)"),
    /** The run could not be started (an API error). */
    NOT_STARTED("not started");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /** A result against the set's previous completed run. */
  public enum Comparison {
    BETTER,
    WORSE,
    SAME,
    /** No result to compare with. */
    NEW;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Comparison combine(List<Comparison> parts) {
      if (parts.contains(WORSE)) {
        return WORSE;
      }
      if (parts.contains(BETTER)) {
        return BETTER;
      }
      return parts.isEmpty() || parts.stream().allMatch(c -> c == NEW) ? NEW : SAME;
    }
  }

  /**
   * One set.
   *
   * @param runId the run this tool started (null when none was)
   * @param previousRunId the set's previous completed run compared with (null when none)
   * @param note why the set was run (the unit tests using a change) or what held it
   * @param cancelled whether this tool cancelled the run (timeout or interrupt)
   */
  public record SetReport(
      String name,
      String setId,
      Status status,
      String runId,
      String previousRunId,
      String note,
      boolean cancelled,
      List<UnitTestReport> unitTests,
      Comparison comparison) {
    public SetReport {
      Objects.requireNonNull(status, "status");
      unitTests = List.copyOf(unitTests);
    }
  }

  /**
   * One unit test of a set's run.
   *
   * @param expectedScenarioVersion the version the changes made of its scenario (null: unchanged)
   * @param mismatch what was tested other than what the changes made (null when it matches)
   * @param resultsVisible false when it finished but its metric results are not visible with this
   *     key (every unit test has at least one metric, so none means hidden, not passed)
   */
  public record UnitTestReport(
      String name,
      String unitTestId,
      int runCount,
      String scenarioName,
      SetRun.VersionInfo scenario,
      Integer expectedScenarioVersion,
      String personaName,
      SetRun.VersionInfo persona,
      Integer expectedPersonaVersion,
      String mismatch,
      boolean finished,
      boolean resultsVisible,
      int passed,
      int failed,
      int errored,
      boolean pass,
      List<MetricReport> metrics,
      Comparison comparison) {
    public UnitTestReport {
      metrics = List.copyOf(metrics);
    }

    /** Sessions passed over sessions run (0 when none finished). */
    public double passRate() {
      int n = passed + failed + errored;
      return n == 0 ? 0 : (double) passed / n;
    }
  }

  /** One metric of a unit test: sessions that passed it, now and in the previous run. */
  public record MetricReport(
      String metricId,
      String name,
      int passed,
      int total,
      Integer previousPassed,
      Integer previousTotal,
      Comparison comparison) {}

  /** Names and expected versions the report needs beside the runs, by id. */
  public record Context(
      Map<String, String> names, Map<String, Integer> expectedVersions, double minPassRate) {
    public Context {
      names = Map.copyOf(names);
      expectedVersions = Map.copyOf(expectedVersions);
      if (!(minPassRate >= 0 && minPassRate <= 1)) {
        throw new IllegalArgumentException("the minimum pass rate is between 0 and 1");
      }
    }
  }

  /**
   * The report of a set's run (finished or not): {@code timedOut} when the wait ended before it
   * completed, {@code previous} its last completed run before this one, if any.
   */
  public static SetReport of(
      String setName,
      SetRun run,
      SetRun previous,
      boolean timedOut,
      boolean cancelled,
      String note,
      Context ctx) {
    List<UnitTestReport> tests = new ArrayList<>();
    boolean errored = false;
    boolean failed = false;
    boolean unfinished = false;
    boolean hidden = run.specs().isEmpty();
    for (SetRun.Spec spec : run.specs()) {
      UnitTestReport t = unitTest(spec, run.resultOf(spec.unitTestId()), previous, ctx);
      tests.add(t);
      errored |= t.errored() > 0;
      unfinished |= !t.finished();
      hidden |= t.finished() && !t.resultsVisible();
      failed |= t.finished() && t.resultsVisible() && !t.pass();
    }
    Status status;
    if (timedOut || !run.completed() && !cancelled) {
      status = Status.TIMED_OUT;
    } else if (cancelled || unfinished) {
      // completed with unit tests that never finished: only a cancel ends a run that way
      status = Status.CANCELLED;
    } else if (errored || run.errored()) {
      status = Status.ERRORED;
    } else if (failed || run.failedMetrics()) {
      // failed_metrics is the service's own verdict: it still tells a key that cannot read the
      // results that something failed. Where results are visible and --min-pass-rate is below 1,
      // they decide: that rate may pass sessions the service counts as failures.
      // Under the default all-or-nothing rule the two verdicts mean the same; a disagreement
      // means a failure this report cannot see, so it is not a pass.
      status = failed || hidden || ctx.minPassRate() >= 1 ? Status.FAILED : Status.PASSED;
    } else if (hidden) {
      status = Status.NO_RESULTS;
    } else {
      status = Status.PASSED;
    }
    List<Comparison> parts = new ArrayList<>();
    tests.forEach(t -> parts.add(t.comparison()));
    return new SetReport(
        setName,
        run.setId(),
        status,
        run.id(),
        previous == null ? null : previous.id(),
        note,
        cancelled,
        tests,
        Comparison.combine(parts));
  }

  /** A set that was not run: held by another run, or its start failed. */
  public static SetReport notRun(String setName, String setId, Status status, String note) {
    return new SetReport(
        setName, setId, status, null, null, note, false, List.of(), Comparison.NEW);
  }

  private static UnitTestReport unitTest(
      SetRun.Spec spec, SetRun.Result result, SetRun previous, Context ctx) {
    String id = spec.unitTestId();
    int passed = 0;
    int failedSessions = 0;
    int erroredSessions = 0;
    List<MetricReport> metrics = new ArrayList<>();
    SetRun.Result before = previous == null ? null : previous.resultOf(id);
    boolean visible = result == null || !result.metrics().isEmpty();
    if (result != null && !visible) {
      // no metric results: only the errors are known, no session is judged passed
      erroredSessions = (int) result.errors().stream().filter(e -> e != null).count();
    } else if (result != null) {
      int sessions = Math.max(result.errors().size(), spec.runCount());
      for (int i = 0; i < sessions; i++) {
        if (i < result.errors().size() && result.errors().get(i) != null) {
          erroredSessions++;
          continue;
        }
        boolean ok = true;
        for (List<Boolean> outcomes : result.metrics().values()) {
          ok &= i < outcomes.size() && outcomes.get(i);
        }
        if (ok) {
          passed++;
        } else {
          failedSessions++;
        }
      }
      Map<String, String> names = new LinkedHashMap<>(spec.metrics());
      result.metrics().keySet().forEach(k -> names.putIfAbsent(k, ""));
      for (var e : names.entrySet()) {
        List<Boolean> now = result.metrics().getOrDefault(e.getKey(), List.of());
        int p = (int) now.stream().filter(b -> b).count();
        int total = now.size();
        List<Boolean> then = before == null ? null : before.metrics().get(e.getKey());
        Integer pp = then == null ? null : (int) then.stream().filter(b -> b).count();
        Integer pt = then == null ? null : then.size();
        metrics.add(
            new MetricReport(
                e.getKey(), e.getValue(), p, total, pp, pt, compare(p, total, pp, pt)));
      }
    }
    List<Comparison> parts = new ArrayList<>();
    metrics.forEach(m -> parts.add(m.comparison()));
    if (before != null
        && erroredSessions > 0
        && before.errors().stream().allMatch(x -> x == null)) {
      parts.add(Comparison.WORSE); // errors where the previous run had none
    }
    Comparison comparison = result == null ? Comparison.NEW : Comparison.combine(parts);
    int sessions = passed + failedSessions + erroredSessions;
    boolean pass =
        result != null
            && visible
            && erroredSessions == 0
            && sessions > 0
            && (double) passed / sessions >= ctx.minPassRate() - 1e-9;
    String scenarioName = spec.scenario() == null ? null : ctx.names().get(spec.scenario().id());
    String personaName = spec.persona() == null ? null : ctx.names().get(spec.persona().id());
    Integer expectedScenario =
        spec.scenario() == null ? null : ctx.expectedVersions().get(spec.scenario().id());
    Integer expectedPersona =
        spec.persona() == null ? null : ctx.expectedVersions().get(spec.persona().id());
    List<String> mismatch = new ArrayList<>();
    if (expectedScenario != null && spec.scenario().version() != expectedScenario) {
      mismatch.add(
          "scenario v"
              + spec.scenario().version()
              + " tested, the changes made v"
              + expectedScenario);
    }
    if (expectedPersona != null && spec.persona().version() != expectedPersona) {
      mismatch.add(
          "persona v" + spec.persona().version() + " tested, the changes made v" + expectedPersona);
    }
    return new UnitTestReport(
        ctx.names().getOrDefault(id, id),
        id,
        spec.runCount(),
        scenarioName,
        spec.scenario(),
        expectedScenario,
        personaName,
        spec.persona(),
        expectedPersona,
        mismatch.isEmpty() ? null : String.join("; ", mismatch) + " (changed meanwhile)",
        result != null,
        visible,
        passed,
        failedSessions,
        erroredSessions,
        pass,
        metrics,
        comparison);
  }

  private static Comparison compare(int p, int total, Integer pp, Integer pt) {
    if (pp == null || pt == null || pt == 0 || total == 0) {
      return Comparison.NEW;
    }
    // rates compared exactly: p/total against pp/pt
    long now = (long) p * pt;
    long then = (long) pp * total;
    return now > then ? Comparison.BETTER : now < then ? Comparison.WORSE : Comparison.SAME;
  }

  /** The gates of --fail-on. */
  public enum FailOn {
    worse,
    failed,
    never
  }

  /**
   * Whether the report fails the gate: {@code failed} on any set not passed (an error, a cancel,
   * results not visible, a timeout or a busy set under --on-busy fail is not a pass; a skipped set
   * is not judged), {@code worse} on any metric worse than the previous run or any set that
   * errored, was cancelled, showed no results, timed out or was busy.
   */
  public boolean fails(FailOn gate) {
    for (SetReport s : sets) {
      boolean broken =
          s.status() == Status.ERRORED
              || s.status() == Status.CANCELLED
              || s.status() == Status.NO_RESULTS
              || s.status() == Status.TIMED_OUT
              || s.status() == Status.BUSY
              || s.status() == Status.NOT_STARTED;
      switch (gate) {
        case never -> {}
        case failed -> {
          if (broken || s.status() == Status.FAILED) {
            return true;
          }
        }
        case worse -> {
          if (broken || s.comparison() == Comparison.WORSE) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The link-free summary line: sets run, passed, failed, errored, and the comparison. */
  public String summary() {
    Map<Status, Integer> counts = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    int worse = 0;
    int better = 0;
    int mismatches = 0;
    for (SetReport s : sets) {
      counts.merge(s.status(), 1, Integer::sum);
      worse += s.comparison() == Comparison.WORSE ? 1 : 0;
      better += s.comparison() == Comparison.BETTER ? 1 : 0;
      mismatches += (int) s.unitTests().stream().filter(t -> t.mismatch() != null).count();
    }
    StringBuilder b =
        new StringBuilder("Tests: ")
            .append(sets.size())
            .append(sets.size() == 1 ? " set" : " sets")
            .append(": ")
            .append(counts.get(Status.PASSED))
            .append(" passed, ")
            .append(counts.get(Status.FAILED))
            .append(" failed, ")
            .append(counts.get(Status.ERRORED))
            .append(" errored");
    for (Status s :
        List.of(
            Status.CANCELLED,
            Status.NO_RESULTS,
            Status.TIMED_OUT,
            Status.BUSY,
            Status.SKIPPED,
            Status.NOT_STARTED)) {
      if (counts.get(s) > 0) {
        b.append(", ").append(counts.get(s)).append(' ').append(s.word());
      }
    }
    b.append("; against the previous run: ")
        .append(worse)
        .append(" worse, ")
        .append(better)
        .append(" better");
    if (mismatches > 0) {
      b.append("; ")
          .append(mismatches)
          .append(mismatches == 1 ? " unit test" : " unit tests")
          .append(" ran other versions than the changes made");
    }
    return b.append('.').toString();
  }
}
