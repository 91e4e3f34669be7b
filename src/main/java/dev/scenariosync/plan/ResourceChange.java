package dev.scenariosync.plan;

import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan does to one resource of any kind: one shape per kind of action, each checking its
 * rules when built (a create has no id; a new version always has its expected number; a delete has
 * nothing after it). Field values are as {@code kinds.FieldRule} normalises them, with references
 * still as the files and the remote name them (resolved ids in {@link #ids()}).
 */
public sealed interface ResourceChange {
  ResourceKind kind();

  String name();

  /** The action that names the change in lists. */
  Action action();

  /**
   * Every action the change holds, for counts: the one that names it, then a tag change and an
   * adopt that come with an update.
   */
  default List<Action> actions() {
    return List.of(action());
  }

  /** Where the files declare it (null for a delete or a blocked delete: no file does). */
  default SourceLocation source() {
    return null;
  }

  /** The remote id it works on (null for a create or a rename: the apply makes the new one). */
  default String id() {
    return null;
  }

  /** Whether apply deletes it (or would, but for what blocks it): run after the writes. */
  default boolean removes() {
    return this instanceof Delete || this instanceof Blocked;
  }

  /** Ids resolved for the references of {@code after} at plan time, by JSON pointer. */
  default Map<String, String> ids() {
    return Map.of();
  }

  /**
   * The fields the files want (null for a delete, a blocked delete, or a foreign resource without
   * its wanted update).
   */
  default Map<String, Object> after() {
    return null;
  }

  /** The tags the files want (null where {@link #after()} is). */
  default Map<String, String> tagsAfter() {
    return null;
  }

  /**
   * The remote tags the change replaces or deletes (null for a create or a rename, and where the
   * remote state was not recorded).
   */
  default Map<String, String> tagsBefore() {
    return null;
  }

  /** The author and time of a remote version that a change replaces or deletes. */
  record Edit(UserRef creator, Instant createdAt) {}

  /** A resource no remote one has the name of: created with its tags. */
  record Create(
      ResourceKind kind,
      String name,
      SourceLocation source,
      Map<String, Object> after,
      Map<String, String> tagsAfter,
      Map<String, String> ids)
      implements ResourceChange {
    public Create {
      Objects.requireNonNull(after, "after");
      after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
      tagsAfter = dev.scenariosync.model.Tags.copyOf(tagsAfter);
      ids = Map.copyOf(ids);
    }

    @Override
    public Action action() {
      return Action.CREATE;
    }
  }

  /**
   * A remote resource brought to the file's state. For a versioned kind whose versioned fields
   * changed, {@code expectedVersion} is the number the new version must get (the remote latest +
   * 1); for the others it is null and {@code remoteUpdatedAt} guards the update (read again just
   * before it: a changed value is a conflict).
   *
   * @param changed the names of the fields that differ ({@code tags} included)
   * @param currentVersion the remote latest version's number (a versioned kind), else null
   * @param latest who made the remote latest version and when (a versioned kind, when known)
   * @param impact the unit tests that will run the new version (a versioned kind)
   */
  record Update(
      ResourceKind kind,
      String name,
      SourceLocation source,
      String id,
      Instant remoteUpdatedAt,
      Integer expectedVersion,
      Map<String, Object> before,
      Map<String, Object> after,
      Map<String, String> tagsBefore,
      Map<String, String> tagsAfter,
      List<String> changed,
      Map<String, String> ids,
      boolean adopt,
      Integer currentVersion,
      Edit latest,
      List<UnitTestRef> impact)
      implements ResourceChange {
    public Update {
      Objects.requireNonNull(id, "an update has an id");
      if (changed.isEmpty()) {
        throw new IllegalArgumentException("an update changes something");
      }
      if (expectedVersion != null && expectedVersion < 1) {
        throw new IllegalArgumentException("a new version is version 1 or later");
      }
      if (expectedVersion != null
          && currentVersion != null
          && expectedVersion != currentVersion + 1) {
        throw new IllegalArgumentException("a new version follows the remote latest");
      }
      impact = List.copyOf(impact);
      before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
      after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
      tagsBefore = dev.scenariosync.model.Tags.copyOf(tagsBefore);
      tagsAfter = dev.scenariosync.model.Tags.copyOf(tagsAfter);
      changed = List.copyOf(changed);
      ids = Map.copyOf(ids);
    }

    /** An update of a kind without versions' authors or impact (unit tests, sets). */
    public Update(
        ResourceKind kind,
        String name,
        SourceLocation source,
        String id,
        Instant remoteUpdatedAt,
        Integer expectedVersion,
        Map<String, Object> before,
        Map<String, Object> after,
        Map<String, String> tagsBefore,
        Map<String, String> tagsAfter,
        List<String> changed,
        Map<String, String> ids,
        boolean adopt) {
      this(
          kind,
          name,
          source,
          id,
          remoteUpdatedAt,
          expectedVersion,
          before,
          after,
          tagsBefore,
          tagsAfter,
          changed,
          ids,
          adopt,
          expectedVersion == null ? null : expectedVersion - 1,
          null,
          List.of());
    }

    @Override
    public Action action() {
      if (expectedVersion != null) {
        return Action.VERSION;
      }
      return changed.equals(List.of("tags")) ? Action.TAGS : Action.UPDATE;
    }

    public boolean tagsChanged() {
      return changed.contains("tags");
    }

    @Override
    public List<Action> actions() {
      List<Action> out = new java.util.ArrayList<>(List.of(action()));
      if (tagsChanged() && action() != Action.TAGS) {
        out.add(Action.TAGS);
      }
      if (adopt) {
        out.add(Action.ADOPT);
      }
      return List.copyOf(out);
    }
  }

  /**
   * A scenario or persona whose file says {@code renamed_from}: the new name is created with the
   * tag {@code previous_id: <old id>}, the remote unit tests no file declares that use the old one
   * are re-pointed to it ({@code repointed}, by id and name), and the old one is deleted after
   * every other write succeeded (guarded like a delete by {@code oldUpdatedAt} and {@code
   * oldVersion}); that delete needs no --prune and is not counted by the delete guards.
   */
  record Rename(
      ResourceKind kind,
      String name,
      SourceLocation source,
      String renamedFrom,
      String oldId,
      Instant oldUpdatedAt,
      Integer oldVersion,
      Map<String, Object> after,
      Map<String, String> tagsAfter,
      Map<String, String> ids,
      Map<String, String> repointed)
      implements ResourceChange {
    public Rename {
      Objects.requireNonNull(oldId, "a rename has the old one's id");
      Objects.requireNonNull(renamedFrom, "a rename has the old name");
      if (renamedFrom.equals(name)) {
        throw new IllegalArgumentException("a rename gives a new name");
      }
      if (!Kinds.of(kind).versioned()) {
        throw new IllegalArgumentException("only scenarios and personas are renamed");
      }
      if (!oldId.equals(tagsAfter.get(Planner.PREVIOUS_ID))) {
        throw new IllegalArgumentException(
            "a rename tags the new one with previous_id: the old one's id");
      }
      after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
      tagsAfter = dev.scenariosync.model.Tags.copyOf(tagsAfter);
      ids = Map.copyOf(ids);
      repointed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(repointed));
    }

    @Override
    public Action action() {
      return Action.RENAME;
    }
  }

  /** An owned remote resource no file declares (with --prune), nothing referencing it kept. */
  record Delete(
      ResourceKind kind,
      String name,
      String id,
      Map<String, Object> before,
      Map<String, String> tagsBefore,
      Instant remoteUpdatedAt,
      Integer currentVersion,
      Edit latest)
      implements ResourceChange {
    public Delete {
      Objects.requireNonNull(id, "a delete has an id");
      before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
      tagsBefore = dev.scenariosync.model.Tags.copyOf(tagsBefore);
    }

    /** A delete whose latest version's author is not known. */
    public Delete(
        ResourceKind kind,
        String name,
        String id,
        Map<String, Object> before,
        Map<String, String> tagsBefore,
        Instant remoteUpdatedAt,
        Integer currentVersion) {
      this(kind, name, id, before, tagsBefore, remoteUpdatedAt, currentVersion, null);
    }

    @Override
    public Action action() {
      return Action.DELETE;
    }
  }

  /**
   * A delete that resources the plan keeps prevent (they reference it): listed with their names,
   * skipped by apply, so that the API's 400 is never the first sign.
   *
   * @param wouldDelete the delete it prevents, with the remote state it would remove (null when not
   *     recorded)
   */
  record Blocked(ResourceKind kind, String name, String id, List<Ref> blockers, Delete wouldDelete)
      implements ResourceChange {
    public Blocked {
      Objects.requireNonNull(id, "a blocked delete has an id");
      if (blockers.isEmpty()) {
        throw new IllegalArgumentException("a blocked delete names what blocks it");
      }
      if (wouldDelete != null
          && (wouldDelete.kind() != kind
              || !wouldDelete.name().equals(name)
              || !wouldDelete.id().equals(id))) {
        throw new IllegalArgumentException("a blocked delete's delete is its own");
      }
      blockers = List.copyOf(blockers);
    }

    @Override
    public Map<String, String> tagsBefore() {
      return wouldDelete == null ? null : wouldDelete.tagsBefore();
    }

    /** A blocked delete without the remote state it would remove. */
    public Blocked(ResourceKind kind, String name, String id, List<Ref> blockers) {
      this(kind, name, id, blockers, null);
    }

    /** "unit_test 'a'", one per blocker. */
    public List<String> labels() {
      return blockers.stream().map(b -> b.kind().word() + " '" + b + "'").toList();
    }

    @Override
    public Action action() {
      return Action.BLOCKED;
    }
  }

  /**
   * A declared resource whose ownership tag holds another owner: left alone by apply.
   *
   * @param wanted the update the files ask for, which only --take-over would make (null when not
   *     recorded)
   */
  record Foreign(
      ResourceKind kind, String name, SourceLocation source, String id, String owner, Update wanted)
      implements ResourceChange {
    public Foreign {
      Objects.requireNonNull(id, "a foreign resource exists remotely");
      Objects.requireNonNull(owner, "owner");
      if (wanted != null && !wanted.id().equals(id)) {
        throw new IllegalArgumentException("a foreign resource's wanted update is its own");
      }
    }

    public Foreign(ResourceKind kind, String name, SourceLocation source, String id, String owner) {
      this(kind, name, source, id, owner, null);
    }

    @Override
    public Map<String, Object> after() {
      return wanted == null ? null : wanted.after();
    }

    @Override
    public Map<String, String> tagsAfter() {
      return wanted == null ? null : wanted.tagsAfter();
    }

    @Override
    public Map<String, String> tagsBefore() {
      return wanted == null ? null : wanted.tagsBefore();
    }

    @Override
    public Action action() {
      return Action.FOREIGN;
    }
  }
}
