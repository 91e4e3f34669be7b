package dev.scenariosync.apply;

import dev.scenariosync.api.ApiException;
import dev.scenariosync.api.ResourceApi;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.api.TransportException;
import dev.scenariosync.api.UnwritableContent;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries out a plan against the API. Each scenario's actions run in order (version, then tags);
 * independent scenarios run in parallel, deletes last. Every new version is sent with the expected
 * number from the plan, so an edit made meanwhile is never overwritten: that scenario becomes a
 * conflict and is left untouched. A failure never stops unrelated changes, and running apply again
 * converges: work found already done counts as done.
 */
public final class Applier {
  private final ScenarioApi api;
  private final ResourceApi resourceApi;
  private final int parallelism;
  private final Consumer<String> progress;

  public Applier(ScenarioApi api, int parallelism, Consumer<String> progress) {
    this(api, null, parallelism, progress);
  }

  /** With the API of personas, unit tests and sets, for a plan that has them. */
  public Applier(
      ScenarioApi api, ResourceApi resourceApi, int parallelism, Consumer<String> progress) {
    this.api = api;
    this.resourceApi = resourceApi;
    this.parallelism = Math.max(1, parallelism);
    this.progress = progress;
  }

  public ApplyResult apply(Plan plan) {
    if (!plan.resources().isEmpty()) {
      return applySuite(plan);
    }
    List<Change> first =
        plan.changes().stream()
            .filter(c -> !c.has(Action.DELETE) && !c.has(Action.BLOCKED))
            .toList();
    List<Change> last =
        plan.changes().stream().filter(c -> c.has(Action.DELETE) || c.has(Action.BLOCKED)).toList();
    int total = plan.changes().size();
    AtomicInteger finished = new AtomicInteger();
    List<Outcome> outcomes = new ArrayList<>(run(first, total, finished));
    boolean writeFailed =
        outcomes.stream()
            .anyMatch(
                o ->
                    o.status() != Outcome.Status.DONE
                        && (o.change().has(Action.CREATE) || o.change().has(Action.VERSION)));
    if (writeFailed) {
      // A failed create may be the replacement of a scenario being deleted (a rename).
      for (Change c : last) {
        Outcome o =
            new Outcome(
                c,
                Outcome.Status.SKIPPED,
                "not deleted: a create or new version of this apply did not succeed");
        report(finished, total, o.status(), c.name(), o.message());
        outcomes.add(o);
      }
    } else {
      outcomes.addAll(run(last, total, finished));
    }
    return new ApplyResult(outcomes);
  }

  /**
   * A plan with personas, unit tests or sets: creates and updates by rank (personas with the
   * scenarios, then unit tests, then sets), then deletes in reverse (sets, unit tests, then
   * personas with the scenarios); no delete when a create or update failed.
   */
  private ApplyResult applySuite(Plan plan) {
    if (resourceApi == null) {
      throw new IllegalStateException("a plan with personas, unit tests or sets needs their API");
    }
    ResourceApplier kinds = new ResourceApplier(api, resourceApi);
    int total =
        plan.changes().size()
            + plan.resources().size()
            + (int)
                plan.resources().stream().filter(ResourceChange.Rename.class::isInstance).count();
    AtomicInteger finished = new AtomicInteger();
    List<Change> first =
        plan.changes().stream()
            .filter(c -> !c.has(Action.DELETE) && !c.has(Action.BLOCKED))
            .toList();
    List<Change> last =
        plan.changes().stream().filter(c -> c.has(Action.DELETE) || c.has(Action.BLOCKED)).toList();
    List<Outcome> outcomes = new ArrayList<>();
    List<ResourceOutcome> resources = new ArrayList<>();
    boolean writeFailed = false;
    int maxRank = Kinds.resources().stream().mapToInt(k -> k.rank()).max().orElse(0);
    for (int rank = 0; rank <= maxRank; rank++) {
      final int r = rank;
      List<ResourceChange> writes =
          plan.resources().stream()
              .filter(c -> Kinds.of(c.kind()).rank() == r)
              .filter(
                  c -> !(c instanceof ResourceChange.Delete || c instanceof ResourceChange.Blocked))
              .toList();
      List<Outcome> sc = new ArrayList<>();
      // Scenarios run beside the personas (same rank): each endpoint has its own limit.
      java.util.concurrent.CompletableFuture<List<Outcome>> scenarios =
          rank == 0
              ? java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> run(first, total, finished), daemonPool())
              : java.util.concurrent.CompletableFuture.completedFuture(List.of());
      List<ResourceOutcome> ro =
          parallel(
              writes,
              c -> {
                ResourceOutcome o = kinds.apply(c);
                report(finished, total, o.status(), c.kind().word() + " " + c.name(), o.message());
                return o;
              });
      sc.addAll(scenarios.join());
      kinds.refresh();
      outcomes.addAll(sc);
      resources.addAll(ro);
      writeFailed |=
          sc.stream()
              .anyMatch(
                  o ->
                      o.status() != Outcome.Status.DONE
                          && (o.change().has(Action.CREATE) || o.change().has(Action.VERSION)));
      writeFailed |=
          ro.stream()
              .anyMatch(
                  o -> o.status() != Outcome.Status.DONE && o.status() != Outcome.Status.SKIPPED);
    }
    for (int rank = maxRank; rank >= 0; rank--) {
      final int r = rank;
      List<ResourceChange> deletes =
          plan.resources().stream()
              .filter(c -> Kinds.of(c.kind()).rank() == r)
              .filter(
                  c -> c instanceof ResourceChange.Delete || c instanceof ResourceChange.Blocked)
              .toList();
      boolean skip = writeFailed;
      List<ResourceOutcome> ro =
          parallel(
              deletes,
              c -> {
                ResourceOutcome o =
                    skip && c instanceof ResourceChange.Delete
                        ? new ResourceOutcome(
                            c,
                            Outcome.Status.SKIPPED,
                            "not deleted: a create or update of this apply did not succeed",
                            List.of())
                        : kinds.apply(c);
                report(finished, total, o.status(), c.kind().word() + " " + c.name(), o.message());
                return o;
              });
      resources.addAll(ro);
      writeFailed |=
          ro.stream()
              .anyMatch(
                  o ->
                      o.status() == Outcome.Status.FAILED || o.status() == Outcome.Status.CONFLICT);
      if (rank == 0) {
        // A rename's old persona goes last, once every other write of the apply succeeded.
        for (int i = 0; i < resources.size(); i++) {
          ResourceOutcome o = resources.get(i);
          if (!(o.change() instanceof ResourceChange.Rename x)
              || o.status() != Outcome.Status.DONE) {
            continue;
          }
          ResourceOutcome n =
              writeFailed
                  ? new ResourceOutcome(
                      x,
                      Outcome.Status.SKIPPED,
                      o.message()
                          + "; "
                          + x.kind().word()
                          + " '"
                          + x.renamedFrom()
                          + "' not deleted: a write of this apply did not succeed",
                      o.steps())
                  : kinds.deleteRenamed(x, o);
          report(finished, total, n.status(), x.kind().word() + " " + x.name(), n.message());
          resources.set(i, n);
          writeFailed |=
              n.status() == Outcome.Status.FAILED || n.status() == Outcome.Status.CONFLICT;
        }
        if (writeFailed) {
          for (Change c : last) {
            Outcome o =
                new Outcome(
                    c,
                    Outcome.Status.SKIPPED,
                    "not deleted: a create, update or delete of this apply did not succeed");
            report(finished, total, o.status(), c.name(), o.message());
            outcomes.add(o);
          }
        } else {
          outcomes.addAll(run(last, total, finished));
        }
      }
    }
    return new ApplyResult(outcomes, resources);
  }

  private void report(
      AtomicInteger finished, int total, Outcome.Status s, String what, String message) {
    progress.accept(
        "["
            + finished.incrementAndGet()
            + "/"
            + total
            + "] "
            + s.name().toLowerCase(java.util.Locale.ROOT)
            + "  "
            + what
            + (message.isEmpty() ? "" : ": " + message));
  }

  private <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, items.size()),
            r -> {
              Thread t = new Thread(r, "scenario-sync-apply");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static java.util.concurrent.Executor daemonPool() {
    return r -> {
      Thread t = new Thread(r, "scenario-sync-apply-scenarios");
      t.setDaemon(true);
      t.start();
    };
  }

  private List<Outcome> run(List<Change> changes, int total, AtomicInteger finished) {
    return parallel(
        changes,
        c -> {
          Outcome o = safely(c);
          report(finished, total, o.status(), c.name(), o.message());
          return o;
        });
  }

  private Outcome safely(Change c) {
    try {
      return one(c);
    } catch (ApiException | TransportException e) {
      return new Outcome(c, Outcome.Status.FAILED, e.getMessage());
    } catch (UnwritableContent e) {
      return new Outcome(c, Outcome.Status.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      // Anything else inside one change (an answer of an unexpected shape, say) fails that
      // change only: the others go on and the result table is printed.
      return new Outcome(
          c, Outcome.Status.FAILED, "unexpected error: " + e.getClass().getSimpleName());
    }
  }

  private Outcome one(Change c) {
    if (c.has(Action.BLOCKED)) {
      return new Outcome(c, Outcome.Status.SKIPPED, "used by unit tests; not deleted");
    }
    if (c.has(Action.FOREIGN)) {
      return new Outcome(
          c,
          Outcome.Status.SKIPPED,
          "owned by " + c.foreignOwner() + "; not changed (--take-over takes it over)");
    }
    if (c.has(Action.RENAME)) {
      return rename(c);
    }
    if (c.has(Action.CREATE)) {
      return create(c);
    }
    if (c.has(Action.DELETE)) {
      Optional<RemoteScenario> now = api.get(c.scenarioId());
      if (now.isEmpty() || now.get().deleted()) {
        return done(c, "already deleted");
      }
      return delete(c, now.get());
    }
    // A new version needs no read first: its expected number guards it. Tags have no such
    // guard, so the scenario is read again to see whether someone changed them since the plan.
    RemoteScenario remote = null;
    if (c.has(Action.TAGS)) {
      Optional<RemoteScenario> now = api.get(c.scenarioId());
      if (now.isEmpty() || now.get().deleted()) {
        return conflict(c, "deleted remotely since the plan");
      }
      remote = now.get();
    }
    try {
      return update(c, remote);
    } catch (ApiException.NotFound e) {
      return conflict(c, "deleted remotely since the plan");
    }
  }

  private Outcome create(Change c) {
    try {
      api.create(c.name(), c.tagsAfter(), c.after());
      return new Outcome(c, Outcome.Status.DONE, "", List.of("created with version 1"));
    } catch (ApiException.Conflict e) {
      // Someone (or an earlier, interrupted apply) created it: done if it is what we want.
      Optional<RemoteScenario> existing =
          api.list(ScenarioApi.ListFilter.live()).stream()
              .filter(r -> r.name().equals(c.name()))
              .findFirst();
      if (existing.isPresent()) {
        Optional<RemoteVersion> latest = api.latestVersion(existing.get().id());
        RemoteScenario found = existing.get();
        boolean same =
            latest.isPresent()
                && latest.get().number() == 1
                && latest.get().content().normalized().equals(c.after().normalized())
                && Tags.normalized(found.tags()).equals(Tags.normalized(c.tagsAfter()))
                && found.creator() != null
                && api.userId().equals(found.creator().userId());
        if (same) {
          return done(c, "already created");
        }
      }
      return conflict(c, "a scenario with this name was created remotely since the plan");
    }
  }

  /**
   * A rename: the new scenario is created (nothing else happens when that fails), then each unit
   * test of the old one is pointed at it; the old one's delete is a change of its own, run with the
   * deletes, only when every write of the apply succeeded.
   */
  private Outcome rename(Change c) {
    String newId;
    List<String> done = new ArrayList<>();
    try {
      newId = api.create(c.name(), c.tagsAfter(), c.after());
      done.add("created with version 1");
    } catch (ApiException.Conflict e) {
      Outcome created = create(c); // already created by an earlier apply: done if it is ours
      if (created.status() != Outcome.Status.DONE) {
        return created;
      }
      done.addAll(created.steps());
      String previous = c.tagsAfter().get(dev.scenariosync.plan.Planner.PREVIOUS_ID);
      newId =
          api
              .list(
                  new ScenarioApi.ListFilter(
                      false,
                      List.of(dev.scenariosync.plan.Planner.PREVIOUS_ID + ":" + previous),
                      List.of()))
              .stream()
              .filter(r -> r.name().equals(c.name()))
              .map(RemoteScenario::id)
              .findFirst()
              .orElse(null);
    }
    if (newId == null) {
      return new Outcome(
          c,
          Outcome.Status.FAILED,
          "created, but not found again to re-point its unit tests",
          done);
    }
    for (UnitTestRef t : c.unitTests()) {
      try {
        if (resourceApi == null) {
          throw new IllegalStateException("a rename with unit tests needs their API");
        }
        Ref to = Ref.byId(ResourceKind.SCENARIO, newId);
        resourceApi.updateResource(
            Kinds.UNIT_TEST, t.id(), List.of("scenario"), Map.of("scenario", to), null, Ref::id);
        done.add("unit test " + t.name() + " re-pointed");
      } catch (ApiException | TransportException e) {
        return new Outcome(
            c,
            Outcome.Status.FAILED,
            String.join(", ", done)
                + "; re-pointing unit test "
                + t.name()
                + " failed: "
                + e.getMessage(),
            done);
      }
    }
    return new Outcome(c, Outcome.Status.DONE, String.join(", ", done), done);
  }

  /** {@code remote} is the scenario as read just now, when the change has tags (else null). */
  private Outcome update(Change c, RemoteScenario remote) {
    boolean tagsChangedRemotely =
        remote != null
            && c.tagsBefore() != null
            && !Tags.normalized(remote.tags()).equals(Tags.normalized(c.tagsBefore()))
            && !Tags.normalized(remote.tags()).equals(Tags.normalized(c.tagsAfter()));
    if (c.has(Action.TAGS) && tagsChangedRemotely) {
      return conflict(c, "its tags were changed remotely since the plan");
    }
    List<String> done = new ArrayList<>();
    if (c.has(Action.VERSION)) {
      try {
        api.createVersion(c.scenarioId(), c.after(), c.expectedVersion());
        done.add("version " + c.expectedVersion() + " created");
      } catch (ApiException.BadRequest e) {
        Optional<RemoteVersion> latest = api.latestVersion(c.scenarioId());
        if (latest.isPresent()
            && latest.get().content().normalized().equals(c.after().normalized())) {
          done.add("version already at " + latest.get().number());
        } else {
          int at = latest.map(RemoteVersion::number).orElse(0);
          return conflict(
              c,
              "remote is now at version "
                  + at
                  + " (the plan expected "
                  + c.currentVersion()
                  + "); nothing was overwritten, plan again");
        }
      }
    }
    if (c.has(Action.TAGS)
        && !Tags.normalized(remote.tags()).equals(Tags.normalized(c.tagsAfter()))) {
      try {
        api.updateTags(c.scenarioId(), c.tagsAfter());
      } catch (ApiException | TransportException e) {
        if (done.isEmpty()) {
          throw e;
        }
        // Say what was done before the failure: "version 2 created; tag update failed: ...".
        return new Outcome(
            c,
            Outcome.Status.FAILED,
            String.join(", ", done) + "; tag update failed: " + e.getMessage(),
            done);
      }
      done.add(c.has(Action.ADOPT) ? "adopted" : "tags");
    } else if (c.has(Action.TAGS)) {
      done.add("tags already set");
    }
    return new Outcome(c, Outcome.Status.DONE, String.join(", ", done), done);
  }

  private Outcome delete(Change c, RemoteScenario remote) {
    if (c.remoteUpdatedAt() != null && !Objects.equals(remote.updatedAt(), c.remoteUpdatedAt())) {
      return conflict(c, "changed remotely since the plan; not deleted");
    }
    try {
      api.delete(c.scenarioId());
      return new Outcome(c, Outcome.Status.DONE, "", List.of("deleted"));
    } catch (ApiException.BadRequest e) {
      return conflict(c, "used by a unit test made since the plan; not deleted");
    } catch (ApiException.NotFound e) {
      return done(c, "already deleted");
    }
  }

  private static Outcome done(Change c, String message) {
    return new Outcome(c, Outcome.Status.DONE, message, List.of(message));
  }

  private static Outcome conflict(Change c, String message) {
    return new Outcome(c, Outcome.Status.CONFLICT, message);
  }
}
