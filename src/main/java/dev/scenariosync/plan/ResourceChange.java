package dev.scenariosync.plan;

import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan does to one persona, unit test or unit test set: one shape per kind of action, each
 * checking its rules when built (a create has no id; a new version always has its expected number;
 * a delete has nothing after it). Field values are as {@code kinds.FieldRule} normalises them, with
 * references still as the files and the remote name them (resolved ids in {@link #ids()}).
 */
public sealed interface ResourceChange {
  ResourceKind kind();

  String name();

  /** The action that names the change in lists. */
  Action action();

  /** Ids resolved for the references of {@code after} at plan time, by JSON pointer. */
  default Map<String, String> ids() {
    return Map.of();
  }

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
      boolean adopt)
      implements ResourceChange {
    public Update {
      Objects.requireNonNull(id, "an update has an id");
      if (changed.isEmpty()) {
        throw new IllegalArgumentException("an update changes something");
      }
      if (expectedVersion != null && expectedVersion < 1) {
        throw new IllegalArgumentException("a new version is version 1 or later");
      }
      before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
      after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
      tagsBefore = dev.scenariosync.model.Tags.copyOf(tagsBefore);
      tagsAfter = dev.scenariosync.model.Tags.copyOf(tagsAfter);
      changed = List.copyOf(changed);
      ids = Map.copyOf(ids);
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
  }

  /**
   * A persona whose file says {@code renamed_from}: the new name is created with the tag {@code
   * previous_id: <old id>}, the remote unit tests no file declares that use the old one are
   * re-pointed to it ({@code repointed}, by id and name), and the old one is deleted after every
   * other write succeeded (guarded like a delete by {@code oldUpdatedAt} and {@code oldVersion});
   * that delete needs no --prune and is not counted by the delete guards.
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
      if (kind != ResourceKind.PERSONA) {
        throw new IllegalArgumentException("only personas are renamed through the kinds path");
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
      Integer currentVersion)
      implements ResourceChange {
    public Delete {
      Objects.requireNonNull(id, "a delete has an id");
      before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
      tagsBefore = dev.scenariosync.model.Tags.copyOf(tagsBefore);
    }

    @Override
    public Action action() {
      return Action.DELETE;
    }
  }

  /**
   * A delete that resources the plan keeps prevent (they reference it): listed with their names,
   * skipped by apply, so that the API's 400 is never the first sign.
   */
  record Blocked(ResourceKind kind, String name, String id, List<String> blockers)
      implements ResourceChange {
    public Blocked {
      Objects.requireNonNull(id, "a blocked delete has an id");
      if (blockers.isEmpty()) {
        throw new IllegalArgumentException("a blocked delete names what blocks it");
      }
      blockers = List.copyOf(blockers);
    }

    @Override
    public Action action() {
      return Action.BLOCKED;
    }
  }

  /** A declared resource whose ownership tag holds another owner: left alone by apply. */
  record Foreign(ResourceKind kind, String name, SourceLocation source, String id, String owner)
      implements ResourceChange {
    public Foreign {
      Objects.requireNonNull(id, "a foreign resource exists remotely");
      Objects.requireNonNull(owner, "owner");
    }

    @Override
    public Action action() {
      return Action.FOREIGN;
    }
  }
}
