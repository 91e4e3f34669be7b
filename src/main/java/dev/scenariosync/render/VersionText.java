package dev.scenariosync.render;

import dev.scenariosync.model.VersionContent;
import java.util.List;

/** A version's content as the lines diffs compare (the same lines plan diffs show). */
public final class VersionText {
  private VersionText() {}

  public static List<String> lines(VersionContent c) {
    return FieldLines.lines(c);
  }
}
