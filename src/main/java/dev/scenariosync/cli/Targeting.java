package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ScenarioFinder;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.PyText;
import dev.scenariosync.plan.DocumentHash;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.plan.Target;
import dev.scenariosync.render.Safe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses what a targeted plan covers ({@code --changed-since REF}, {@code --target NAME}): the
 * scenario documents whose content differs from the same-named document at REF in the files git
 * says changed (a renamed file's documents are compared with its old path's; a file of several
 * documents contributes only those that changed), names a changed file declared at REF that no file
 * declares now (pruned only with {@code --prune}), and the names given.
 */
final class Targeting {
  private Targeting() {}

  /** The target, or null for a full plan (no targeting flag, or the configuration changed). */
  static Target resolve(
      CliContext ctx,
      PlanningOptions flags,
      ConfigFile.Config config,
      List<Path> roots,
      ScenarioLoader.Result files,
      PlanOptions options) {
    if (flags.changedSince == null && flags.targets.isEmpty()) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    List<String> basis = new ArrayList<>();
    for (String t : flags.targets) {
      String name = PyText.strip(t);
      if (name.isEmpty()) {
        throw new UserError("--target needs a scenario name");
      }
      names.add(name);
    }
    if (!flags.targets.isEmpty()) {
      basis.add("--target");
      Set<String> declared = new HashSet<>();
      files.scenarios().forEach(d -> declared.add(d.key()));
      for (String name : names) {
        if (!declared.contains(name)) {
          ctx.err()
              .println(
                  "note: --target '"
                      + Safe.oneLine(Safe.cut(name, Safe.ITEM_MAX))
                      + "': no file declares it; it can only be deleted (with --prune, when owned)");
        }
      }
    }
    if (flags.changedSince != null) {
      Set<String> changed = changedSince(ctx, flags, config, roots, files, options);
      if (changed == null) {
        return null;
      }
      names.addAll(changed);
      basis.add(0, "changed since " + flags.changedSince);
    }
    return new Target(names, files.scenarios().size(), String.join(", ", basis));
  }

  private static Set<String> changedSince(
      CliContext ctx,
      PlanningOptions flags,
      ConfigFile.Config config,
      List<Path> roots,
      ScenarioLoader.Result files,
      PlanOptions options) {
    Git git = new Git(ctx.cwd());
    String commit = git.commit(flags.changedSince);
    Path top = real(git.topLevel());
    List<Path> realRoots = roots.stream().map(r -> real(ctx.cwd().resolve(r))).toList();
    Path configFile = config.file() == null ? null : real(config.file());
    // The documents declared now, by file (from the top of the repository).
    Map<String, List<DesiredScenario>> now = new HashMap<>();
    Map<String, Path> realOf = new HashMap<>();
    Set<String> declared = new HashSet<>();
    for (DesiredScenario d : files.scenarios()) {
      declared.add(d.key());
      Path p = realOf.computeIfAbsent(d.source().file(), f -> real(ctx.cwd().resolve(f)));
      if (p.startsWith(top)) {
        now.computeIfAbsent(top.relativize(p).toString(), k -> new ArrayList<>()).add(d);
      }
    }
    ScenarioLoader old =
        new ScenarioLoader(
            new ScenarioLoader.Options(
                    options.ownership() == null ? null : options.ownership().key())
                .withIgnoredTagKeys(options.ignoreTagKeys()),
            ctx.cwd());
    Map<String, String> hashAtRef = new HashMap<>();
    Set<String> newPaths = new LinkedHashSet<>();
    for (Git.Difference d : git.changedSince(commit)) {
      for (String p : new String[] {d.oldPath(), d.newPath()}) {
        if (p != null && configFile != null && top.resolve(p).normalize().equals(configFile)) {
          ctx.err()
              .println(
                  "note: "
                      + ScenarioFinder.CONFIG_FILE
                      + " changed since "
                      + flags.changedSince
                      + "; planning every scenario");
          return null;
        }
      }
      if (d.newPath() != null) {
        newPaths.add(d.newPath());
      }
      if (d.oldPath() != null && isScenarioFile(top.resolve(d.oldPath()), realRoots)) {
        byte[] bytes = git.show(commit, d.oldPath(), ScenarioLoader.MAX_FILE_BYTES);
        if (bytes != null) {
          String shown = Paths.display(top.resolve(d.oldPath()), ctx.cwd());
          for (DesiredScenario s : old.documents(shown + "@" + flags.changedSince, bytes)) {
            hashAtRef.put(s.key(), DocumentHash.of(s));
          }
        }
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (String p : newPaths) {
      for (DesiredScenario d : now.getOrDefault(p, List.of())) {
        if (!DocumentHash.of(d).equals(hashAtRef.get(d.key()))) {
          out.add(d.key());
        }
      }
    }
    for (String name : hashAtRef.keySet()) {
      if (!declared.contains(name)) {
        out.add(name); // declared at REF by a changed file, by none now: a delete with --prune
      }
    }
    return out;
  }

  private static boolean isScenarioFile(Path file, List<Path> roots) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!(n.endsWith(".yaml") || n.endsWith(".yml"))) {
      return false;
    }
    Path p = file.normalize();
    return roots.stream().anyMatch(p::startsWith);
  }

  /** The real path where it exists (symbolic links resolved), else the normalized absolute path. */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      Path parent = abs.getParent();
      return parent == null ? abs : real(parent).resolve(abs.getFileName());
    }
  }
}
