package dev.scenariosync.apply;

import dev.scenariosync.api.ApiException;
import dev.scenariosync.api.ResourceApi;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.api.TransportException;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Tags;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries out the persona, unit test and unit test set changes of a plan, one change at a time (the
 * {@link Applier} runs independent ones in parallel and orders the kinds). References are resolved
 * by name at the moment of the call, so a unit test may name a scenario created earlier in the same
 * apply. Unit tests and sets have no expected-version guard: each is read again just before its
 * update, and a changed {@code updated_at} is a conflict.
 */
final class ResourceApplier {
  private final ScenarioApi scenarios;
  private final ResourceApi api;
  private final Map<ResourceKind, Map<String, String>> ids = new EnumMap<>(ResourceKind.class);

  ResourceApplier(ScenarioApi scenarios, ResourceApi api) {
    this.scenarios = scenarios;
    this.api = api;
  }

  /** Forgets the names read so far (after a phase that may have created some). */
  synchronized void refresh() {
    ids.clear();
  }

  private synchronized String id(Ref r) {
    if (r.id() != null) {
      return r.id();
    }
    Map<String, String> known = ids.computeIfAbsent(r.kind(), this::read);
    String id = known.get(r.name());
    if (id == null) {
      throw new Unresolved(
          "the " + r.kind().word() + " '" + r.name() + "' it names does not exist (not created?)");
    }
    return id;
  }

  private Map<String, String> read(ResourceKind kind) {
    Map<String, String> out = new ConcurrentHashMap<>();
    if (kind == ResourceKind.SCENARIO) {
      for (RemoteScenario s : scenarios.list(ScenarioApi.ListFilter.live())) {
        out.put(s.name(), s.id());
      }
    } else {
      for (RemoteResource r : api.listAll(Kinds.of(kind))) {
        out.put(r.name(), r.id());
      }
    }
    return out;
  }

  /** A reference that names nothing at apply time. */
  static final class Unresolved extends RuntimeException {
    Unresolved(String message) {
      super(message);
    }
  }

  ResourceOutcome apply(ResourceChange c) {
    try {
      if (c instanceof ResourceChange.Create x) {
        return create(x);
      }
      if (c instanceof ResourceChange.Update x) {
        return update(x);
      }
      if (c instanceof ResourceChange.Delete x) {
        return delete(x);
      }
      if (c instanceof ResourceChange.Rename x) {
        return rename(x);
      }
      if (c instanceof ResourceChange.Blocked x) {
        return outcome(
            c,
            Outcome.Status.SKIPPED,
            "used by " + String.join(", ", x.labels()) + "; not deleted");
      }
      ResourceChange.Foreign x = (ResourceChange.Foreign) c;
      return outcome(
          c,
          Outcome.Status.SKIPPED,
          "owned by " + x.owner() + "; not changed (--take-over takes it over)");
    } catch (Unresolved e) {
      return outcome(c, Outcome.Status.FAILED, e.getMessage());
    } catch (ApiException | TransportException e) {
      return outcome(c, Outcome.Status.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      return outcome(c, Outcome.Status.FAILED, "unexpected error: " + e.getClass().getSimpleName());
    }
  }

  private ResourceOutcome create(ResourceChange.Create c) {
    KindSpec spec = Kinds.of(c.kind());
    try {
      String id = api.createResource(spec, c.name(), c.tagsAfter(), c.after(), this::id);
      synchronized (this) {
        Map<String, String> known = ids.get(c.kind());
        if (known != null) {
          known.put(c.name(), id);
        }
      }
      return new ResourceOutcome(c, Outcome.Status.DONE, "", List.of("created"));
    } catch (ApiException.Conflict e) {
      return outcome(
          c,
          Outcome.Status.CONFLICT,
          "a " + c.kind().word() + " with this name was created remotely since the plan");
    }
  }

  private ResourceOutcome update(ResourceChange.Update c) {
    KindSpec spec = Kinds.of(c.kind());
    Optional<RemoteResource> now = api.getResource(spec, c.id());
    if (now.isEmpty()) {
      return outcome(c, Outcome.Status.CONFLICT, "deleted remotely since the plan");
    }
    RemoteResource r = now.get();
    List<String> done = new ArrayList<>();
    List<String> fields = c.changed().stream().filter(f -> !f.equals("tags")).toList();
    if (!spec.versioned()) {
      // No expected-version guard: the updated_at read just now must be the one planned.
      if (!Objects.equals(r.updatedAt(), c.remoteUpdatedAt())) {
        return outcome(
            c,
            Outcome.Status.CONFLICT,
            "changed remotely since the plan (updated_at); nothing was overwritten, plan again");
      }
      api.updateResource(
          spec, c.id(), fields, c.after(), c.tagsChanged() ? c.tagsAfter() : null, this::id);
      done.add("updated " + String.join(", ", c.changed()));
      return new ResourceOutcome(c, Outcome.Status.DONE, String.join(", ", done), done);
    }
    boolean tagsMovedRemotely =
        c.tagsChanged()
            && !Tags.normalized(r.tags()).equals(Tags.normalized(c.tagsBefore()))
            && !Tags.normalized(r.tags()).equals(Tags.normalized(c.tagsAfter()));
    if (tagsMovedRemotely) {
      return outcome(c, Outcome.Status.CONFLICT, "its tags were changed remotely since the plan");
    }
    if (c.expectedVersion() != null) {
      try {
        api.createResourceVersion(spec, c.id(), c.after(), c.expectedVersion());
        done.add("version " + c.expectedVersion() + " created");
      } catch (ApiException.BadRequest e) {
        return outcome(
            c,
            Outcome.Status.CONFLICT,
            "remote is no longer at version "
                + (c.expectedVersion() - 1)
                + "; nothing was overwritten, plan again");
      }
    }
    if (c.tagsChanged()) {
      try {
        api.updateResource(spec, c.id(), List.of(), c.after(), c.tagsAfter(), this::id);
      } catch (ApiException | TransportException e) {
        if (done.isEmpty()) {
          throw e;
        }
        return new ResourceOutcome(
            c,
            Outcome.Status.FAILED,
            String.join(", ", done) + "; tag update failed: " + e.getMessage(),
            done);
      }
      done.add(c.adopt() ? "adopted" : "tags");
    }
    return new ResourceOutcome(c, Outcome.Status.DONE, String.join(", ", done), done);
  }

  /** A rename's writes: the new one created, then the remote unit tests planned re-pointed. */
  private ResourceOutcome rename(ResourceChange.Rename c) {
    KindSpec spec = Kinds.of(c.kind());
    String id;
    try {
      id = api.createResource(spec, c.name(), c.tagsAfter(), c.after(), this::id);
    } catch (ApiException.Conflict e) {
      return outcome(
          c,
          Outcome.Status.CONFLICT,
          "a " + c.kind().word() + " with this name was created remotely since the plan");
    }
    synchronized (this) {
      Map<String, String> known = ids.get(c.kind());
      if (known != null) {
        known.put(c.name(), id);
      }
    }
    List<String> done = new ArrayList<>();
    done.add("created");
    for (Map.Entry<String, String> t : c.repointed().entrySet()) {
      try {
        api.updateResource(
            Kinds.UNIT_TEST,
            t.getKey(),
            List.of("persona"),
            Map.of("persona", Ref.byId(c.kind(), id)),
            null,
            Ref::id);
        done.add("unit test " + t.getValue() + " re-pointed");
      } catch (ApiException | TransportException e) {
        return new ResourceOutcome(
            c,
            Outcome.Status.FAILED,
            String.join(", ", done)
                + "; re-pointing unit test "
                + t.getValue()
                + " failed: "
                + e.getMessage()
                + "; the old one is not deleted",
            done);
      }
    }
    return new ResourceOutcome(c, Outcome.Status.DONE, String.join(", ", done), done);
  }

  /**
   * A rename's last step, after every other write succeeded: the old one deleted, guarded as a
   * delete is. {@code writes} is how its writes ended.
   */
  ResourceOutcome deleteRenamed(ResourceChange.Rename c, ResourceOutcome writes) {
    ResourceOutcome d;
    try {
      d =
          delete(
              new ResourceChange.Delete(
                  c.kind(),
                  c.renamedFrom(),
                  c.oldId(),
                  Map.of(),
                  Map.of(),
                  c.oldUpdatedAt(),
                  c.oldVersion()));
    } catch (ApiException | TransportException e) {
      d = new ResourceOutcome(null, Outcome.Status.FAILED, e.getMessage(), List.of());
    }
    List<String> steps = new ArrayList<>(writes.steps());
    String what = c.kind().word() + " '" + c.renamedFrom() + "'";
    if (d.status() == Outcome.Status.DONE) {
      steps.add(what + " " + d.steps().get(0));
      return new ResourceOutcome(c, Outcome.Status.DONE, String.join(", ", steps), steps);
    }
    return new ResourceOutcome(
        c, d.status(), String.join(", ", steps) + "; " + what + ": " + d.message(), steps);
  }

  private ResourceOutcome delete(ResourceChange.Delete c) {
    KindSpec spec = Kinds.of(c.kind());
    Optional<RemoteResource> now = api.getResource(spec, c.id());
    if (now.isEmpty()) {
      return new ResourceOutcome(
          c, Outcome.Status.DONE, "already deleted", List.of("already deleted"));
    }
    // Read just before the delete, as for an update: an edit since the plan is never deleted.
    if (!Objects.equals(now.get().updatedAt(), c.remoteUpdatedAt())) {
      return outcome(
          c,
          Outcome.Status.CONFLICT,
          "changed remotely since the plan (updated_at); not deleted, plan again");
    }
    if (spec.versioned() && c.currentVersion() != null) {
      Integer latest = api.withLatestVersion(spec, now.get()).version();
      if (!Objects.equals(latest, c.currentVersion())) {
        return outcome(
            c,
            Outcome.Status.CONFLICT,
            "remote is now at version "
                + latest
                + " (the plan saw "
                + c.currentVersion()
                + "); not deleted, plan again");
      }
    }
    try {
      api.deleteResource(spec, c.id());
      return new ResourceOutcome(c, Outcome.Status.DONE, "", List.of("deleted"));
    } catch (ApiException.BadRequest e) {
      return outcome(
          c, Outcome.Status.CONFLICT, "used by something made since the plan; not deleted");
    } catch (ApiException.NotFound e) {
      return new ResourceOutcome(
          c, Outcome.Status.DONE, "already deleted", List.of("already deleted"));
    }
  }

  private static ResourceOutcome outcome(ResourceChange c, Outcome.Status s, String message) {
    return new ResourceOutcome(c, s, message, List.of());
  }
}
