package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.model.PyText;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.PlanOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to plan: the directories, ownership, pruning and the delete guards. */
final class PlanningOptions {
  @Parameters(
      paramLabel = "DIR",
      description = "Scenario files or directories (default: the configuration's, else .).")
  List<Path> dirs = List.of();

  @Option(names = "--prune", description = "Delete owned scenarios that no file declares.")
  boolean prune;

  @Option(
      names = "--max-deletes",
      paramLabel = "N",
      description = "Refuse a plan with more deletes than N (default: 5).")
  Integer maxDeletes;

  @Option(
      names = "--allow-delete-all",
      description = "Allow a plan that deletes every owned scenario.")
  boolean allowDeleteAll;

  @Option(
      names = "--take-over",
      description =
          "Take over declared scenarios whose ownership tag holds another owner (default: leave them alone).")
  boolean takeOver;

  @Option(
      names = "--owner-tag",
      paramLabel = "KEY:VALUE",
      description = "The ownership tag (default: managed_by:scenario_sync).")
  String ownerTag;

  @Option(
      names = "--no-ownership",
      description = "No ownership tag: every scenario of the organization counts as managed.")
  boolean noOwnership;

  @Option(
      names = "--changed-since",
      paramLabel = "REF",
      description =
          "Plan only the documents (of every kind) that differ between the git revision REF and"
              + " the working tree (added, modified, renamed; removed ones are pruned only with"
              + " --prune).")
  String changedSince;

  @Option(
      names = "--target",
      paramLabel = "NAME",
      description =
          "Plan only the resources of this name, of any kind; KIND/NAME (persona/Ana) for one kind"
              + " (repeatable).")
  List<String> targets = List.of();

  @Option(
      names = "--follow-external-links",
      description =
          "Read symbolic links that lead outside the scenario directories (refused by default).")
  boolean followExternalLinks;

  /** The planning options: these flags first, then the configuration file, then the defaults. */
  PlanOptions resolve(ConfigFile.Config config) {
    int max =
        maxDeletes != null ? maxDeletes : config.maxDeletes() != null ? config.maxDeletes() : 5;
    if (max < 0) {
      throw new UserError("--max-deletes must be 0 or more");
    }
    Ownership ownership = ownership(config);
    if (ownership != null && config.ignoreTagKeys().contains(ownership.key())) {
      throw new UserError(
          "ignore_tag_keys holds '"
              + ownership.key()
              + "', the ownership tag's key, which scenario-sync sets itself");
    }
    return new PlanOptions(ownership, prune, max, allowDeleteAll, takeOver, config.ignoreTagKeys());
  }

  Ownership ownership(ConfigFile.Config config) {
    if (noOwnership) {
      return null;
    }
    if (ownerTag == null) {
      if (Boolean.TRUE.equals(config.ownershipOff())) {
        return null;
      }
      return config.ownershipKey() != null
          ? new Ownership(config.ownershipKey(), config.ownershipValue())
          : Ownership.DEFAULT;
    }
    int colon = ownerTag.indexOf(':');
    if (colon <= 0 || colon == ownerTag.length() - 1) {
      throw new UserError("--owner-tag must be KEY:VALUE, such as managed_by:scenario_sync");
    }
    String key = PyText.strip(ownerTag.substring(0, colon));
    String value = PyText.strip(ownerTag.substring(colon + 1));
    if (!PyText.isTagText(key) || !PyText.isTagText(value)) {
      throw new UserError(
          "--owner-tag: key and value may hold only letters, digits, underscores and spaces");
    }
    return new Ownership(key, value);
  }

  /** The directories given, else the configuration's (relative to its folder), else ".". */
  List<Path> roots(CliContext ctx, ConfigFile.Config config) {
    return roots(dirs, ctx, config);
  }

  static List<Path> roots(List<Path> given, CliContext ctx, ConfigFile.Config config) {
    if (!given.isEmpty()) {
      return given;
    }
    if (!config.scenarios().isEmpty()) {
      Path base = config.file().toAbsolutePath().getParent();
      return config.scenarios().stream()
          .map(s -> ctx.cwd().relativize(base.resolve(s).normalize()))
          .map(p -> p.toString().isEmpty() ? Path.of(".") : p)
          .toList();
    }
    return List.of(Path.of("."));
  }
}
