package dev.scenariosync.apply;

import dev.scenariosync.api.ApiException;
import dev.scenariosync.api.ResourceApi;
import dev.scenariosync.api.TransportException;
import dev.scenariosync.api.UnwritableContent;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Tags;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Carries out one planned change of any kind, with the API calls its kind description chooses (the
 * {@link Applier} runs independent ones in parallel and orders them). A versioned kind's new
 * version is sent with its expected number; tags, in-place updates and deletes have no such guard,
 * so the resource is read again just before them and a change since the plan (its tags, its {@code
 * updated_at}, its latest version) is a conflict. References are resolved by name at the moment of
 * the call, so a unit test may name a scenario created earlier in the same apply. Work found
 * already done counts as done: running apply again converges.
 */
final class ResourceApplier {
  private final ResourceApi api;
  private final Map<ResourceKind, Map<String, String>> ids = new EnumMap<>(ResourceKind.class);

  ResourceApplier(ResourceApi api) {
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
    for (RemoteResource r : api.listAll(Kinds.of(kind))) {
      out.put(r.name(), r.id());
    }
    return out;
  }

  private synchronized void remember(ResourceKind kind, String name, String id) {
    Map<String, String> known = ids.get(kind);
    if (known != null) {
      known.put(name, id);
    }
  }

  /** A reference that names nothing at apply time. */
  static final class Unresolved extends RuntimeException {
    Unresolved(String message) {
      super(message);
    }
  }

  /**
   * How the change ended. Whatever goes wrong inside it (an answer of an unexpected shape included)
   * fails this change only.
   */
  Outcome apply(ResourceChange c) {
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
        return new Outcome(
            c,
            Outcome.Status.SKIPPED,
            "used by " + String.join(", ", x.labels()) + "; not deleted");
      }
      ResourceChange.Foreign x = (ResourceChange.Foreign) c;
      return new Outcome(
          c,
          Outcome.Status.SKIPPED,
          "owned by " + x.owner() + "; not changed (--take-over takes it over)");
    } catch (Unresolved | ApiException | TransportException | UnwritableContent e) {
      return new Outcome(c, Outcome.Status.FAILED, e.getMessage());
    } catch (RuntimeException e) {
      return new Outcome(
          c, Outcome.Status.FAILED, "unexpected error: " + e.getClass().getSimpleName());
    }
  }

  /** A resource made by a create: its id and the step to report. */
  private record Made(String id, String step) {}

  /**
   * Creates it (a versioned kind with version 1); when the name is taken, the live one counts as
   * made when it is ours and what we want (an earlier, interrupted apply made it). Null when the
   * name is someone else's.
   */
  private Made make(
      KindSpec spec, String name, Map<String, Object> after, Map<String, String> tags) {
    try {
      String id = api.createResource(spec, name, tags, after, this::id);
      remember(spec.kind(), name, id);
      return new Made(id, spec.versioned() ? "created with version 1" : "created");
    } catch (ApiException.Conflict e) {
      Optional<String> ours = ours(spec, name, after, tags);
      ours.ifPresent(id -> remember(spec.kind(), name, id));
      return ours.map(id -> new Made(id, "already created")).orElse(null);
    }
  }

  /**
   * The live one of this name when it is exactly what a create of ours made: version 1 holding
   * these fields, made by the signed-in user, with these tags. Only a versioned kind says who made
   * it (its version's creator); for the others a taken name stays a conflict.
   */
  private Optional<String> ours(
      KindSpec spec, String name, Map<String, Object> after, Map<String, String> tags) {
    if (!spec.versioned()) {
      return Optional.empty();
    }
    Optional<RemoteResource> found =
        api.listAll(spec).stream().filter(r -> r.name().equals(name)).findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RemoteResource latest = api.withLatestVersion(spec, found.get());
    boolean same =
        Objects.equals(latest.version(), 1)
            && sameVersion(spec, latest, after)
            && Tags.normalized(found.get().tags()).equals(Tags.normalized(tags))
            && latest.versionCreator() != null
            && api.userId().equals(latest.versionCreator().userId());
    return same ? Optional.of(found.get().id()) : Optional.empty();
  }

  /** Whether a remote version holds these versioned fields. */
  private static boolean sameVersion(KindSpec spec, RemoteResource r, Map<String, Object> after) {
    return spec.fields().stream()
        .filter(f -> f.role() == FieldSpec.Role.VERSIONED)
        .allMatch(f -> Objects.equals(r.fields().get(f.name()), after.get(f.name())));
  }

  private Outcome create(ResourceChange.Create c) {
    KindSpec spec = Kinds.of(c.kind());
    Made made = make(spec, c.name(), c.after(), c.tagsAfter());
    if (made == null) {
      return takenName(c);
    }
    return made.step().equals("already created")
        ? done(c, made.step())
        : new Outcome(c, Outcome.Status.DONE, "", List.of(made.step()));
  }

  private static Outcome takenName(ResourceChange c) {
    return conflict(
        c, "a " + c.kind().word() + " with this name was created remotely since the plan");
  }

  private Outcome update(ResourceChange.Update c) {
    KindSpec spec = Kinds.of(c.kind());
    // A new version needs no read first: its expected number guards it. Tags and in-place
    // updates have no such guard: the resource is read again to see what changed since the plan.
    RemoteResource now = null;
    if (c.tagsChanged() || !spec.versioned()) {
      Optional<RemoteResource> read = api.getResource(spec, c.id());
      if (read.isEmpty()) {
        return conflict(c, "deleted remotely since the plan");
      }
      now = read.get();
    }
    try {
      return spec.versioned() ? version(spec, c, now) : inPlace(spec, c, now);
    } catch (ApiException.NotFound e) {
      return conflict(c, "deleted remotely since the plan");
    }
  }

  /** A kind without versions: one partial update, guarded by the updated_at read just now. */
  private Outcome inPlace(KindSpec spec, ResourceChange.Update c, RemoteResource now) {
    if (!Objects.equals(now.updatedAt(), c.remoteUpdatedAt())) {
      return conflict(
          c, "changed remotely since the plan (updated_at); nothing was overwritten, plan again");
    }
    List<String> fields = c.changed().stream().filter(f -> !f.equals("tags")).toList();
    api.updateResource(
        spec, c.id(), fields, c.after(), c.tagsChanged() ? c.tagsAfter() : null, this::id);
    String step = "updated " + String.join(", ", c.changed());
    return new Outcome(c, Outcome.Status.DONE, step, List.of(step));
  }

  /**
   * A versioned kind: the new version (expected number), then the tags, each step reported, also
   * when a later one fails ("version 2 created; tag update failed: ..."). {@code now} is the
   * resource read just now when the tags change (else null).
   */
  private Outcome version(KindSpec spec, ResourceChange.Update c, RemoteResource now) {
    if (c.tagsChanged()
        && !Tags.normalized(now.tags()).equals(Tags.normalized(c.tagsBefore()))
        && !Tags.normalized(now.tags()).equals(Tags.normalized(c.tagsAfter()))) {
      return conflict(c, "its tags were changed remotely since the plan");
    }
    List<String> done = new ArrayList<>();
    if (c.expectedVersion() != null) {
      try {
        api.createResourceVersion(spec, c.id(), c.after(), c.expectedVersion());
        done.add("version " + c.expectedVersion() + " created");
      } catch (ApiException.BadRequest e) {
        RemoteResource latest =
            api.withLatestVersion(
                spec,
                now != null
                    ? now
                    : new RemoteResource(
                        c.kind(), c.id(), c.name(), Map.of(), Map.of(), null, null, null));
        if (latest.version() != null && sameVersion(spec, latest, c.after())) {
          done.add("version already at " + latest.version());
        } else {
          return conflict(
              c,
              "remote is now at version "
                  + (latest.version() == null ? 0 : latest.version())
                  + " (the plan expected "
                  + c.currentVersion()
                  + "); nothing was overwritten, plan again");
        }
      }
    }
    if (c.tagsChanged()) {
      if (Tags.normalized(now.tags()).equals(Tags.normalized(c.tagsAfter()))) {
        done.add("tags already set");
      } else {
        try {
          api.updateResource(spec, c.id(), List.of(), c.after(), c.tagsAfter(), this::id);
        } catch (ApiException | TransportException e) {
          if (done.isEmpty()) {
            throw e;
          }
          return new Outcome(
              c,
              Outcome.Status.FAILED,
              String.join(", ", done) + "; tag update failed: " + e.getMessage(),
              done);
        }
        done.add(c.adopt() ? "adopted" : "tags");
      }
    }
    return new Outcome(c, Outcome.Status.DONE, String.join(", ", done), done);
  }

  /**
   * A rename's writes: the new one created (nothing else happens when that fails), then the remote
   * unit tests planned re-pointed to it. The old one's delete is {@link #deleteRenamed}, run once
   * every other write of the apply succeeded.
   */
  private Outcome rename(ResourceChange.Rename c) {
    KindSpec spec = Kinds.of(c.kind());
    Made made = make(spec, c.name(), c.after(), c.tagsAfter());
    if (made == null) {
      return takenName(c);
    }
    List<String> done = new ArrayList<>();
    done.add(made.step());
    String field =
        Kinds.UNIT_TEST.references().stream()
            .filter(f -> f.refers() == c.kind())
            .map(FieldSpec::name)
            .findFirst()
            .orElseThrow();
    // By name, so that the steps read the same on every run.
    List<Map.Entry<String, String>> repointed =
        c.repointed().entrySet().stream()
            .sorted(
                Map.Entry.<String, String>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    for (Map.Entry<String, String> t : repointed) {
      try {
        api.updateResource(
            Kinds.UNIT_TEST,
            t.getKey(),
            List.of(field),
            Map.of(field, Ref.byId(c.kind(), made.id())),
            null,
            Ref::id);
        done.add("unit test " + t.getValue() + " re-pointed");
      } catch (ApiException | TransportException e) {
        return new Outcome(
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
    return new Outcome(c, Outcome.Status.DONE, String.join(", ", done), done);
  }

  /**
   * A rename's last step, after every other write succeeded: the old one deleted, guarded as a
   * delete is. {@code writes} is how its writes ended.
   */
  Outcome deleteRenamed(ResourceChange.Rename c, Outcome writes) {
    Outcome d =
        apply(
            new ResourceChange.Delete(
                c.kind(),
                c.renamedFrom(),
                c.oldId(),
                Map.of(),
                Map.of(),
                c.oldUpdatedAt(),
                c.oldVersion()));
    List<String> steps = new ArrayList<>(writes.steps());
    String what = c.kind().word() + " '" + c.renamedFrom() + "'";
    if (d.status() == Outcome.Status.DONE) {
      steps.add(what + " " + d.steps().get(0));
      return new Outcome(c, Outcome.Status.DONE, String.join(", ", steps), steps);
    }
    return new Outcome(
        c, d.status(), String.join(", ", steps) + "; " + what + ": " + d.message(), steps);
  }

  /**
   * Read just before the delete, as for an update: one edited since the plan ({@code updated_at},
   * or a versioned kind's latest version) is never deleted.
   */
  private Outcome delete(ResourceChange.Delete c) {
    KindSpec spec = Kinds.of(c.kind());
    Optional<RemoteResource> now = api.getResource(spec, c.id());
    if (now.isEmpty()) {
      return done(c, "already deleted");
    }
    // A versioned kind's plan from before updated_at was recorded is guarded by its version only.
    if ((c.remoteUpdatedAt() != null || !spec.versioned())
        && !Objects.equals(now.get().updatedAt(), c.remoteUpdatedAt())) {
      return conflict(c, "changed remotely since the plan; not deleted");
    }
    if (spec.versioned() && c.currentVersion() != null) {
      Integer latest = api.withLatestVersion(spec, now.get()).version();
      if (!Objects.equals(latest, c.currentVersion())) {
        return conflict(
            c,
            "remote is now at version "
                + latest
                + " (the plan saw "
                + c.currentVersion()
                + "); not deleted, plan again");
      }
    }
    try {
      api.deleteResource(spec, c.id());
      return new Outcome(c, Outcome.Status.DONE, "", List.of("deleted"));
    } catch (ApiException.BadRequest e) {
      return conflict(c, "used by " + blockers(spec) + " made since the plan; not deleted");
    } catch (ApiException.NotFound e) {
      return done(c, "already deleted");
    }
  }

  /** "a unit test": what the API's 400 on a delete of this kind means was made. */
  private static String blockers(KindSpec spec) {
    if (spec.blockedBy().isEmpty()) {
      return "something";
    }
    return spec.blockedBy().stream()
        .map(k -> "a " + k.word().replace('_', ' ').toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" or "));
  }

  private static Outcome done(ResourceChange c, String message) {
    return new Outcome(c, Outcome.Status.DONE, message, List.of(message));
  }

  private static Outcome conflict(ResourceChange c, String message) {
    return new Outcome(c, Outcome.Status.CONFLICT, message);
  }
}
