package dev.scenariosync.cli;

import dev.scenariosync.plan.Ownership;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to plan: the directories, ownership, pruning and the delete guards. */
final class PlanningOptions {
  @Parameters(paramLabel = "DIR", description = "Scenario files or directories (default: .).")
  List<Path> dirs = List.of();

  @Option(names = "--prune", description = "Delete owned scenarios that no file declares.")
  boolean prune;

  @Option(
      names = "--max-deletes",
      paramLabel = "N",
      defaultValue = "5",
      description = "Refuse a plan with more deletes than N (default: ${DEFAULT-VALUE}).")
  int maxDeletes;

  @Option(
      names = "--allow-delete-all",
      description = "Allow a plan that deletes every owned scenario.")
  boolean allowDeleteAll;

  @Option(
      names = "--owner-tag",
      paramLabel = "KEY:VALUE",
      description = "The ownership tag (default: managed_by:scenario_sync).")
  String ownerTag;

  @Option(
      names = "--no-ownership",
      description = "No ownership tag: every scenario of the organization counts as managed.")
  boolean noOwnership;

  Ownership ownership() {
    if (noOwnership) {
      return null;
    }
    if (ownerTag == null) {
      return Ownership.DEFAULT;
    }
    int colon = ownerTag.indexOf(':');
    if (colon <= 0 || colon == ownerTag.length() - 1) {
      throw new UserError("--owner-tag must be KEY:VALUE, such as managed_by:scenario_sync");
    }
    String key = ownerTag.substring(0, colon).strip();
    String value = ownerTag.substring(colon + 1).strip();
    if (!dev.scenariosync.model.PyText.isTagText(key)
        || !dev.scenariosync.model.PyText.isTagText(value)) {
      throw new UserError(
          "--owner-tag: key and value may hold only letters, digits, underscores and spaces");
    }
    return new Ownership(key, value);
  }

  List<Path> roots() {
    return dirs.isEmpty() ? List.of(Path.of(".")) : dirs;
  }
}
