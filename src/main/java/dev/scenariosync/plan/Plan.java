package dev.scenariosync.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of planning: the changes of every kind ({@link ResourceChange}, scenarios included) in
 * apply order (creates, versions and updates by the kinds' rank, then deletes in reverse rank; each
 * group by kind, then name), how many declared resources are unchanged (scenarios, and the other
 * kinds), the guard problems that forbid applying it, the target of a targeted plan (null for a
 * full plan) and what lies outside the plan.
 *
 * @param unchanged the declared scenarios found equal
 * @param resourcesUnchanged the declared personas, unit tests and sets found equal
 */
public record Plan(
    String organization,
    List<ResourceChange> changes,
    int unchanged,
    List<String> refusals,
    Target target,
    Outside outside,
    int resourcesUnchanged) {
  public Plan {
    List<ResourceChange> sorted = new java.util.ArrayList<>(changes);
    sorted.sort(APPLY_ORDER);
    changes = List.copyOf(sorted);
    refusals = List.copyOf(refusals);
    outside = outside == null ? Outside.NONE : outside;
    if (unchanged < 0 || resourcesUnchanged < 0) {
      throw new IllegalArgumentException("unchanged counts are 0 or more");
    }
  }

  /** A full plan, with nothing said about what lies outside it. */
  public Plan(
      String organization, List<ResourceChange> changes, int unchanged, List<String> refusals) {
    this(organization, changes, unchanged, refusals, null, Outside.NONE, 0);
  }

  /** A plan with nothing said about the other kinds' unchanged resources. */
  public Plan(
      String organization,
      List<ResourceChange> changes,
      int unchanged,
      List<String> refusals,
      Target target,
      Outside outside) {
    this(organization, changes, unchanged, refusals, target, outside, 0);
  }

  private static final java.util.Comparator<ResourceChange> BY_KIND_AND_NAME =
      java.util.Comparator.comparing(ResourceChange::kind).thenComparing(ResourceChange::name);

  /** Writes by rank, then deletes by reverse rank; each by kind, then name. */
  static final java.util.Comparator<ResourceChange> APPLY_ORDER =
      java.util.Comparator.comparing(ResourceChange::removes)
          .thenComparingInt(
              (ResourceChange c) ->
                  (c.removes() ? -1 : 1) * dev.scenariosync.kinds.Kinds.of(c.kind()).rank())
          .thenComparing(BY_KIND_AND_NAME);

  /**
   * This plan's scenario changes with another plan's changes of the other kinds (apply of a saved
   * format 2 plan: its scenarios as checked, the others as planned again and found the same).
   */
  public Plan withKindsOf(Plan other) {
    List<ResourceChange> joined = new java.util.ArrayList<>();
    changes.stream()
        .filter(c -> c.kind() == dev.scenariosync.model.ResourceKind.SCENARIO)
        .forEach(joined::add);
    other.changes.stream()
        .filter(c -> c.kind() != dev.scenariosync.model.ResourceKind.SCENARIO)
        .forEach(joined::add);
    return new Plan(
        organization, joined, unchanged, refusals, target, outside, other.resourcesUnchanged);
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
    for (ResourceChange c : changes) {
      if (c.kind() == dev.scenariosync.model.ResourceKind.SCENARIO && !c.removes()) {
        n++;
      }
    }
    return n;
  }

  /**
   * How many declared resources of every kind the plan compared: its changes other than deletes,
   * and unchanged.
   */
  public int plannedAll() {
    int n = unchangedAll();
    for (ResourceChange c : changes) {
      if (!c.removes()) {
        n++;
      }
    }
    return n;
  }

  /**
   * What a targeted plan says it planned: scenarios, or resources of every kind it targets (as
   * recorded, for a saved plan over kinds).
   */
  public int plannedInTarget() {
    if (target == null || !target.overKinds()) {
      return planned();
    }
    return target.planned() != null ? target.planned() : plannedAll();
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /**
   * Whether the plan covers the kinds beyond scenarios (written as saved-plan format 2): it has
   * some, or its target names some.
   */
  public boolean hasResources() {
    return resourcesUnchanged > 0
        || (target != null && target.overKinds())
        || changes.stream().anyMatch(c -> c.kind() != dev.scenariosync.model.ResourceKind.SCENARIO);
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
    for (ResourceChange c : changes) {
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
