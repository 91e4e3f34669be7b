package dev.scenariosync.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of planning: the changes, in a stable order (creates, versions and tag changes by
 * name, then deletes), the number of unchanged scenarios, and the guard problems that forbid
 * applying it.
 */
public record Plan(
    String organization,
    List<Change> changes,
    int unchanged,
    List<String> refusals,
    List<ResourceChange> resources,
    int resourcesUnchanged) {
  public Plan {
    changes = List.copyOf(changes);
    refusals = List.copyOf(refusals);
    resources = List.copyOf(resources);
  }

  /** A plan of scenarios only. */
  public Plan(String organization, List<Change> changes, int unchanged, List<String> refusals) {
    this(organization, changes, unchanged, refusals, List.of(), 0);
  }

  public boolean hasChanges() {
    return !changes.isEmpty() || !resources.isEmpty();
  }

  /** Whether the plan covers the kinds beyond scenarios (written as saved-plan format 2). */
  public boolean hasResources() {
    return !resources.isEmpty() || resourcesUnchanged > 0;
  }

  /** For each action, the number of changes holding it. */
  public Map<Action, Integer> counts() {
    Map<Action, Integer> out = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      out.put(a, 0);
    }
    for (Change c : changes) {
      for (Action a : c.actions()) {
        out.merge(a, 1, Integer::sum);
      }
    }
    for (ResourceChange c : resources) {
      out.merge(c.action(), 1, Integer::sum);
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
    sb.append(unchanged + resourcesUnchanged).append(" unchanged");
    return sb.toString();
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
