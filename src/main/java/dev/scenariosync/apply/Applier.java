package dev.scenariosync.apply;

import dev.scenariosync.api.ResourceApi;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Carries out a plan's changes of every kind ({@link Plan#changes()}) against the API, in
 * dependency order: creates, new versions and updates by the kinds' rank (scenarios and personas,
 * then unit tests, then sets), then deletes in reverse rank, then the old ones of renames.
 * Independent changes of a rank run in parallel; the client keeps each endpoint within its rate
 * limit. A failure never stops unrelated changes, but no delete runs after a write of the apply did
 * not succeed (a failed create may be the replacement of what a delete removes), and a rename's old
 * one is deleted only when everything else succeeded.
 */
public final class Applier {
  private final ResourceApi api;
  private final int parallelism;
  private final Consumer<String> progress;

  public Applier(ResourceApi api, int parallelism, Consumer<String> progress) {
    this.api = api;
    this.parallelism = Math.max(1, parallelism);
    this.progress = progress;
  }

  public ApplyResult apply(Plan plan) {
    List<ResourceChange> all = plan.changes();
    ResourceApplier kinds = new ResourceApplier(api);
    Outcome[] outcomes = new Outcome[all.size()];
    int total =
        all.size() + (int) all.stream().filter(ResourceChange.Rename.class::isInstance).count();
    AtomicInteger finished = new AtomicInteger();
    Failures failures = new Failures();
    int[] ranks =
        Arrays.stream(ResourceKind.values())
            .mapToInt(k -> Kinds.of(k).rank())
            .distinct()
            .sorted()
            .toArray();

    for (int rank : ranks) {
      run(
          all,
          indexes(all, rank, false),
          i -> {
            Outcome o = kinds.apply(all.get(i));
            report(finished, total, o);
            return o;
          },
          outcomes,
          failures);
      kinds.refresh(); // names created at this rank are read again by the next one
    }
    for (int r = ranks.length - 1; r >= 0; r--) {
      // Decided before the rank starts: deletes of one rank do not hold each other back.
      String held = failures.holdsBack();
      run(
          all,
          indexes(all, ranks[r], true),
          i -> {
            ResourceChange c = all.get(i);
            Outcome o =
                held != null && c instanceof ResourceChange.Delete
                    ? new Outcome(c, Outcome.Status.SKIPPED, "not deleted: " + held)
                    : kinds.apply(c);
            report(finished, total, o);
            return o;
          },
          outcomes,
          failures);
    }
    // A rename's old one goes last, once every other write and delete of the apply succeeded.
    List<Integer> renamed = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) instanceof ResourceChange.Rename
          && outcomes[i].status() == Outcome.Status.DONE) {
        renamed.add(i);
      }
    }
    String failed = failures.holdsBack();
    run(
        all,
        renamed,
        i -> {
          ResourceChange.Rename x = (ResourceChange.Rename) all.get(i);
          Outcome o =
              failed != null
                  ? new Outcome(
                      x,
                      Outcome.Status.SKIPPED,
                      outcomes[i].message()
                          + "; "
                          + x.kind().word()
                          + " '"
                          + x.renamedFrom()
                          + "' not deleted: "
                          + failed,
                      outcomes[i].steps())
                  : kinds.deleteRenamed(x, outcomes[i]);
          report(finished, total, o);
          return o;
        },
        outcomes,
        failures);
    return new ApplyResult(Arrays.asList(outcomes));
  }

  /** The positions of the writes (or the deletes) of one rank. */
  private static List<Integer> indexes(List<ResourceChange> all, int rank, boolean removes) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      ResourceChange c = all.get(i);
      if (Kinds.of(c.kind()).rank() == rank && c.removes() == removes) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * What did not succeed so far, which holds back the deletes: a create or new version (the
   * rename's case), or any other write or delete.
   */
  private static final class Failures {
    private boolean createOrVersion;
    private boolean other;

    synchronized void note(Outcome o) {
      if (o.status() != Outcome.Status.FAILED && o.status() != Outcome.Status.CONFLICT) {
        return;
      }
      Action a = o.change().action();
      if (a == Action.CREATE || a == Action.RENAME || a == Action.VERSION) {
        createOrVersion = true;
      } else {
        other = true;
      }
    }

    /** Why deletes are held back, or null when nothing failed. */
    synchronized String holdsBack() {
      if (other) {
        return "a create, new version, update or delete of this apply did not succeed";
      }
      return createOrVersion ? "a create or new version of this apply did not succeed" : null;
    }
  }

  /**
   * Runs the work of these positions of {@code all}, each kind on a pool of its own: kinds of one
   * rank use different endpoints with limits of their own, so a kind waiting on its limit (200
   * personas at 100 a minute) never holds back another (1,000 scenarios at 500 a minute) behind it.
   */
  private void run(
      List<ResourceChange> all,
      List<Integer> items,
      IntFunction<Outcome> work,
      Outcome[] outcomes,
      Failures failures) {
    if (items.isEmpty()) {
      return;
    }
    Map<ResourceKind, List<Integer>> byKind = new EnumMap<>(ResourceKind.class);
    for (int i : items) {
      byKind.computeIfAbsent(all.get(i).kind(), k -> new ArrayList<>()).add(i);
    }
    List<ExecutorService> pools = new ArrayList<>();
    try {
      Map<Integer, Future<Outcome>> futures = new java.util.HashMap<>();
      for (List<Integer> ofKind : byKind.values()) {
        ExecutorService pool =
            Executors.newFixedThreadPool(
                Math.min(parallelism, ofKind.size()),
                r -> {
                  Thread t = new Thread(r, "scenario-sync-apply");
                  t.setDaemon(true);
                  return t;
                });
        pools.add(pool);
        for (int i : ofKind) {
          futures.put(i, pool.submit(() -> work.apply(i)));
        }
      }
      for (int i : items) {
        try {
          Outcome o = futures.get(i).get();
          outcomes[i] = o;
          failures.note(o);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pools.forEach(ExecutorService::shutdownNow);
    }
  }

  /** "[3/12] done Chest pain triage" ("persona Ana" for the kinds beyond scenarios). */
  private void report(AtomicInteger finished, int total, Outcome o) {
    ResourceChange c = o.change();
    progress.accept(
        "["
            + finished.incrementAndGet()
            + "/"
            + total
            + "] "
            + o.status().name().toLowerCase(Locale.ROOT)
            + "  "
            + (c.kind() == ResourceKind.SCENARIO ? "" : c.kind().word() + " ")
            + c.name()
            + (o.message().isEmpty() ? "" : ": " + o.message()));
  }
}
