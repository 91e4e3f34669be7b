package dev.scenariosync.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of planning: the changes, in a stable order (creates, versions and tag changes by
 * name, then deletes), the number of unchanged scenarios, the guard problems that forbid applying
 * it, the target of a targeted plan (null for a full plan), what lies outside the plan, and the
 * persona, unit test and set changes ({@link ResourceChange}) with their unchanged count.
 */
public record Plan(
    String organization,
    List<Change> changes,
    int unchanged,
    List<String> refusals,
    Target target,
    Outside outside,
    List<ResourceChange> resources,
    int resourcesUnchanged) {
  public Plan {
    changes = List.copyOf(changes);
    refusals = List.copyOf(refusals);
    outside = outside == null ? Outside.NONE : outside;
    resources = List.copyOf(resources);
  }

  /** A full plan, with nothing said about what lies outside it. */
  public Plan(String organization, List<Change> changes, int unchanged, List<String> refusals) {
    this(organization, changes, unchanged, refusals, null, Outside.NONE);
  }

  /** A plan of scenarios only (full or targeted). */
  public Plan(
      String organization,
      List<Change> changes,
      int unchanged,
      List<String> refusals,
      Target target,
      Outside outside) {
    this(organization, changes, unchanged, refusals, target, outside, List.of(), 0);
  }

  /** A full plan of the whole suite: scenarios, and personas, unit tests and sets. */
  public Plan(
      String organization,
      List<Change> changes,
      int unchanged,
      List<String> refusals,
      List<ResourceChange> resources,
      int resourcesUnchanged) {
    this(
        organization,
        changes,
        unchanged,
        refusals,
        null,
        Outside.NONE,
        resources,
        resourcesUnchanged);
  }

  /**
   * Every change of every kind, scenarios included, in apply order: creates, versions and updates
   * by the kinds' rank, then deletes in reverse rank (each group by kind, then name).
   */
  public List<ResourceChange> all() {
    List<ResourceChange> out = new java.util.ArrayList<>(LegacyChanges.of(changes));
    out.addAll(resources);
    java.util.Comparator<ResourceChange> byKindAndName =
        java.util.Comparator.comparing(ResourceChange::kind).thenComparing(ResourceChange::name);
    java.util.Comparator<ResourceChange> writes =
        java.util.Comparator.comparingInt(
                (ResourceChange c) -> dev.scenariosync.kinds.Kinds.of(c.kind()).rank())
            .thenComparing(byKindAndName);
    java.util.Comparator<ResourceChange> deletes =
        java.util.Comparator.comparingInt(
                (ResourceChange c) -> -dev.scenariosync.kinds.Kinds.of(c.kind()).rank())
            .thenComparing(byKindAndName);
    out.sort(
        (a, b) ->
            a.removes() != b.removes()
                ? Boolean.compare(a.removes(), b.removes())
                : a.removes() ? deletes.compare(a, b) : writes.compare(a, b));
    return List.copyOf(out);
  }

  /**
   * This plan's scenario changes with another plan's changes of the other kinds (apply of a saved
   * format 2 plan: its scenarios as checked, the others as planned again and found the same).
   */
  public Plan withKindsOf(Plan other) {
    return new Plan(
        organization,
        changes,
        unchanged,
        refusals,
        target,
        outside,
        other.resources,
        other.resourcesUnchanged);
  }

  /** Resources of every kind the plan compared and found equal. */
  public int unchangedAll() {
    return unchanged + resourcesUnchanged;
  }

  /** Whether only part of the files was planned ({@link #target} is then set). */
  public boolean targeted() {
    return target != null;
  }

  /**
   * How many declared scenarios the plan compared: its changes other than deletes, and unchanged.
   */
  public int planned() {
    int n = unchanged;
    for (Change c : changes) {
      if (!c.has(Action.DELETE) && !c.has(Action.BLOCKED)) {
        n++;
      }
    }
    return n;
  }

  public boolean hasChanges() {
    return !changes.isEmpty() || !resources.isEmpty();
  }

  /** Whether the plan covers the kinds beyond scenarios (written as saved-plan format 2). */
  public boolean hasResources() {
    return !resources.isEmpty() || resourcesUnchanged > 0;
  }

  /**
   * For each action, the number of changes of every kind holding it ({@link
   * ResourceChange#actions()}: an update counts its new version, its tag change and its adopt).
   */
  public Map<Action, Integer> counts() {
    Map<Action, Integer> out = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      out.put(a, 0);
    }
    for (ResourceChange c : all()) {
      for (Action a : c.actions()) {
        out.merge(a, 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * "2 to create, 1 new version, 1 tag change, 0 to delete, 7 unchanged" (adopt, blocked when any).
   */
  public String summary() {
    Map<Action, Integer> n = counts();
    StringBuilder sb = new StringBuilder();
    sb.append(n.get(Action.CREATE)).append(" to create, ");
    sb.append(plural(n.get(Action.VERSION), "new version", "new versions")).append(", ");
    sb.append(plural(n.get(Action.TAGS), "tag change", "tag changes")).append(", ");
    if (n.get(Action.UPDATE) > 0) {
      sb.append(n.get(Action.UPDATE)).append(" to update, ");
    }
    if (n.get(Action.RENAME) > 0) {
      sb.append(n.get(Action.RENAME)).append(" to rename, ");
    }
    if (n.get(Action.ADOPT) > 0) {
      sb.append(n.get(Action.ADOPT)).append(" to adopt, ");
    }
    sb.append(n.get(Action.DELETE)).append(" to delete, ");
    if (n.get(Action.BLOCKED) > 0) {
      sb.append(n.get(Action.BLOCKED)).append(" blocked, ");
    }
    if (n.get(Action.FOREIGN) > 0) {
      sb.append(n.get(Action.FOREIGN)).append(" foreign (left alone), ");
    }
    sb.append(unchangedAll()).append(" unchanged");
    return sb.toString();
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
