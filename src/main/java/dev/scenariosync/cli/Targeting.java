package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ScenarioFinder;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.plan.DocumentHash;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.plan.Target;
import dev.scenariosync.render.Safe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses what a targeted plan covers ({@code --changed-since REF}, {@code --target NAME}): the
 * documents of every kind whose content differs from the same-named document of the same kind at
 * REF in the files git says changed (a renamed file's documents are compared with its old path's; a
 * file of several documents contributes only those that changed), names a changed file declared at
 * REF that no file declares now (pruned only with {@code --prune}), and the names given: of every
 * kind that declares them (every kind when none does), or of one kind as {@code KIND/NAME}.
 */
final class Targeting {
  private Targeting() {}

  /** One declared document: its kind and name, and what its content is compared by. */
  private record Doc(ResourceKind kind, String name, Object content) {}

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
    Map<ResourceKind, Set<String>> declared = new EnumMap<>(ResourceKind.class);
    for (ResourceKind k : ResourceKind.values()) {
      declared.put(k, new HashSet<>());
    }
    files.scenarios().forEach(d -> declared.get(ResourceKind.SCENARIO).add(d.key()));
    files.resources().forEach(r -> declared.get(r.kind()).add(r.name()));
    Map<ResourceKind, Set<String>> names = new EnumMap<>(ResourceKind.class);
    for (ResourceKind k : ResourceKind.values()) {
      names.put(k, new LinkedHashSet<>());
    }
    List<String> basis = new ArrayList<>();
    for (String t : flags.targets) {
      String whole = PyText.strip(t);
      if (whole.isEmpty()) {
        throw new UserError("--target needs a name");
      }
      List<ResourceKind> kinds =
          Arrays.stream(ResourceKind.values())
              .filter(k -> declared.get(k).contains(whole))
              .toList();
      String name = whole;
      int slash = whole.indexOf('/');
      Optional<ResourceKind> kind =
          slash > 0 ? ResourceKind.fromWord(whole.substring(0, slash)) : Optional.empty();
      // KIND/NAME, unless a file declares the whole of it as a name
      if (kind.isPresent() && kinds.isEmpty()) {
        name = PyText.strip(whole.substring(slash + 1));
        if (name.isEmpty()) {
          throw new UserError("--target " + kind.get().word() + "/NAME needs a name");
        }
        kinds = List.of(kind.get());
      }
      String n = name;
      if (kinds.stream().noneMatch(k -> declared.get(k).contains(n))) {
        boolean plain = kinds.isEmpty();
        if (plain) {
          kinds = List.of(ResourceKind.values()); // every kind: whichever the remote holds
        }
        ctx.err()
            .println(
                "note: --target '"
                    + Safe.oneLine(Safe.cut(t.strip(), Safe.ITEM_MAX))
                    + "': no file declares it; it can only be deleted (with --prune, when owned)"
                    + (plain ? ", of any kind (KIND/NAME targets one)" : ""));
      }
      for (ResourceKind k : kinds) {
        names.get(k).add(name);
      }
    }
    if (!flags.targets.isEmpty()) {
      basis.add("--target");
    }
    if (flags.changedSince != null) {
      Map<ResourceKind, Set<String>> changed =
          changedSince(ctx, flags, config, roots, files, options);
      if (changed == null) {
        return null;
      }
      changed.forEach((k, n) -> names.get(k).addAll(n));
      basis.add(0, "changed since " + flags.changedSince);
    }
    Map<ResourceKind, java.util.SortedSet<String>> others = new EnumMap<>(ResourceKind.class);
    names.forEach(
        (k, n) -> {
          if (k != ResourceKind.SCENARIO && !n.isEmpty()) {
            others.put(k, new TreeSet<>(n));
          }
        });
    // A target of scenarios only counts scenarios (as it always did); one over kinds, everything.
    int count = files.scenarios().size() + (others.isEmpty() ? 0 : files.resources().size());
    return new Target(names.get(ResourceKind.SCENARIO), count, String.join(", ", basis), others);
  }

  private static Map<ResourceKind, Set<String>> changedSince(
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
    Map<String, List<Doc>> now = new HashMap<>();
    Map<String, Path> realOf = new HashMap<>();
    Set<List<Object>> declared = new HashSet<>();
    List<Map.Entry<String, Doc>> all = new ArrayList<>();
    files.scenarios().forEach(d -> all.add(Map.entry(d.source().file(), doc(d))));
    files.resources().forEach(r -> all.add(Map.entry(r.source().file(), doc(r))));
    for (Map.Entry<String, Doc> e : all) {
      Doc d = e.getValue();
      declared.add(List.of(d.kind(), d.name()));
      Path p = realOf.computeIfAbsent(e.getKey(), f -> real(ctx.cwd().resolve(f)));
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
    Map<List<Object>, Object> atRef = new HashMap<>();
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
                      + "; planning everything (a full plan)");
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
          ScenarioLoader.Result was = old.read(shown + "@" + flags.changedSince, bytes);
          for (DesiredScenario s : was.scenarios()) {
            Doc x = doc(s);
            atRef.put(List.of(x.kind(), x.name()), x.content());
          }
          for (Resource r : was.resources()) {
            Doc x = doc(r);
            atRef.put(List.of(x.kind(), x.name()), x.content());
          }
        }
      }
    }
    Map<ResourceKind, Set<String>> out = new EnumMap<>(ResourceKind.class);
    for (String p : newPaths) {
      for (Doc d : now.getOrDefault(p, List.of())) {
        if (!d.content().equals(atRef.get(List.of(d.kind(), d.name())))) {
          out.computeIfAbsent(d.kind(), k -> new LinkedHashSet<>()).add(d.name());
        }
      }
    }
    for (List<Object> key : atRef.keySet()) {
      if (!declared.contains(key)) {
        // declared at REF by a changed file, by none now: a delete with --prune
        out.computeIfAbsent((ResourceKind) key.get(0), k -> new LinkedHashSet<>())
            .add((String) key.get(1));
      }
    }
    return out;
  }

  private static Doc doc(DesiredScenario d) {
    return new Doc(ResourceKind.SCENARIO, d.key(), DocumentHash.of(d));
  }

  /**
   * A persona, unit test or set as compared with itself at REF: its name, tags, fields and
   * renamed_from, not where it stands in its file; a sensitive value by its reference
   * (${env:NAME}), which is all a file holds of it.
   */
  private static Doc doc(Resource r) {
    List<Object> content = new ArrayList<>();
    content.add(r.tags());
    content.add(comparable(r.fields()));
    content.add(r.renamedFrom() == null ? "" : r.renamedFrom());
    return new Doc(r.kind(), r.name(), content);
  }

  private static Object comparable(Object v) {
    if (v instanceof Secret s) {
      return List.of("sensitive", s.source());
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, comparable(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Targeting::comparable).toList();
    }
    return v == null ? "\u0000null" : v;
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
