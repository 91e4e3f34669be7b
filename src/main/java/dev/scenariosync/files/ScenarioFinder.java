package dev.scenariosync.files;

import dev.scenariosync.model.Diagnostic;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Finds scenario files: {@code *.yaml} and {@code *.yml} under the given directories, recursively,
 * skipping hidden files and folders and the tool's own configuration file. Symbolic links are
 * followed; a link loop is reported and skipped.
 */
public final class ScenarioFinder {
  /** The configuration file's name: never a scenario file. */
  public static final String CONFIG_FILE = "scenario-sync.yaml";

  /** The files found (sorted, without repeats) and the problems met on the way. */
  public record Found(List<Path> files, List<Diagnostic> problems) {}

  private ScenarioFinder() {}

  public static boolean isScenarioFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return (lower.endsWith(".yaml") || lower.endsWith(".yml"))
        && !name.equals(CONFIG_FILE)
        && !name.startsWith(".");
  }

  public static Found find(List<Path> roots, Path cwd) {
    TreeSet<Path> files = new TreeSet<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Path root : roots) {
      Path abs = cwd.resolve(root).normalize();
      if (!Files.exists(abs)) {
        problems.add(Diagnostic.fileError(Paths.display(abs, cwd), "no such file or directory"));
      } else if (Files.isDirectory(abs)) {
        walk(abs, cwd, files, problems);
      } else if (isYamlName(abs)) {
        files.add(abs);
      } else {
        problems.add(
            Diagnostic.fileError(Paths.display(abs, cwd), "not a YAML file (.yaml or .yml)"));
      }
    }
    return new Found(List.copyOf(files), problems);
  }

  private static boolean isYamlName(Path p) {
    String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  private static void walk(Path root, Path cwd, TreeSet<Path> files, List<Diagnostic> problems) {
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              boolean hidden = !dir.equals(root) && dir.getFileName().toString().startsWith(".");
              return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && isScenarioFileName(file.getFileName().toString())) {
                files.add(file.normalize());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              String why =
                  e instanceof FileSystemLoopException
                      ? "symbolic link loop; skipped"
                      : "cannot be read: " + e.getClass().getSimpleName();
              problems.add(Diagnostic.fileWarning(Paths.display(file, cwd), why));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add(Diagnostic.fileError(Paths.display(root, cwd), "cannot be read: " + e));
    }
  }
}
