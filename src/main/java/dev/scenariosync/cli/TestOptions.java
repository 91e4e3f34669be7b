package dev.scenariosync.cli;

import dev.scenariosync.apply.TestRunner;
import dev.scenariosync.plan.TestReport;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How unit test set runs are started, waited for and judged (apply --run-tests and test). */
final class TestOptions {
  @Option(
      names = "--on-busy",
      paramLabel = "WHAT",
      defaultValue = "wait",
      description =
          "When you already have an unfinished run of a set: wait (default) for it, then run;"
              + " skip the set; or fail (the set counts as not passed).")
  TestRunner.OnBusy onBusy;

  @Option(
      names = "--test-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description =
          "Stop waiting for the runs after this long (default 30m); runs still in progress are"
              + " cancelled and count as not passed.")
  Duration timeout;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "How often the runs are read while they run (default 10s).")
  Duration pollInterval;

  @Option(
      names = "--leave-running",
      description = "Do not cancel the runs this command started when it stops early.")
  boolean leaveRunning;

  @Option(
      names = "--fail-on",
      paramLabel = "GATE",
      defaultValue = "failed",
      description =
          "Exit 5 when: failed (default) a unit test failed, errored or timed out; worse a metric"
              + " got worse than the set's previous completed run (or a run errored or timed"
              + " out); never.")
  TestReport.FailOn failOn;

  @Option(
      names = "--min-pass-rate",
      paramLabel = "RATE",
      defaultValue = "1",
      description =
          "A unit test passes when at least this share of its sessions pass (0 to 1; default 1:"
              + " all of them).")
  double minPassRate;

  @Option(
      names = "--test-markdown",
      paramLabel = "FILE",
      description = "Also write the test report as Markdown (the pull-request comment section).")
  Path markdownFile;

  TestRunner.Options runnerOptions() {
    if (!(minPassRate >= 0 && minPassRate <= 1)) {
      throw new UserError("--min-pass-rate must be between 0 and 1");
    }
    if (timeout.isNegative()) {
      throw new UserError("--test-timeout must not be negative");
    }
    if (pollInterval.isZero() || pollInterval.isNegative()) {
      throw new UserError("--poll-interval must be longer than zero");
    }
    return new TestRunner.Options(onBusy, timeout, pollInterval, leaveRunning);
  }
}
