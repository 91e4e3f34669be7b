package dev.scenariosync.plan;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Severity;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UnitTestRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans a whole simulation suite: the scenario plan of {@link Planner}, and the personas, unit
 * tests and unit test sets over the reference graph (a pure function, like {@link Planner}).
 *
 * <ul>
 *   <li>References are resolved here: a name must be declared in the files (created in the same
 *       apply if need be) or live remotely; an {@code {id: ...}} must be live remotely. Anything
 *       else is an error at the referring file:line:col.
 *   <li>Delete safety is decided here: an owned resource no file declares (with --prune) is a
 *       {@code delete} unless something the plan keeps references it (a declared resource, or a
 *       remote one that is not deleted too); then it is {@code blocked}, naming what blocks it. A
 *       scenario and the unit tests that use it are deleted together.
 *   <li>Changes are ordered by the kinds' rank (personas and scenarios, unit tests, sets) for
 *       creates and updates, and in reverse for deletes.
 * </ul>
 *
 * <p>The API for targeted selection: everything is keyed by {@link ResourceKind} and name; {@link
 * #plan} takes the full desired and remote state, so a selection can filter {@code desired} and the
 * resulting changes by (kind, name) without touching the rules here.
 */
public final class SuitePlanner {
  private SuitePlanner() {}

  /** The plan, or the errors (references that resolve to nothing, a changed persona role). */
  public record Result(Plan plan, List<Diagnostic> errors) {
    public Result {
      errors = List.copyOf(errors);
    }
  }

  /** One node of the reference graph. */
  private record Node(ResourceKind kind, String id, String name) {
    Ref ref() {
      return new Ref(kind, name, id);
    }
  }

  public static Result plan(
      String organization,
      List<dev.scenariosync.model.DesiredScenario> scenarios,
      dev.scenariosync.model.RemoteState scenarioRemote,
      List<Resource> desired,
      SuiteRemote remote,
      PlanOptions options) {
    Plan scenarioPlan = Planner.plan(organization, scenarios, scenarioRemote, options);
    Index index = new Index(scenarios, scenarioRemote.live(), desired, remote);
    List<Diagnostic> errors = new ArrayList<>();
    List<ResourceChange> changes = new ArrayList<>();
    int unchanged = 0;
    Map<String, Resource> declaredById = new HashMap<>();
    Set<String> foreignIds = new HashSet<>();
    Set<String> renamedIds = new HashSet<>(); // old personas a rename deletes itself
    for (Resource d : desired) {
      KindSpec spec = Kinds.of(d.kind());
      Map<String, String> ids = resolve(d, spec, index, errors);
      RemoteResource r = index.remote(d.kind(), d.name());
      Map<String, String> tagsAfter = SavedPlanCheck.withOwnership(d.tags(), options.ownership());
      RemoteResource old = renamed(d, r, index, options);
      if (old != null) {
        ResourceChange c = rename(d, old, tagsAfter, ids, desired, index, remote, options, errors);
        if (c != null) {
          renamedIds.add(old.id());
          changes.add(c);
        }
        continue;
      }
      if (r == null) {
        changes.add(
            new ResourceChange.Create(d.kind(), d.name(), d.source(), d.fields(), tagsAfter, ids));
        continue;
      }
      declaredById.put(r.id(), d);
      // Tag keys other writers own (ignore_tag_keys) keep their remote values: never compared,
      // never removed, as for scenarios.
      Map<String, String> kept = new java.util.LinkedHashMap<>(tagsAfter);
      Tags.normalized(r.tags())
          .forEach(
              (k, v) -> {
                // previous_id, set by a rename, is kept as for scenarios: history follows it.
                if ((options.ignoreTagKeys().contains(k) || k.equals(Planner.PREVIOUS_ID))
                    && !kept.containsKey(k)) {
                  kept.put(k, v);
                }
              });
      tagsAfter = kept;
      ResourceChange c = update(d, r, spec, ids, tagsAfter, index, options, errors);
      if (c == null) {
        unchanged++;
      } else {
        if (c instanceof ResourceChange.Foreign) {
          foreignIds.add(r.id());
        }
        changes.add(c);
      }
    }

    // Delete candidates: owned, undeclared resources of every kind (with --prune), and the
    // scenarios the scenario plan would delete.
    Map<String, Node> candidates = new LinkedHashMap<>();
    if (options.prune()) {
      for (KindSpec spec : Kinds.resources()) {
        for (RemoteResource r : remote.of(spec.kind())) {
          if (index.declared(spec.kind(), r.name())
              || !owned(r.tags(), options)
              || renamedIds.contains(r.id())) {
            continue;
          }
          candidates.put(r.id(), new Node(spec.kind(), r.id(), r.name()));
        }
      }
    }
    for (Change c : scenarioPlan.changes()) {
      if (c.has(Action.DELETE) || c.has(Action.BLOCKED)) {
        candidates.put(c.scenarioId(), new Node(ResourceKind.SCENARIO, c.scenarioId(), c.name()));
      }
    }
    Map<String, List<Node>> blockers =
        blockers(candidates, desired, declaredById, foreignIds, index, remote);
    // A rename re-points the remote unit tests of its old scenario that no file declares: they
    // do not block that scenario's delete (a declared one follows its file, and blocks while the
    // file still names the old scenario).
    Set<String> renamedAway = new HashSet<>();
    for (Change c : scenarioPlan.changes()) {
      if (!c.has(Action.RENAME)) {
        continue;
      }
      renamedAway.add(c.renamedFrom());
      Set<String> repointed = new HashSet<>();
      c.unitTests().stream()
          .filter(t -> !declaredById.containsKey(t.id()))
          .forEach(t -> repointed.add(t.id()));
      for (Change d : scenarioPlan.changes()) {
        if (d.has(Action.DELETE) && d.name().equals(c.renamedFrom())) {
          blockers.computeIfPresent(
              d.scenarioId(),
              (k, v) -> {
                List<Node> left = v.stream().filter(n -> !repointed.contains(n.id())).toList();
                return left.isEmpty() ? null : left;
              });
        }
      }
    }
    List<ResourceChange> deletes = new ArrayList<>();
    for (Node n : candidates.values()) {
      if (n.kind() == ResourceKind.SCENARIO) {
        continue;
      }
      List<Node> by = blockers.getOrDefault(n.id(), List.of());
      if (by.isEmpty()) {
        RemoteResource r = index.remoteById(n.id());
        deletes.add(
            new ResourceChange.Delete(
                n.kind(),
                n.name(),
                n.id(),
                index.shown(r.fields()),
                r.tags(),
                r.updatedAt(),
                r.version()));
      } else {
        deletes.add(
            new ResourceChange.Blocked(
                n.kind(), n.name(), n.id(), by.stream().map(Node::ref).toList()));
      }
    }
    changes.sort(
        Comparator.comparingInt((ResourceChange c) -> Kinds.of(c.kind()).rank())
            .thenComparing(ResourceChange::kind)
            .thenComparing(ResourceChange::name));
    deletes.sort(
        Comparator.comparingInt((ResourceChange c) -> -Kinds.of(c.kind()).rank())
            .thenComparing(ResourceChange::kind)
            .thenComparing(ResourceChange::name));
    changes.addAll(deletes);

    // The scenario deletes, decided over the graph rather than by the remote unit tests alone.
    List<Change> scenarioChanges = new ArrayList<>();
    for (Change c : scenarioPlan.changes()) {
      if (!c.has(Action.DELETE) && !c.has(Action.BLOCKED)) {
        scenarioChanges.add(c);
        continue;
      }
      List<Node> by = blockers.getOrDefault(c.scenarioId(), List.of());
      List<UnitTestRef> users =
          by.stream()
              .map(b -> new UnitTestRef(b.id() == null ? "" : b.id(), b.name(), c.scenarioId()))
              .toList();
      scenarioChanges.add(
          new Change(
              c.name(),
              c.source(),
              c.scenarioId(),
              List.of(users.isEmpty() ? Action.DELETE : Action.BLOCKED),
              c.currentVersion(),
              c.expectedVersion(),
              c.remoteUpdatedAt(),
              c.before(),
              c.after(),
              c.tagsBefore(),
              c.tagsAfter(),
              c.drift(),
              users));
    }
    List<Change> scenarioDeletes =
        scenarioChanges.stream()
            .filter(c -> c.has(Action.DELETE) || c.has(Action.BLOCKED))
            .filter(c -> !renamedAway.contains(c.name())) // a rename's delete is not counted
            .toList();
    List<String> refusals =
        new ArrayList<>(Planner.guards(scenarioDeletes, scenarioRemote.live(), options));
    // --max-deletes counts every kind together; the scenarios' own refusal already says so when
    // they alone are too many.
    long scenarioDeleteCount = scenarioDeletes.stream().filter(c -> c.has(Action.DELETE)).count();
    long resourceDeletes = deletes.stream().filter(c -> c instanceof ResourceChange.Delete).count();
    if (resourceDeletes > 0
        && scenarioDeleteCount <= options.maxDeletes()
        && scenarioDeleteCount + resourceDeletes > options.maxDeletes()) {
      refusals.add(
          "the plan deletes "
              + (scenarioDeleteCount + resourceDeletes)
              + " resources ("
              + scenarioDeleteCount
              + " scenarios, "
              + resourceDeletes
              + " personas, unit tests and sets), more than --max-deletes "
              + options.maxDeletes()
              + "; raise --max-deletes if that is intended");
    }
    // The delete-all guard, per kind: a prune that would delete every owned one of a kind.
    List<String> orphans = new ArrayList<>(scenarioPlan.outside().orphans());
    for (KindSpec spec : Kinds.resources()) {
      long owned = 0;
      long deleted = 0;
      for (RemoteResource r : remote.of(spec.kind())) {
        if (!owned(r.tags(), options)) {
          continue;
        }
        owned++;
        boolean isDeleted =
            deletes.stream()
                .anyMatch(c -> c instanceof ResourceChange.Delete x && x.id().equals(r.id()));
        if (isDeleted) {
          deleted++;
        } else if (!index.declared(spec.kind(), r.name())
            && !candidates.containsKey(r.id())
            && !renamedIds.contains(r.id())) {
          orphans.add(spec.kind().word() + " '" + r.name() + "'");
        }
      }
      if (deleted > 0 && deleted == owned && !options.allowDeleteAll()) {
        refusals.add(
            "the plan deletes every "
                + (options.ownership() == null ? "" : "owned ")
                + spec.kind().word().replace('_', ' ')
                + " ("
                + deleted
                + "); pass --allow-delete-all if that is intended");
      }
    }
    Outside outside = new Outside(orphans, scenarioPlan.outside().unmanaged());
    Plan plan =
        new Plan(
            organization,
            scenarioChanges,
            scenarioPlan.unchanged(),
            refusals,
            scenarioPlan.target(),
            outside,
            changes,
            unchanged);
    return new Result(plan, errors);
  }

  /**
   * For each delete candidate, what the plan keeps that references it, to a fixed point: a blocked
   * delete keeps its resource, whose own references then block in turn.
   */
  private static Map<String, List<Node>> blockers(
      Map<String, Node> candidates,
      List<Resource> desired,
      Map<String, Resource> declaredById,
      Set<String> foreignIds,
      Index index,
      SuiteRemote remote) {
    // Every kept-or-not referrer with the ids it references.
    Map<Node, Set<String>> refs = new LinkedHashMap<>();
    for (Resource d : desired) {
      RemoteResource r = index.remote(d.kind(), d.name());
      Node n = new Node(d.kind(), r == null ? null : r.id(), d.name());
      if (r != null && foreignIds.contains(r.id())) {
        refs.put(n, referencedIds(r.fields(), Kinds.of(r.kind()), index));
      } else {
        refs.put(n, referencedIds(d.fields(), Kinds.of(d.kind()), index));
      }
    }
    for (KindSpec spec : Kinds.resources()) {
      for (RemoteResource r : remote.of(spec.kind())) {
        if (!declaredById.containsKey(r.id()) && !index.declared(spec.kind(), r.name())) {
          refs.put(new Node(spec.kind(), r.id(), r.name()), referencedIds(r.fields(), spec, index));
        }
      }
    }
    Set<String> deleted = new HashSet<>(candidates.keySet());
    Map<String, List<Node>> out = new HashMap<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      out.clear();
      for (Map.Entry<Node, Set<String>> e : refs.entrySet()) {
        Node referrer = e.getKey();
        if (referrer.id() != null && deleted.contains(referrer.id())) {
          continue; // deleted too (before what it references)
        }
        for (String id : e.getValue()) {
          if (candidates.containsKey(id)) {
            out.computeIfAbsent(id, k -> new ArrayList<>()).add(referrer);
          }
        }
      }
      for (String id : out.keySet()) {
        changed |= deleted.remove(id);
      }
    }
    out.values().forEach(l -> l.sort(Comparator.comparing(Node::kind).thenComparing(Node::name)));
    return out;
  }

  /** The remote ids a resource's fields reference (names resolved through the index). */
  private static Set<String> referencedIds(Map<String, Object> fields, KindSpec spec, Index index) {
    Set<String> out = new LinkedHashSet<>();
    for (FieldSpec f : spec.references()) {
      Object v = fields.get(f.name());
      if (v instanceof Ref r) {
        add(out, r, index);
      } else if (v instanceof List<?> runs) {
        for (Object run : runs) {
          if (run instanceof Map<?, ?> m && m.get("unit_test") instanceof Ref r) {
            add(out, r, index);
          }
        }
      }
    }
    return out;
  }

  private static void add(Set<String> out, Ref r, Index index) {
    String id = r.id() != null ? r.id() : index.remoteId(r.kind(), r.name());
    if (id != null) {
      out.add(id);
    }
  }

  /**
   * The ids of a declared resource's references, by JSON pointer; a reference that resolves to
   * nothing is an error at its place.
   */
  private static Map<String, String> resolve(
      Resource d, KindSpec spec, Index index, List<Diagnostic> errors) {
    Map<String, String> ids = new TreeMap<>();
    for (FieldSpec f : spec.references()) {
      Object v = d.fields().get(f.name());
      if (v instanceof Ref r) {
        resolveOne(d, "/" + f.name(), r, index, ids, errors);
      } else if (v instanceof List<?> runs) {
        for (int i = 0; i < runs.size(); i++) {
          if (runs.get(i) instanceof Map<?, ?> m && m.get("unit_test") instanceof Ref r) {
            resolveOne(d, "/" + f.name() + "/" + i + "/name", r, index, ids, errors);
          }
        }
      }
    }
    return ids;
  }

  private static void resolveOne(
      Resource d,
      String pointer,
      Ref r,
      Index index,
      Map<String, String> ids,
      List<Diagnostic> errors) {
    SourceLocation at = d.at(pointer);
    if (r.id() != null) {
      if (!index.liveId(r.kind(), r.id())) {
        errors.add(
            error(
                at,
                pointer,
                d.kind().word()
                    + " '"
                    + d.name()
                    + "': no live "
                    + r.kind().word()
                    + " has the id "
                    + r.id()));
      } else {
        ids.put(pointer, r.id());
      }
      return;
    }
    String id = index.remoteId(r.kind(), r.name());
    if (id != null) {
      ids.put(pointer, id);
    } else if (!index.declared(r.kind(), r.name())) {
      errors.add(
          error(
              at,
              pointer,
              d.kind().word()
                  + " '"
                  + d.name()
                  + "' names the "
                  + r.kind().word()
                  + " '"
                  + r.name()
                  + "', which no file declares and which does not exist remotely"));
    }
  }

  private static Diagnostic error(SourceLocation at, String pointer, String message) {
    return new Diagnostic(
        at.file(), at.line(), at.column(), Severity.ERROR, message, pointer, null);
  }

  /** The change that brings a remote resource to the file's state, or null when equal. */
  private static ResourceChange update(
      Resource d,
      RemoteResource r,
      KindSpec spec,
      Map<String, String> ids,
      Map<String, String> tagsAfter,
      Index index,
      PlanOptions options,
      List<Diagnostic> errors) {
    List<String> changed = new ArrayList<>();
    boolean versioned = false;
    for (FieldSpec f : spec.fields()) {
      Object want = index.comparable(d.fields().get(f.name()));
      Object have = index.comparable(r.fields().get(f.name()));
      if (!r.fields().containsKey(f.name()) && f.role() == FieldSpec.Role.VERSIONED) {
        have = null; // the latest version was not read: every versioned field differs
      }
      if (Objects.equals(want, have)) {
        continue;
      }
      if (f.role() == FieldSpec.Role.CREATE_ONLY) {
        SourceLocation at = d.at("/" + f.name());
        errors.add(
            error(
                at,
                "/" + f.name(),
                d.kind().word()
                    + " '"
                    + d.name()
                    + "': '"
                    + f.name()
                    + "' is set when it is created and cannot change (remote: "
                    + FieldRule.show(r.fields().get(f.name()))
                    + "); give it a new name to create another one"));
        continue;
      }
      changed.add(f.name());
      versioned |= f.role() == FieldSpec.Role.VERSIONED;
    }
    Map<String, String> tagsBefore = Tags.normalized(r.tags());
    boolean adopt = false;
    if (!tagsBefore.equals(Tags.normalized(tagsAfter))) {
      changed.add("tags");
      adopt = options.ownership() != null && !options.ownership().owns(tagsBefore);
    }
    if (changed.isEmpty()) {
      return null;
    }
    if (options.ownership() != null
        && options.ownership().foreign(tagsBefore)
        && !options.takeOver()) {
      String owner = options.ownership().key() + ": " + tagsBefore.get(options.ownership().key());
      return new ResourceChange.Foreign(d.kind(), d.name(), d.source(), r.id(), owner);
    }
    Integer expected = null;
    if (versioned && spec.versioned()) {
      expected = (r.version() == null ? 1 : r.version()) + 1;
    }
    return new ResourceChange.Update(
        d.kind(),
        d.name(),
        d.source(),
        r.id(),
        r.updatedAt(),
        expected,
        index.shown(r.fields()),
        d.fields(),
        r.tags(),
        tagsAfter,
        changed,
        ids,
        adopt);
  }

  /**
   * The live persona a declared one renames: its file says {@code renamed_from}, the new name is
   * not live, the old one is and no file declares it; else null (a spent line does nothing).
   */
  private static RemoteResource renamed(
      Resource d, RemoteResource r, Index index, PlanOptions options) {
    if (d.renamedFrom() == null
        || d.kind() != ResourceKind.PERSONA
        || r != null
        || d.renamedFrom().equals(d.name())
        || index.declared(d.kind(), d.renamedFrom())) {
      return null;
    }
    RemoteResource old = index.remote(d.kind(), d.renamedFrom());
    // As for scenarios: only one of ours is renamed (deleted); else the file plans a plain create.
    return old != null && owned(old.tags(), options) ? old : null;
  }

  /**
   * The rename of a persona, or null with an error: a declared unit test still naming the old one
   * would keep it (its file must follow).
   */
  private static ResourceChange rename(
      Resource d,
      RemoteResource old,
      Map<String, String> tagsAfter,
      Map<String, String> ids,
      List<Resource> desired,
      Index index,
      SuiteRemote remote,
      PlanOptions options,
      List<Diagnostic> errors) {
    boolean ok = true;
    for (Resource t : desired) {
      if (t.kind() == ResourceKind.UNIT_TEST
          && t.fields().get("persona") instanceof Ref ref
          && (old.name().equals(ref.name()) || old.id().equals(ref.id()))) {
        errors.add(
            error(
                t.at("/persona"),
                "/persona",
                "unit test '"
                    + t.name()
                    + "' names the persona '"
                    + old.name()
                    + "', which persona '"
                    + d.name()
                    + "' renames; name '"
                    + d.name()
                    + "' instead"));
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    Map<String, String> repointed = new TreeMap<>();
    for (RemoteResource t : remote.of(ResourceKind.UNIT_TEST)) {
      if (!index.declared(ResourceKind.UNIT_TEST, t.name())
          && t.fields().get("persona") instanceof Ref ref
          && old.id().equals(ref.id())) {
        repointed.put(t.id(), t.name());
      }
    }
    Map<String, String> tags = new LinkedHashMap<>(tagsAfter);
    tags.put(Planner.PREVIOUS_ID, old.id());
    return new ResourceChange.Rename(
        d.kind(),
        d.name(),
        d.source(),
        old.name(),
        old.id(),
        old.updatedAt(),
        old.version(),
        d.fields(),
        tags,
        ids,
        repointed);
  }

  /** The {@code renamed_from} lines of personas that do nothing: no live persona has the name. */
  public static List<String> spentRenames(List<Resource> desired, SuiteRemote remote) {
    Set<String> live = new HashSet<>();
    remote.of(ResourceKind.PERSONA).forEach(r -> live.add(r.name()));
    List<String> out = new ArrayList<>();
    for (Resource d : desired) {
      if (d.kind() == ResourceKind.PERSONA
          && d.renamedFrom() != null
          && !live.contains(d.renamedFrom())) {
        out.add(d.name() + ": renamed_from '" + d.renamedFrom() + "'");
      }
    }
    return out;
  }

  private static boolean owned(Map<String, String> tags, PlanOptions options) {
    return options.ownership() == null || options.ownership().owns(Tags.normalized(tags));
  }

  /** Names and ids of every kind, declared and remote. */
  private static final class Index {
    final Map<ResourceKind, Set<String>> declared = new EnumMap<>(ResourceKind.class);
    final Map<ResourceKind, Map<String, String>> idByName = new EnumMap<>(ResourceKind.class);
    final Map<String, String> nameById = new HashMap<>();
    final Map<String, RemoteResource> byId = new HashMap<>();
    final Map<ResourceKind, Map<String, RemoteResource>> byName = new EnumMap<>(ResourceKind.class);

    Index(
        List<dev.scenariosync.model.DesiredScenario> scenarios,
        List<RemoteScenario> liveScenarios,
        List<Resource> desired,
        SuiteRemote remote) {
      for (ResourceKind k : ResourceKind.values()) {
        declared.put(k, new HashSet<>());
        idByName.put(k, new HashMap<>());
        byName.put(k, new HashMap<>());
      }
      scenarios.forEach(s -> declared.get(ResourceKind.SCENARIO).add(s.key()));
      desired.forEach(d -> declared.get(d.kind()).add(d.name()));
      for (RemoteScenario s : liveScenarios) {
        idByName.get(ResourceKind.SCENARIO).put(s.name(), s.id());
        nameById.put(s.id(), s.name());
      }
      for (KindSpec spec : Kinds.resources()) {
        for (RemoteResource r : remote.of(spec.kind())) {
          idByName.get(spec.kind()).put(r.name(), r.id());
          nameById.put(r.id(), r.name());
          byId.put(r.id(), r);
          byName.get(spec.kind()).put(r.name(), r);
        }
      }
    }

    boolean declared(ResourceKind k, String name) {
      return declared.get(k).contains(name);
    }

    RemoteResource remote(ResourceKind k, String name) {
      return byName.get(k).get(name);
    }

    RemoteResource remoteById(String id) {
      return byId.get(id);
    }

    String remoteId(ResourceKind k, String name) {
      return idByName.get(k).get(name);
    }

    boolean liveId(ResourceKind k, String id) {
      return idByName.get(k).containsValue(id);
    }

    /** References replaced by what identifies them: the remote id, else the declared name. */
    Object comparable(Object v) {
      if (v instanceof Ref r) {
        String id = r.id() != null ? r.id() : remoteId(r.kind(), r.name());
        return id != null ? "id:" + id : "new:" + r.name();
      }
      if (v instanceof Map<?, ?> m) {
        Map<Object, Object> out = new TreeMap<>();
        m.forEach((k, x) -> out.put(k, comparable(x)));
        return out;
      }
      if (v instanceof List<?> l) {
        return l.stream().map(this::comparable).toList();
      }
      return v;
    }

    /** Remote fields with each reference given the name the remote knows it by. */
    Map<String, Object> shown(Map<String, Object> fields) {
      Map<String, Object> out = new LinkedHashMap<>();
      fields.forEach((k, v) -> out.put(k, named(v)));
      return out;
    }

    private Object named(Object v) {
      if (v instanceof Ref r && r.name() == null && nameById.containsKey(r.id())) {
        return new Ref(r.kind(), nameById.get(r.id()), r.id());
      }
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, x) -> out.put(k.toString(), named(x)));
        return out;
      }
      if (v instanceof List<?> l) {
        return l.stream().map(this::named).toList();
      }
      return v;
    }
  }
}
