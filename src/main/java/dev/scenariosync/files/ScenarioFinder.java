package dev.scenariosync.files;

import dev.scenariosync.model.Diagnostic;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds scenario files: {@code *.yaml} and {@code *.yml} under the given directories, recursively,
 * skipping hidden files and folders and the tool's own configuration file. Symbolic links are
 * followed while they stay inside the given directories; a link that leads outside is refused
 * unless asked for, and a link loop is reported and skipped. What could not be read (a folder that
 * cannot be listed, a dangling link) is reported apart, since it may hide scenarios.
 */
public final class ScenarioFinder {
  /** The configuration file's name: never a scenario file. */
  public static final String CONFIG_FILE = "scenario-sync.yaml";

  /**
   * The files found (sorted, without repeats), the problems met on the way, and what could not be
   * read (each a warning here; the loader makes them errors where a delete depends on them).
   */
  public record Found(List<Path> files, List<Diagnostic> problems, List<Diagnostic> unreadable) {}

  private ScenarioFinder() {}

  public static boolean isScenarioFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return (lower.endsWith(".yaml") || lower.endsWith(".yml"))
        && !name.equals(CONFIG_FILE)
        && !name.startsWith(".");
  }

  public static Found find(List<Path> roots, Path cwd) {
    return find(roots, cwd, false);
  }

  /** The files under the roots; {@code followExternalLinks} lets links lead anywhere. */
  public static Found find(List<Path> roots, Path cwd, boolean followExternalLinks) {
    Walk walk = new Walk(cwd, followExternalLinks);
    List<Path> dirs = new ArrayList<>();
    for (Path root : roots) {
      Path abs = cwd.resolve(root).normalize();
      if (Files.isDirectory(abs)) {
        try {
          walk.bases.add(abs.toRealPath());
          dirs.add(abs);
        } catch (IOException e) {
          walk.unreadable(abs, LocalFile.why(e));
        }
      } else if (Files.isSymbolicLink(abs) && !Files.exists(abs)) {
        walk.problems.add(
            Diagnostic.fileError(
                Paths.display(abs, cwd),
                "is a dangling symbolic link (its target does not exist)"));
      } else if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
        walk.problems.add(
            Diagnostic.fileError(Paths.display(abs, cwd), "no such file or directory"));
      } else if (isYamlName(abs)) {
        walk.files.add(abs); // named by the user: read as given (the loader checks its kind)
      } else {
        walk.problems.add(
            Diagnostic.fileError(Paths.display(abs, cwd), "not a YAML file (.yaml or .yml)"));
      }
    }
    for (Path dir : dirs) {
      walk.directory(dir);
    }
    return new Found(List.copyOf(walk.files), walk.problems, walk.unreadables);
  }

  private static boolean isYamlName(Path p) {
    String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  private static final class Walk {
    final Path cwd;
    final boolean followExternalLinks;
    final List<Path> bases = new ArrayList<>();
    final TreeSet<Path> files = new TreeSet<>();
    final List<Diagnostic> problems = new ArrayList<>();
    final List<Diagnostic> unreadables = new ArrayList<>();
    final Set<Path> ancestors = new HashSet<>();

    Walk(Path cwd, boolean followExternalLinks) {
      this.cwd = cwd;
      this.followExternalLinks = followExternalLinks;
    }

    void unreadable(Path p, String why) {
      unreadables.add(Diagnostic.fileWarning(Paths.display(p, cwd), why));
    }

    void directory(Path dir) {
      Path real;
      try {
        real = dir.toRealPath();
      } catch (IOException e) {
        unreadable(dir, LocalFile.why(e));
        return;
      }
      if (!ancestors.add(real)) {
        problems.add(
            Diagnostic.fileWarning(Paths.display(dir, cwd), "symbolic link loop; skipped"));
        return;
      }
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        stream.forEach(entries::add);
      } catch (IOException | RuntimeException e) {
        IOException io = e instanceof IOException i ? i : new IOException(e);
        unreadable(dir, "folder " + LocalFile.why(io));
      }
      entries.sort(null);
      for (Path entry : entries) {
        entry(entry);
      }
      ancestors.remove(real);
    }

    private void entry(Path entry) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".")) {
        return;
      }
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        unreadable(entry, LocalFile.why(e));
        return;
      }
      boolean scenarioName = isScenarioFileName(name);
      if (ControlChars.any(name) && (scenarioName || attrs.isDirectory())) {
        problems.add(
            Diagnostic.fileError(
                ControlChars.escape(Paths.display(entry, cwd)),
                "the name holds a control character; rename it"));
        return;
      }
      if (attrs.isSymbolicLink()) {
        Path target;
        try {
          target = entry.toRealPath();
          attrs = Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          unreadable(entry, "is a dangling symbolic link (its target does not exist)");
          return;
        } catch (IOException e) {
          unreadable(
              entry, "is a symbolic link that cannot be followed (" + LocalFile.why(e) + ")");
          return;
        }
        if (!followExternalLinks && bases.stream().noneMatch(target::startsWith)) {
          if (scenarioName || attrs.isDirectory()) {
            problems.add(
                Diagnostic.fileError(
                    Paths.display(entry, cwd),
                    "is a symbolic link that leads outside the scenario directories; refused"
                        + " (--follow-external-links reads it)"));
          }
          return;
        }
      }
      if (attrs.isDirectory()) {
        directory(entry);
      } else if (scenarioName) {
        if (attrs.isRegularFile()) {
          files.add(entry.normalize());
        } else {
          problems.add(
              Diagnostic.fileError(
                  Paths.display(entry, cwd),
                  "is not a regular file (a FIFO, socket or device); a scenario file must be a"
                      + " regular file"));
        }
      }
    }
  }
}
