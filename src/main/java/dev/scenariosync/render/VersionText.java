package dev.scenariosync.render;

import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A version's fields as the lines {@code history --diff} compares, for any versioned kind: the
 * versioned fields as {@link FieldLines} writes them for plan diffs (text one line per line, a time
 * as the file spells it with the UTC instant beside it, sensitive values as {@code (sensitive)}).
 */
public final class VersionText {
  private VersionText() {}

  public static List<String> lines(KindSpec spec, Map<String, Object> fields) {
    Map<String, Object> versioned = new LinkedHashMap<>();
    for (FieldSpec f : spec.fields()) {
      if (f.role() == FieldSpec.Role.VERSIONED) {
        versioned.put(f.name(), fields.get(f.name()));
      }
    }
    return FieldLines.lines(spec, versioned, null);
  }
}
