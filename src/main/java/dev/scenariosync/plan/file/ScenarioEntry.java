package dev.scenariosync.plan.file;

import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of a saved plan's {@code changes} (format 1, and the scenarios of format 2): everything
 * the plan does to one scenario as the file records it, read from untrusted JSON and checked here
 * against its actions' rules before it becomes a {@link dev.scenariosync.plan.ResourceChange}.
 *
 * @param name the scenario's name (stripped: its identity)
 * @param source where the file declares it (null for deletes)
 * @param scenarioId the remote id (null for creates)
 * @param actions in the order apply runs them
 * @param currentVersion the remote latest version number (null for creates)
 * @param expectedVersion the number the new version must get (null without a version action)
 * @param remoteUpdatedAt the remote {@code updated_at} seen when planning, to detect later edits
 * @param before the remote latest content (null for creates)
 * @param after the content the file wants (null for deletes)
 * @param tagsBefore the remote tags (null for creates)
 * @param tagsAfter the tags that will be sent, ownership tag included (null for deletes)
 * @param drift who made the remote latest version, when it differs from the file
 * @param unitTests for a version, the unit tests that will run it; for a blocked delete, those that
 *     block it
 * @param foreignOwner for a foreign scenario, its ownership tag ("managed_by: team_b"), else null
 * @param renamedFrom for a rename, the old name (its delete is a change of its own); its {@code
 *     unitTests} are those to point at the new scenario
 */
record ScenarioEntry(
    String name,
    SourceLocation source,
    String scenarioId,
    List<Action> actions,
    Integer currentVersion,
    Integer expectedVersion,
    Instant remoteUpdatedAt,
    VersionContent before,
    VersionContent after,
    Map<String, String> tagsBefore,
    Map<String, String> tagsAfter,
    Drift drift,
    List<UnitTestRef> unitTests,
    String foreignOwner,
    String renamedFrom) {

  /** The author and time of a remote version that the file would replace. */
  public record Drift(UserRef creator, Instant createdAt) {}

  ScenarioEntry {
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a change has an action");
    }
    // The rules of each action, checked once here rather than trusted everywhere.
    // A create holding an id is not refused here: the id is not read into the change (a create
    // has none), and SavedPlanCheck refuses a create of a name that is live now.
    if (!actions.contains(Action.CREATE) && scenarioId == null) {
      throw new IllegalArgumentException("a change of an existing scenario has its id");
    }
    if (actions.contains(Action.VERSION) && expectedVersion == null) {
      throw new IllegalArgumentException("a new version always has its expected number");
    }
    if ((actions.contains(Action.DELETE) || actions.contains(Action.BLOCKED)) && after != null) {
      throw new IllegalArgumentException("a delete has nothing after it");
    }
    if (actions.contains(Action.RENAME) != (renamedFrom != null)
        || (renamedFrom != null && !actions.equals(List.of(Action.CREATE, Action.RENAME)))) {
      throw new IllegalArgumentException("a rename is a create from its old name, nothing else");
    }
    actions = List.copyOf(actions);
    unitTests = List.copyOf(unitTests);
    tagsBefore = tagsBefore == null ? null : dev.scenariosync.model.Tags.copyOf(tagsBefore);
    tagsAfter = tagsAfter == null ? null : dev.scenariosync.model.Tags.copyOf(tagsAfter);
  }

  public boolean has(Action a) {
    return actions.contains(a);
  }
}
