package dev.scenariosync.api;

import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.UnitTestRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Reads what a plan needs and nothing more: every live scenario (list, all pages), then the latest
 * version of those the files name, fetched in parallel; unit tests only for the scenarios a plan
 * would version or delete.
 */
public final class RemoteReader {
  private final ScenarioApi api;
  private final int parallelism;
  private final Progress progress;

  public RemoteReader(ScenarioApi api, int parallelism) {
    this(api, parallelism, Progress.NONE);
  }

  /** A reader that tells {@code progress} how many latest-version reads are done. */
  public RemoteReader(ScenarioApi api, int parallelism, Progress progress) {
    this.api = api;
    this.parallelism = Math.max(1, parallelism);
    this.progress = progress;
  }

  /** Live scenarios, with the latest version filled in for those whose name is in {@code names}. */
  public RemoteState read(Set<String> names) {
    return read(r -> names.contains(r.name()));
  }

  /** Live scenarios, with the latest version filled in for those {@code wanted} accepts. */
  public RemoteState read(Predicate<RemoteScenario> want) {
    List<RemoteScenario> live = api.list(ScenarioApi.ListFilter.live());
    List<RemoteScenario> wanted = live.stream().filter(want).toList();
    Map<String, RemoteVersion> latest = latestVersions(wanted);
    List<RemoteScenario> out = new ArrayList<>(live.size());
    for (RemoteScenario r : live) {
      RemoteVersion v = latest.get(r.id());
      out.add(v == null ? r : r.withLatest(v));
    }
    return new RemoteState(out, Map.of());
  }

  /**
   * Every live persona, unit test and unit test set, with the latest version of the personas named
   * in {@code personas} (read in parallel).
   */
  public static dev.scenariosync.model.SuiteRemote readSuite(
      ResourceApi api, Set<String> personas, int parallelism) {
    Map<dev.scenariosync.model.ResourceKind, List<dev.scenariosync.model.RemoteResource>> live =
        new java.util.EnumMap<>(dev.scenariosync.model.ResourceKind.class);
    for (dev.scenariosync.kinds.KindSpec k : dev.scenariosync.kinds.Kinds.resources()) {
      List<dev.scenariosync.model.RemoteResource> all = api.listAll(k);
      if (k.versioned()) {
        all = withVersions(api, k, all, personas, parallelism);
      }
      live.put(k.kind(), all);
    }
    return new dev.scenariosync.model.SuiteRemote(live);
  }

  private static List<dev.scenariosync.model.RemoteResource> withVersions(
      ResourceApi api,
      dev.scenariosync.kinds.KindSpec k,
      List<dev.scenariosync.model.RemoteResource> all,
      Set<String> names,
      int parallelism) {
    Predicate<dev.scenariosync.model.RemoteResource> want =
        r -> names == null || names.contains(r.name());
    // by position, not by id: a list that gives two items one id keeps both
    java.util.Iterator<dev.scenariosync.model.RemoteResource> read =
        inParallel(
                all.stream().filter(want).toList(), parallelism, r -> api.withLatestVersion(k, r))
            .iterator();
    List<dev.scenariosync.model.RemoteResource> out = new ArrayList<>(all.size());
    for (dev.scenariosync.model.RemoteResource r : all) {
      out.add(want.test(r) ? read.next() : r);
    }
    return out;
  }

  /** {@code read} of each item, on up to {@code parallelism} threads; the results in order. */
  private static <T, R> List<R> inParallel(
      List<T> items, int parallelism, java.util.function.Function<T, R> read) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(Math.max(1, parallelism), items.size()), daemon());
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        futures.add(pool.submit(() -> read.apply(item)));
      }
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> f : futures) {
        out.add(get(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same state with the unit tests that reference these scenarios. */
  public RemoteState withUnitTests(RemoteState state, Collection<String> scenarioIds) {
    if (scenarioIds.isEmpty()) {
      return state;
    }
    Map<String, List<UnitTestRef>> tests = api.unitTestsFor(scenarioIds);
    return new RemoteState(state.live(), tests);
  }

  /** The same scenarios, each with its latest version (read in parallel). */
  public List<RemoteScenario> withLatest(List<RemoteScenario> scenarios) {
    Map<String, RemoteVersion> latest = latestVersions(scenarios);
    return scenarios.stream()
        .map(r -> latest.containsKey(r.id()) ? r.withLatest(latest.get(r.id())) : r)
        .toList();
  }

  private Map<String, RemoteVersion> latestVersions(List<RemoteScenario> scenarios) {
    int total = scenarios.size();
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    List<java.util.Optional<RemoteVersion>> read =
        inParallel(
            scenarios,
            parallelism,
            r -> {
              var v = api.latestVersion(r.id());
              synchronized (done) { // in order: done only grows
                progress.reads("latest versions", done.incrementAndGet(), total);
              }
              return v;
            });
    Map<String, RemoteVersion> out = new java.util.HashMap<>();
    for (int i = 0; i < total; i++) {
      String id = scenarios.get(i).id();
      read.get(i).ifPresent(v -> out.put(id, v));
    }
    return out;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "scenario-sync-read");
      t.setDaemon(true);
      return t;
    };
  }
}
