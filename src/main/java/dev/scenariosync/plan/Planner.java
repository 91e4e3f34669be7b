package dev.scenariosync.plan;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.VersionContent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a plan from the desired scenarios (files) and the remote state: a pure function, with no
 * I/O. Everything is compared as the server stores it (text stripped with Python's rules, times as
 * instants, tags as maps), so a file that was applied plans as unchanged forever after, whatever
 * its YAML style.
 */
public final class Planner {
  private Planner() {}

  /** The tag a renamed scenario records its previous scenario's id in. */
  public static final String PREVIOUS_ID = "previous_id";

  /**
   * The {@code renamed_from} lines that do nothing: no live scenario has the old name (the rename
   * is done, or never had anything to rename). Each "name: renamed_from 'old'".
   */
  public static List<String> spentRenames(List<DesiredScenario> desired, RemoteState remote) {
    java.util.Set<String> live = new java.util.HashSet<>();
    remote.live().forEach(r -> live.add(r.name()));
    List<String> out = new ArrayList<>();
    for (DesiredScenario raw : desired) {
      DesiredScenario d = raw.normalized();
      if (d.renamedFrom() != null && !live.contains(d.renamedFrom())) {
        out.add(d.name() + ": renamed_from '" + d.renamedFrom() + "'");
      }
    }
    return out;
  }

  public static Plan plan(
      String organization, List<DesiredScenario> desired, RemoteState remote, PlanOptions options) {
    return plan(organization, desired, remote, options, null);
  }

  /**
   * As {@link #plan(String, List, RemoteState, PlanOptions)}, for the targeted names only when
   * {@code target} is not null: the other declared scenarios are neither compared nor counted, and
   * nothing outside the target is pruned.
   */
  public static Plan plan(
      String organization,
      List<DesiredScenario> desired,
      RemoteState remote,
      PlanOptions options,
      Target target) {
    Map<String, RemoteScenario> byName = new HashMap<>();
    for (RemoteScenario r : remote.live()) {
      byName.put(r.name(), r);
    }
    List<Change> changes = new ArrayList<>();
    int unchanged = 0;
    Map<String, Boolean> declared = new HashMap<>();
    Map<String, String> renamedAway = new HashMap<>();
    List<Change> renameDeletes = new ArrayList<>();
    for (DesiredScenario raw : desired) {
      declared.put(raw.normalized().name(), true);
    }
    for (DesiredScenario raw : desired) {
      DesiredScenario d = raw.normalized();
      if (target != null && !target.covers(d.name())) {
        continue;
      }
      RemoteScenario r = byName.get(d.name());
      Map<String, String> tagsAfter =
          withIgnored(withOwnership(d.tags(), options.ownership()), r, options.ignoreTagKeys());
      RemoteScenario old = d.renamedFrom() == null ? null : byName.get(d.renamedFrom());
      if (r == null
          && old != null
          && !d.renamedFrom().equals(d.name())
          && !renamedAway.containsKey(old.name())
          && owned(old, options)) {
        // A rename: the new name with the file's content, the old one's unit tests pointed at
        // it, then the old one deleted (a change of its own, run with the deletes).
        renamedAway.put(old.name(), d.name());
        Map<String, String> tags = new java.util.LinkedHashMap<>(tagsAfter);
        tags.put(PREVIOUS_ID, old.id());
        changes.add(
            new Change(
                d.name(),
                d.source(),
                null,
                List.of(Action.CREATE, Action.RENAME),
                null,
                null,
                null,
                null,
                d.content(),
                null,
                tags,
                null,
                remote.unitTestsOf(old.id()),
                null,
                old.name()));
        renameDeletes.add(
            new Change(
                old.name(),
                null,
                old.id(),
                List.of(Action.DELETE),
                old.latest() == null ? null : old.latest().number(),
                null,
                old.updatedAt(),
                old.latest() == null ? null : old.latest().content(),
                null,
                old.tags(),
                null,
                old.latest() == null
                    ? null
                    : new Change.Drift(old.latest().creator(), old.latest().createdAt()),
                List.of()));
        continue;
      }
      if (r == null) {
        changes.add(
            new Change(
                d.name(),
                d.source(),
                null,
                List.of(Action.CREATE),
                null,
                null,
                null,
                null,
                d.content(),
                null,
                tagsAfter,
                null,
                List.of()));
        continue;
      }
      if (r.tags().containsKey(PREVIOUS_ID) && !tagsAfter.containsKey(PREVIOUS_ID)) {
        // where a rename came from: kept, so that history can follow it back
        tagsAfter = new java.util.LinkedHashMap<>(tagsAfter);
        tagsAfter.put(PREVIOUS_ID, r.tags().get(PREVIOUS_ID));
      }
      Change c = update(d, r, tagsAfter, remote, options);
      if (c == null) {
        unchanged++;
      } else {
        changes.add(c);
      }
    }
    List<Change> deletes = new ArrayList<>();
    if (options.prune()) {
      for (RemoteScenario r : remote.live()) {
        if (declared.containsKey(r.name())
            || renamedAway.containsKey(r.name())
            || !owned(r, options)
            || (target != null && !target.covers(r.name()))) {
          continue;
        }
        List<UnitTestRef> users = remote.unitTestsOf(r.id());
        List<Action> actions = List.of(users.isEmpty() ? Action.DELETE : Action.BLOCKED);
        VersionContent before = r.latest() == null ? null : r.latest().content();
        Integer current = r.latest() == null ? null : r.latest().number();
        deletes.add(
            new Change(
                r.name(),
                null,
                r.id(),
                actions,
                current,
                null,
                r.updatedAt(),
                before,
                null,
                r.tags(),
                null,
                r.latest() == null
                    ? null
                    : new Change.Drift(r.latest().creator(), r.latest().createdAt()),
                users));
      }
    }
    changes.sort(Comparator.comparing(Change::name));
    deletes.sort(Comparator.comparing(Change::name));
    changes.addAll(deletes);
    renameDeletes.sort(Comparator.comparing(Change::name));
    changes.addAll(renameDeletes);
    List<Change> gone = new ArrayList<>(deletes);
    gone.addAll(renameDeletes);
    return new Plan(
        organization,
        changes,
        unchanged,
        guards(deletes, remote.live(), options),
        target,
        outside(remote, declared.keySet(), gone, options));
  }

  /** Owned scenarios no file declares and the plan does not delete; the unmanaged count. */
  static Outside outside(
      RemoteState remote, Set<String> declared, List<Change> deletes, PlanOptions options) {
    Set<String> deleted = new HashSet<>();
    deletes.forEach(c -> deleted.add(c.name()));
    List<String> orphans = new ArrayList<>();
    int unmanaged = 0;
    for (RemoteScenario r : remote.live()) {
      if (declared.contains(r.name())) {
        continue;
      }
      if (!owned(r, options)) {
        unmanaged++;
      } else if (!deleted.contains(r.name())) {
        orphans.add(r.name());
      }
    }
    orphans.sort(Comparator.naturalOrder());
    return new Outside(orphans, unmanaged);
  }

  /**
   * The tags to send: the file's (with the ownership tag) plus the remote's values for the keys
   * other writers own, so that those are neither compared nor removed.
   */
  static Map<String, String> withIgnored(
      Map<String, String> tags, RemoteScenario remote, Set<String> ignored) {
    if (remote == null || ignored.isEmpty()) {
      return tags;
    }
    Map<String, String> out = new LinkedHashMap<>(tags);
    Tags.normalized(remote.tags())
        .forEach(
            (k, v) -> {
              if (ignored.contains(k) && !out.containsKey(k)) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** The actions that bring an existing scenario to the file's state, or null when equal. */
  private static Change update(
      DesiredScenario d,
      RemoteScenario r,
      Map<String, String> tagsAfter,
      RemoteState remote,
      PlanOptions options) {
    List<Action> actions = new ArrayList<>();
    VersionContent before = r.latest() == null ? null : r.latest().content().normalized();
    Integer current = r.latest() == null ? 0 : r.latest().number();
    Change.Drift drift = null;
    List<UnitTestRef> impact = List.of();
    Integer expected = null;
    if (!d.content().equals(before)) {
      actions.add(Action.VERSION);
      expected = current + 1;
      impact = remote.unitTestsOf(r.id());
      if (r.latest() != null) {
        drift = new Change.Drift(r.latest().creator(), r.latest().createdAt());
      }
    }
    Map<String, String> tagsBefore = Tags.normalized(r.tags());
    if (!tagsBefore.equals(Tags.normalized(tagsAfter))) {
      actions.add(Action.TAGS);
      if (options.ownership() != null && !options.ownership().owns(tagsBefore)) {
        actions.add(Action.ADOPT);
      }
    }
    if (actions.isEmpty()) {
      return null;
    }
    if (options.ownership() != null
        && options.ownership().foreign(tagsBefore)
        && !options.takeOver()) {
      String owner = options.ownership().key() + ": " + tagsBefore.get(options.ownership().key());
      return new Change(
          d.name(),
          d.source(),
          r.id(),
          List.of(Action.FOREIGN),
          current,
          null,
          r.updatedAt(),
          before,
          d.content(),
          r.tags(),
          tagsAfter,
          null,
          List.of(),
          owner);
    }
    return new Change(
        d.name(),
        d.source(),
        r.id(),
        actions,
        current,
        expected,
        r.updatedAt(),
        before,
        d.content(),
        r.tags(),
        tagsAfter,
        drift,
        impact);
  }

  private static boolean owned(RemoteScenario r, PlanOptions options) {
    return options.ownership() == null || options.ownership().owns(Tags.normalized(r.tags()));
  }

  private static Map<String, String> withOwnership(Map<String, String> tags, Ownership ownership) {
    return SavedPlanCheck.withOwnership(tags, ownership);
  }

  /** The delete guards: at most {@code maxDeletes}, and never every owned scenario. */
  static List<String> guards(List<Change> deletes, List<RemoteScenario> live, PlanOptions options) {
    List<String> out = new ArrayList<>();
    long count = deletes.stream().filter(c -> c.has(Action.DELETE)).count();
    if (count > options.maxDeletes()) {
      out.add(
          "the plan deletes "
              + count
              + " scenarios, more than --max-deletes "
              + options.maxDeletes()
              + "; raise --max-deletes if that is intended");
    }
    long owned = live.stream().filter(r -> owned(r, options)).count();
    if (count > 0 && count == owned && !options.allowDeleteAll()) {
      out.add(
          "the plan deletes every "
              + (options.ownership() == null ? "" : "owned ")
              + "scenario ("
              + count
              + "); pass --allow-delete-all if that is intended");
    }
    return out;
  }
}
