package dev.scenariosync.files;

import java.nio.file.Path;

/** How paths are shown to the user: relative to the working directory when inside it. */
public final class Paths {
  private Paths() {}

  public static String display(Path path, Path cwd) {
    Path abs = path.toAbsolutePath().normalize();
    Path base = cwd.toAbsolutePath().normalize();
    Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
    String s = shown.toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}
