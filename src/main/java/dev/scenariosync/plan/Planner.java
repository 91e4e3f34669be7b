package dev.scenariosync.plan;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteState;
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
 * Computes a plan from what the files declare and what the remote holds, for every kind the same
 * way (from the kinds' descriptions): a pure function, with no I/O. Everything is compared as the
 * server stores it (text stripped with Python's rules, times as instants at milliseconds, tags as
 * maps, references by id), so a file that was applied plans as unchanged forever after, whatever
 * its YAML style.
 *
 * <ul>
 *   <li>References are resolved here: a name must be declared in the files (created in the same
 *       apply if need be) or live remotely; an {@code {id: ...}} must be live remotely. Anything
 *       else is an error at the referring file:line:col.
 *   <li>A versioned field that differs makes a new version with its expected number; other fields
 *       and tags are updated in place; a field set at create only is an error when it differs.
 *   <li>A {@code renamed_from} of a scenario or persona creates the new one, re-points the remote
 *       unit tests no file declares, and deletes the old one (one {@link ResourceChange.Rename}).
 *   <li>Delete safety is decided here: an owned resource no file declares (with --prune) is a
 *       {@code delete} unless something the plan keeps references it (a declared resource, or a
 *       remote one that is not deleted too); then it is {@code blocked}, naming what blocks it. A
 *       scenario and the unit tests that use it are deleted together.
 *   <li>Changes are ordered by the kinds' rank (personas and scenarios, unit tests, sets) for
 *       creates and updates, and in reverse for deletes; the delete guards count every kind.
 * </ul>
 */
public final class Planner {
  private Planner() {}

  /** The tag a renamed scenario or persona records its previous one's id in. */
  public static final String PREVIOUS_ID = "previous_id";

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

  /**
   * The plan of a whole suite (as {@link #plan(String, List, SuiteRemote, Map, PlanOptions,
   * Target)}) from the scenarios in their typed form.
   */
  public static Result plan(
      String organization,
      List<DesiredScenario> scenarios,
      RemoteState scenarioRemote,
      List<Resource> desired,
      SuiteRemote remote,
      PlanOptions options) {
    return plan(organization, scenarios, scenarioRemote, desired, remote, options, null);
  }

  /** As {@link #plan(String, List, RemoteState, List, SuiteRemote, PlanOptions)}, targeted. */
  public static Result plan(
      String organization,
      List<DesiredScenario> scenarios,
      RemoteState scenarioRemote,
      List<Resource> desired,
      SuiteRemote remote,
      PlanOptions options,
      Target target) {
    return plan(
        organization,
        withScenarios(scenarios, desired),
        withScenarios(scenarioRemote, remote),
        scenarioRemote.unitTests(),
        options,
        target);
  }

  /** The plan of scenarios alone (the other kinds neither declared nor read), full or targeted. */
  public static Plan scenarios(
      String organization,
      List<DesiredScenario> scenarios,
      RemoteState remote,
      PlanOptions options,
      Target target) {
    Result r =
        plan(
            organization,
            withScenarios(scenarios, List.of()),
            withScenarios(remote, SuiteRemote.empty()),
            remote.unitTests(),
            options,
            target);
    if (!r.errors().isEmpty()) {
      throw new IllegalStateException("scenarios alone plan without errors: " + r.errors());
    }
    return r.plan();
  }

  private static List<Resource> withScenarios(
      List<DesiredScenario> scenarios, List<Resource> rest) {
    List<Resource> out = new ArrayList<>();
    scenarios.forEach(s -> out.add(ScenarioFields.resource(s)));
    out.addAll(rest);
    return out;
  }

  private static SuiteRemote withScenarios(RemoteState scenarios, SuiteRemote rest) {
    Map<ResourceKind, List<RemoteResource>> live = new EnumMap<>(ResourceKind.class);
    live.putAll(rest.live());
    live.put(ResourceKind.SCENARIO, scenarios.live().stream().map(ScenarioFields::remote).toList());
    return new SuiteRemote(live);
  }

  /**
   * The plan of every kind.
   *
   * @param desired what the files declare, scenarios included
   * @param remote the live remote resources of the kinds read (a kind absent was not read)
   * @param users the unit tests known to reference each id, beside those {@code remote} holds (a
   *     plan of scenarios alone reads only those of the scenarios it versions or deletes)
   * @param target the names a targeted plan covers (null: every one)
   */
  public static Result plan(
      String organization,
      List<Resource> desired,
      SuiteRemote remote,
      Map<String, List<UnitTestRef>> users,
      PlanOptions options,
      Target target) {
    Index index = new Index(desired, remote, users);
    List<Diagnostic> errors = new ArrayList<>();
    List<ResourceChange> changes = new ArrayList<>();
    Map<ResourceKind, Integer> unchanged = new EnumMap<>(ResourceKind.class);
    Map<String, Resource> declaredById = new HashMap<>();
    Set<String> foreignIds = new HashSet<>();
    Map<String, ResourceChange.Rename> renames = new HashMap<>(); // by the old one's id
    for (Resource d : desired) {
      if (target != null && !target.covers(d.kind(), d.name())) {
        continue;
      }
      KindSpec spec = Kinds.of(d.kind());
      Map<String, String> ids = resolve(d, spec, index, target, errors);
      RemoteResource r = index.remote(d.kind(), d.name());
      Map<String, String> tagsAfter = SavedPlanCheck.withOwnership(d.tags(), options.ownership());
      RemoteResource old = renamed(d, r, index, renames, options);
      if (old != null) {
        ResourceChange.Rename c = rename(d, old, tagsAfter, ids, desired, index, target, errors);
        if (c != null) {
          renames.put(old.id(), c);
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
      // never removed; previous_id, set by a rename, is kept too: history follows it back.
      Map<String, String> kept = new LinkedHashMap<>(tagsAfter);
      Tags.normalized(r.tags())
          .forEach(
              (k, v) -> {
                if ((options.ignoreTagKeys().contains(k) || k.equals(PREVIOUS_ID))
                    && !kept.containsKey(k)) {
                  kept.put(k, v);
                }
              });
      ResourceChange c = update(d, r, spec, ids, kept, index, options, errors);
      if (c == null) {
        unchanged.merge(d.kind(), 1, Integer::sum);
      } else {
        if (c instanceof ResourceChange.Foreign) {
          foreignIds.add(r.id());
        }
        changes.add(c);
      }
    }

    // Delete candidates: owned, undeclared resources of every kind read (with --prune).
    Map<String, Node> candidates = new LinkedHashMap<>();
    if (options.prune()) {
      for (KindSpec spec : Kinds.all()) {
        for (RemoteResource r : remote.of(spec.kind())) {
          if (index.declared(spec.kind(), r.name())
              || !owned(r.tags(), options)
              || renames.containsKey(r.id())
              || (target != null && !target.covers(spec.kind(), r.name()))) {
            continue;
          }
          candidates.put(r.id(), new Node(spec.kind(), r.id(), r.name()));
        }
      }
    }
    Map<String, List<Node>> blockers =
        blockers(candidates, desired, declaredById, foreignIds, renames, index, remote);
    List<ResourceChange> deletes = new ArrayList<>();
    for (Node n : candidates.values()) {
      List<Node> by = blockers.getOrDefault(n.id(), List.of());
      RemoteResource r = index.remoteById(n.id());
      ResourceChange.Delete delete =
          new ResourceChange.Delete(
              n.kind(),
              n.name(),
              n.id(),
              index.shown(r.fields()),
              r.tags(),
              r.updatedAt(),
              r.version(),
              edit(r));
      deletes.add(
          by.isEmpty()
              ? delete
              : new ResourceChange.Blocked(
                  n.kind(), n.name(), n.id(), by.stream().map(Node::ref).toList(), delete));
    }
    changes.sort(
        Comparator.comparingInt((ResourceChange c) -> Kinds.of(c.kind()).rank())
            .thenComparing(ResourceChange::kind)
            .thenComparing(ResourceChange::name));
    deletes.sort(
        Comparator.comparingInt((ResourceChange c) -> -Kinds.of(c.kind()).rank())
            .thenComparing(ResourceChange::kind)
            .thenComparing(ResourceChange::name));
    List<String> refusals = guards(deletes, remote, options);
    changes.addAll(deletes);
    Outside outside = outside(remote, index, candidates.keySet(), renames.keySet(), options);
    int scenariosUnchanged = unchanged.getOrDefault(ResourceKind.SCENARIO, 0);
    int othersUnchanged =
        unchanged.values().stream().mapToInt(Integer::intValue).sum() - scenariosUnchanged;
    Plan plan =
        new Plan(
            organization, changes, scenariosUnchanged, refusals, target, outside, othersUnchanged);
    return new Result(plan, errors);
  }

  /**
   * The delete guards: at most {@code --max-deletes} in all (a rename's delete is not counted), and
   * never every owned resource of a kind without {@code --allow-delete-all}. Also a saved plan's,
   * over its scenario deletes and the scenarios live at apply.
   */
  static List<String> guards(
      List<ResourceChange> deletes, SuiteRemote remote, PlanOptions options) {
    List<String> out = new ArrayList<>();
    long scenarios =
        deletes.stream()
            .filter(c -> c instanceof ResourceChange.Delete && c.kind() == ResourceKind.SCENARIO)
            .count();
    long others =
        deletes.stream()
            .filter(c -> c instanceof ResourceChange.Delete && c.kind() != ResourceKind.SCENARIO)
            .count();
    if (scenarios > options.maxDeletes()) {
      out.add(
          "the plan deletes "
              + scenarios
              + " scenarios, more than --max-deletes "
              + options.maxDeletes()
              + "; raise --max-deletes if that is intended");
    } else if (scenarios + others > options.maxDeletes()) {
      out.add(
          "the plan deletes "
              + (scenarios + others)
              + " resources ("
              + scenarios
              + " scenarios, "
              + others
              + " personas, unit tests and sets), more than --max-deletes "
              + options.maxDeletes()
              + "; raise --max-deletes if that is intended");
    }
    for (KindSpec spec : Kinds.all()) {
      long owned = remote.of(spec.kind()).stream().filter(r -> owned(r.tags(), options)).count();
      long deleted =
          deletes.stream()
              .filter(c -> c instanceof ResourceChange.Delete && c.kind() == spec.kind())
              .count();
      if (deleted > 0 && deleted == owned && !options.allowDeleteAll()) {
        out.add(
            "the plan deletes every "
                + (options.ownership() == null ? "" : "owned ")
                + spec.kind().word().replace('_', ' ')
                + " ("
                + deleted
                + "); pass --allow-delete-all if that is intended");
      }
    }
    return out;
  }

  /**
   * What lies outside the plan: the owned resources no file declares that it neither deletes nor
   * renames away (scenarios by name, the other kinds as "persona 'name'"), and the number of
   * scenarios no file declares that are not owned here.
   */
  private static Outside outside(
      SuiteRemote remote,
      Index index,
      Set<String> candidates,
      Set<String> renamedAway,
      PlanOptions options) {
    List<String> scenarios = new ArrayList<>();
    List<String> others = new ArrayList<>();
    int unmanaged = 0;
    for (KindSpec spec : Kinds.all()) {
      for (RemoteResource r : remote.of(spec.kind())) {
        if (index.declared(spec.kind(), r.name())
            || candidates.contains(r.id())
            || renamedAway.contains(r.id())) {
          continue;
        }
        if (!owned(r.tags(), options)) {
          unmanaged += spec.kind() == ResourceKind.SCENARIO ? 1 : 0;
        } else if (spec.kind() == ResourceKind.SCENARIO) {
          scenarios.add(r.name());
        } else {
          others.add(spec.kind().word() + " '" + r.name() + "'");
        }
      }
    }
    scenarios.sort(Comparator.naturalOrder());
    scenarios.addAll(others);
    return new Outside(scenarios, unmanaged);
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
      Map<String, ResourceChange.Rename> renames,
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
    Set<String> repointed = new HashSet<>();
    renames.values().forEach(c -> repointed.addAll(c.repointed().keySet()));
    for (KindSpec spec : Kinds.all()) {
      for (RemoteResource r : remote.of(spec.kind())) {
        if (!declaredById.containsKey(r.id())
            && !index.declared(spec.kind(), r.name())
            && !repointed.contains(r.id())) {
          refs.put(new Node(spec.kind(), r.id(), r.name()), referencedIds(r.fields(), spec, index));
        }
      }
    }
    // The unit tests known only as users of a scenario (a plan of scenarios alone reads no more).
    if (!remote.live().containsKey(ResourceKind.UNIT_TEST)) {
      index.users.forEach(
          (id, tests) -> {
            for (UnitTestRef t : tests) {
              if (!repointed.contains(t.id())) {
                refs.computeIfAbsent(
                        new Node(ResourceKind.UNIT_TEST, t.id(), t.name()),
                        k -> new LinkedHashSet<>())
                    .add(id);
              }
            }
          });
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
      Resource d, KindSpec spec, Index index, Target target, List<Diagnostic> errors) {
    Map<String, String> ids = new TreeMap<>();
    for (FieldSpec f : spec.references()) {
      Object v = d.fields().get(f.name());
      if (v instanceof Ref r) {
        resolveOne(d, "/" + f.name(), r, index, target, ids, errors);
      } else if (v instanceof List<?> runs) {
        for (int i = 0; i < runs.size(); i++) {
          if (runs.get(i) instanceof Map<?, ?> m && m.get("unit_test") instanceof Ref r) {
            resolveOne(d, "/" + f.name() + "/" + i + "/name", r, index, target, ids, errors);
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
      Target target,
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
    String names =
        d.kind().word()
            + " '"
            + d.name()
            + "' names the "
            + r.kind().word()
            + " '"
            + r.name()
            + "', which ";
    if (id != null) {
      ids.put(pointer, id);
    } else if (!index.declared(r.kind(), r.name())) {
      errors.add(error(at, pointer, names + "no file declares and which does not exist remotely"));
    } else if (target != null && !target.covers(r.kind(), r.name())) {
      // created only by a plan that covers it: this one would send a reference to nothing
      errors.add(
          error(
              at,
              pointer,
              names
                  + "does not exist remotely yet and is outside the target; target it too ("
                  + r.kind().word()
                  + "/"
                  + r.name()
                  + ")"));
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
    Integer expected = null;
    ResourceChange.Edit latest = null;
    List<UnitTestRef> impact = List.of();
    if (versioned && spec.versioned()) {
      // no version read means none is there: the new one is version 1 (a wrong guess is the
      // API's conflict, never an overwrite)
      expected = (r.version() == null ? 0 : r.version()) + 1;
      latest = edit(r);
      impact = index.users(r.id());
    }
    ResourceChange.Update u =
        new ResourceChange.Update(
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
            adopt,
            expected == null ? r.version() : Integer.valueOf(expected - 1),
            latest,
            impact);
    if (options.ownership() != null
        && options.ownership().foreign(tagsBefore)
        && !options.takeOver()) {
      String owner = options.ownership().key() + ": " + tagsBefore.get(options.ownership().key());
      return new ResourceChange.Foreign(d.kind(), d.name(), d.source(), r.id(), owner, u);
    }
    return u;
  }

  /** Who made the remote latest version and when, when known. */
  private static ResourceChange.Edit edit(RemoteResource r) {
    return r.versionCreator() == null
        ? null
        : new ResourceChange.Edit(r.versionCreator(), r.versionCreatedAt());
  }

  /**
   * The live scenario or persona a declared one renames: its file says {@code renamed_from}, the
   * new name is not live, the old one is ours, no file declares it and no other rename takes it;
   * else null (a spent line does nothing).
   */
  private static RemoteResource renamed(
      Resource d,
      RemoteResource r,
      Index index,
      Map<String, ResourceChange.Rename> renames,
      PlanOptions options) {
    if (d.renamedFrom() == null
        || !Kinds.of(d.kind()).versioned()
        || r != null
        || d.renamedFrom().equals(d.name())
        || index.declared(d.kind(), d.renamedFrom())) {
      return null;
    }
    RemoteResource old = index.remote(d.kind(), d.renamedFrom());
    return old != null && owned(old.tags(), options) && !renames.containsKey(old.id()) ? old : null;
  }

  /**
   * The rename, or null with an error: a declared unit test still naming the old one would keep it
   * (its file must follow). The remote unit tests no file declares that use the old one are
   * re-pointed.
   */
  private static ResourceChange.Rename rename(
      Resource d,
      RemoteResource old,
      Map<String, String> tagsAfter,
      Map<String, String> ids,
      List<Resource> desired,
      Index index,
      Target target,
      List<Diagnostic> errors) {
    String field = d.kind().word(); // the unit test field that names it: scenario, persona
    boolean ok = true;
    for (Resource t : desired) {
      if (t.kind() == ResourceKind.UNIT_TEST
          && t.fields().get(field) instanceof Ref ref
          && (old.name().equals(ref.name()) || old.id().equals(ref.id()))) {
        errors.add(
            error(
                t.at("/" + field),
                "/" + field,
                "unit test '"
                    + t.name()
                    + "' names the "
                    + field
                    + " '"
                    + old.name()
                    + "', which "
                    + field
                    + " '"
                    + d.name()
                    + "' renames; name '"
                    + d.name()
                    + "' instead"));
        ok = false;
      }
    }
    // A declared unit test outside the target that still uses the old one remotely is neither
    // re-pointed (its file decides) nor updated (not planned): the old one's delete would fail.
    if (target != null) {
      for (UnitTestRef u : index.users(old.id())) {
        for (Resource t : desired) {
          if (t.kind() == ResourceKind.UNIT_TEST
              && t.name().equals(u.name())
              && !target.covers(ResourceKind.UNIT_TEST, t.name())) {
            errors.add(
                error(
                    t.at("/" + field),
                    "/" + field,
                    "unit test '"
                        + t.name()
                        + "' still uses the "
                        + field
                        + " '"
                        + old.name()
                        + "' remotely, which "
                        + field
                        + " '"
                        + d.name()
                        + "' renames, and is outside the target; target it too (unit_test/"
                        + t.name()
                        + ")"));
            ok = false;
          }
        }
      }
    }
    if (!ok) {
      return null;
    }
    Map<String, String> repointed = new TreeMap<>();
    for (UnitTestRef t : index.users(old.id())) {
      if (!index.declared(ResourceKind.UNIT_TEST, t.name())) {
        repointed.put(t.id(), t.name());
      }
    }
    Map<String, String> tags = new LinkedHashMap<>(tagsAfter);
    tags.put(PREVIOUS_ID, old.id());
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

  /** A {@code renamed_from} line that does nothing: no live resource of its kind has the name. */
  public record SpentRename(ResourceKind kind, String name, String renamedFrom) {
    /** "New: renamed_from 'Old': no scenario has that name now, …" (names not escaped). */
    public String note() {
      return name
          + ": renamed_from '"
          + renamedFrom
          + "': no "
          + kind.word().replace('_', ' ')
          + " has that name now, so the line does nothing and can be removed";
    }
  }

  /**
   * The {@code renamed_from} lines that do nothing: no live resource of the kind has the old name
   * (the rename is done, or never had anything to rename).
   */
  public static List<SpentRename> spentRenames(List<Resource> desired, SuiteRemote remote) {
    List<SpentRename> out = new ArrayList<>();
    for (Resource d : desired) {
      if (d.renamedFrom() != null
          && remote.of(d.kind()).stream().noneMatch(r -> r.name().equals(d.renamedFrom()))) {
        out.add(new SpentRename(d.kind(), d.name(), d.renamedFrom()));
      }
    }
    return out;
  }

  /** The spent {@code renamed_from} lines of these scenarios. */
  public static List<SpentRename> spentRenames(
      List<DesiredScenario> scenarios, RemoteState remote) {
    return spentRenames(
        withScenarios(scenarios, List.of()), withScenarios(remote, SuiteRemote.empty()));
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

    /** The unit tests that reference each id (a scenario's or a persona's). */
    final Map<String, List<UnitTestRef>> users = new HashMap<>();

    Index(List<Resource> desired, SuiteRemote remote, Map<String, List<UnitTestRef>> known) {
      for (ResourceKind k : ResourceKind.values()) {
        declared.put(k, new HashSet<>());
        idByName.put(k, new HashMap<>());
        byName.put(k, new HashMap<>());
      }
      desired.forEach(d -> declared.get(d.kind()).add(d.name()));
      for (KindSpec spec : Kinds.all()) {
        for (RemoteResource r : remote.of(spec.kind())) {
          idByName.get(spec.kind()).put(r.name(), r.id());
          nameById.put(r.id(), r.name());
          byId.put(r.id(), r);
          byName.get(spec.kind()).put(r.name(), r);
        }
      }
      Map<String, Map<String, UnitTestRef>> seen = new HashMap<>();
      known.forEach(
          (id, tests) ->
              tests.forEach(
                  t ->
                      seen.computeIfAbsent(id, k -> new LinkedHashMap<>()).putIfAbsent(t.id(), t)));
      for (RemoteResource t : remote.of(ResourceKind.UNIT_TEST)) {
        for (FieldSpec f : Kinds.UNIT_TEST.references()) {
          if (t.fields().get(f.name()) instanceof Ref r && r.id() != null) {
            seen.computeIfAbsent(r.id(), k -> new LinkedHashMap<>())
                .putIfAbsent(t.id(), new UnitTestRef(t.id(), t.name(), r.id()));
          }
        }
      }
      seen.forEach((id, m) -> users.put(id, List.copyOf(m.values())));
    }

    List<UnitTestRef> users(String id) {
      return users.getOrDefault(id, List.of());
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
