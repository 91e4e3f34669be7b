package dev.scenariosync.apply;

import dev.scenariosync.api.ApiException;
import dev.scenariosync.api.RunApi;
import dev.scenariosync.api.TransportException;
import dev.scenariosync.model.SetRun;
import dev.scenariosync.plan.TestReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs unit test sets: starts one run per set (the client keeps to the 20 starts a minute), handles
 * a set held by an unfinished run of the user as {@link OnBusy} says, polls until every run
 * completes or the timeout passes, and cancels the runs it started that are still in progress when
 * it stops early (unless told to leave them running).
 */
public final class TestRunner {
  /** What to do when the user already has an unfinished run of a set (the API answers 409). */
  public enum OnBusy {
    /** Wait for that run to complete, then start ours. */
    wait,
    /** Report the set as skipped; not a failure. */
    skip,
    /** Report the set as busy: a failure for the gates. */
    fail
  }

  /** A set to run, with why (shown in the report). */
  public record Target(String name, String setId, String note) {
    public Target {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(setId, "setId");
    }
  }

  /** How to run. */
  public record Options(
      OnBusy onBusy, Duration timeout, Duration pollInterval, boolean leaveRunning) {
    public Options {
      Objects.requireNonNull(onBusy, "onBusy");
      if (timeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("the timeout and poll interval are positive");
      }
    }
  }

  private final RunApi api;
  private final Options options;
  private final Consumer<String> progress;

  private final Object stopping = new Object();

  /** The runs this runner started that have not completed: cancelled on stop. */
  private final Set<String> inProgress = new LinkedHashSet<>();

  /** The runs {@link #stopEarly} cancelled (they then read as completed and errored). */
  private final Set<String> cancelledRuns = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private volatile boolean stopped;

  public TestRunner(RunApi api, Options options, Consumer<String> progress) {
    this.api = api;
    this.options = options;
    this.progress = progress;
  }

  /** Per target, what is tracked while it runs. */
  private static final class Track {
    final Target target;
    String runId;
    String heldBy; // an unfinished run of the user we wait for
    SetRun previous;
    SetRun last;
    TestReport.SetReport report;

    Track(Target target) {
      this.target = target;
    }
  }

  /** Runs the sets and returns the report, in the order of the targets. */
  public TestReport run(List<Target> targets, TestReport.Context ctx) {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    List<Track> tracks = new ArrayList<>();
    targets.forEach(t -> tracks.add(new Track(t)));
    int started = 0;
    for (Track t : tracks) {
      if (stopped || System.nanoTime() - deadline >= 0) {
        break;
      }
      started += start(t) ? 1 : 0;
    }
    say(tracks, "started " + started + (started == 1 ? " run" : " runs"));
    while (!stopped && tracks.stream().anyMatch(TestRunner::open)) {
      if (System.nanoTime() - deadline >= 0) {
        break;
      }
      sleep(options.pollInterval());
      Map<String, Track> byRun = new LinkedHashMap<>();
      for (Track t : tracks) {
        if (t.runId != null && t.report == null) {
          byRun.put(t.runId, t);
        } else if (t.heldBy != null) {
          byRun.put(t.heldBy, t);
        }
      }
      if (byRun.isEmpty()) {
        continue;
      }
      boolean changed = false;
      List<SetRun> read;
      try {
        read = api.runs(byRun.keySet());
      } catch (ApiException | TransportException e) {
        // the runs go on; read them again at the next poll (until the timeout)
        progress.accept("tests: could not read the runs: " + e.getMessage());
        continue;
      }
      if (stopped) {
        break; // what is left is reported below, cancelled or not
      }
      for (SetRun run : read) {
        Track t = byRun.get(run.id());
        if (t == null || !run.completed()) {
          if (t != null && run.id().equals(t.runId)) {
            t.last = run;
          }
          continue;
        }
        changed = true;
        if (run.id().equals(t.heldBy)) {
          t.heldBy = null;
          start(t);
          continue;
        }
        t.last = run;
        synchronized (inProgress) {
          inProgress.remove(run.id());
        }
        t.report =
            TestReport.of(t.target.name(), run, t.previous, false, false, t.target.note(), ctx);
      }
      if (changed) {
        say(tracks, null);
      }
    }
    // Stopped early (timeout or interrupt): what is still running was not a pass.
    stopEarly();
    for (Track t : tracks) {
      if (t.report != null) {
        continue;
      }
      if (t.runId == null) {
        t.report =
            TestReport.notRun(
                t.target.name(),
                t.target.setId(),
                TestReport.Status.TIMED_OUT,
                t.heldBy != null
                    ? "still held by the unfinished run " + t.heldBy + " when the wait ended"
                    : "not started before the wait ended");
        continue;
      }
      SetRun last = t.last;
      if (last == null) {
        try {
          List<SetRun> read = api.runs(List.of(t.runId));
          last = read.isEmpty() ? null : read.get(0);
        } catch (ApiException | TransportException e) {
          last = null;
        }
      }
      boolean wasCancelled = cancelledRuns.contains(t.runId);
      t.report =
          last == null
              ? TestReport.notRun(
                  t.target.name(), t.target.setId(), TestReport.Status.TIMED_OUT, t.target.note())
              : TestReport.of(
                  t.target.name(), last, t.previous, true, wasCancelled, t.target.note(), ctx);
    }
    List<TestReport.SetReport> out = new ArrayList<>();
    tracks.forEach(t -> out.add(t.report));
    return new TestReport(out);
  }

  private static boolean open(Track t) {
    return t.report == null && (t.runId != null || t.heldBy != null);
  }

  /** Starts the set's run; false when it did not start (the report then says why). */
  private boolean start(Track t) {
    return start(t, true);
  }

  /** As {@link #start(Track)}; {@code retry}: a 409 whose holder is gone is tried once more. */
  private boolean start(Track t, boolean retry) {
    String setId = t.target.setId();
    try {
      List<SetRun> before = api.runsOfSet(setId, true, false, 1);
      t.previous = before.isEmpty() ? null : before.get(0);
      String id = api.startRun(setId);
      synchronized (inProgress) {
        inProgress.add(id);
      }
      if (stopped) {
        stopEarly(); // interrupted while this start was on its way: ours to cancel as well
      }
      t.runId = id;
      return true;
    } catch (ApiException.Conflict e) {
      List<SetRun> mine = List.of();
      try {
        mine = api.runsOfSet(setId, false, true, 1);
      } catch (ApiException | TransportException ignored) {
        // reported without the run's id
      }
      String holder = mine.isEmpty() ? null : mine.get(0).id();
      String held =
          "an unfinished run of this user holds the set"
              + (holder == null ? "" : " (" + holder + ")");
      switch (options.onBusy()) {
        case skip ->
            t.report = TestReport.notRun(t.target.name(), setId, TestReport.Status.SKIPPED, held);
        case fail ->
            t.report = TestReport.notRun(t.target.name(), setId, TestReport.Status.BUSY, held);
        case wait -> {
          if (holder == null && retry) {
            // it finished between the 409 and the read: try once more
            return start(t, false);
          }
          if (holder == null) {
            // a server that answers 409 yet lists no unfinished run: reported, never looped
            t.report = TestReport.notRun(t.target.name(), setId, TestReport.Status.BUSY, held);
            return false;
          }
          t.heldBy = holder;
          progress.accept("tests: " + t.target.name() + ": waiting for " + held);
        }
      }
      return false;
    } catch (ApiException | TransportException e) {
      t.report =
          TestReport.notRun(t.target.name(), setId, TestReport.Status.NOT_STARTED, e.getMessage());
      return false;
    }
  }

  /**
   * Stops: the runs this runner started that are still in progress are cancelled, unless told to
   * leave them running. Safe to call from a shutdown hook; returns the runs cancelled.
   */
  public List<String> stopEarly() {
    // One stop at a time, whole: the runner's own stop at the end waits for a stop from another
    // thread (a signal, a caller) to finish its cancels, so the report knows every run it
    // cancelled.
    synchronized (stopping) {
      List<String> open;
      synchronized (inProgress) {
        stopped = true;
        open = List.copyOf(inProgress);
        inProgress.clear();
      }
      if (open.isEmpty()) {
        return List.of();
      }
      if (options.leaveRunning()) {
        progress.accept("tests: left running (--leave-running): " + String.join(", ", open));
        return List.of();
      }
      List<String> cancelled = new ArrayList<>();
      for (String id : open) {
        try {
          // marked first: a poll in between reads the run as completed, and must know why
          cancelledRuns.add(id);
          api.cancelRun(id);
          cancelled.add(id);
          progress.accept("tests: cancelled run " + id);
        } catch (ApiException.Conflict e) {
          cancelledRuns.remove(id); // completed meanwhile: nothing to cancel
        } catch (ApiException | TransportException e) {
          cancelledRuns.remove(id);
          progress.accept("tests: could not cancel run " + id + ": " + e.getMessage());
        }
      }
      return cancelled;
    }
  }

  private void say(List<Track> tracks, String first) {
    int running = 0;
    int completed = 0;
    int failed = 0;
    int waiting = 0;
    for (Track t : tracks) {
      if (t.report != null) {
        completed++;
        failed += t.report.status() == TestReport.Status.PASSED ? 0 : 1;
      } else if (t.heldBy != null) {
        waiting++;
      } else if (t.runId != null) {
        running++;
      }
    }
    progress.accept(
        "tests: "
            + (first == null ? "" : first + ", ")
            + running
            + " running, "
            + completed
            + " completed ("
            + failed
            + " not passed), "
            + waiting
            + " waiting");
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
