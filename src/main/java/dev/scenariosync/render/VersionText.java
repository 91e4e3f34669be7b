package dev.scenariosync.render;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.WrittenTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A version's fields as the lines {@code history --diff} compares, for any versioned kind: text one
 * line per line under {@code key: |}, a time as the file spells it with the UTC instant beside it
 * when they differ, any other value on one line (sensitive values as {@code (sensitive)}); remote
 * text never drives the terminal.
 */
public final class VersionText {
  private VersionText() {}

  public static List<String> lines(KindSpec spec, Map<String, Object> fields) {
    List<String> out = new ArrayList<>();
    for (FieldSpec f : spec.fields()) {
      if (f.role() != FieldSpec.Role.VERSIONED) {
        continue;
      }
      Object v = fields.get(f.name());
      if (f.rule() == FieldRule.TEXT && v instanceof String text) {
        String shown = Safe.terminal(text);
        if (shown.indexOf('\n') < 0) {
          out.add(f.name() + ": " + shown);
        } else {
          out.add(f.name() + ": |");
          for (String line : shown.split("\n", -1)) {
            out.add("  " + line);
          }
        }
      } else if (f.rule() == FieldRule.TIME && v != null) {
        WrittenTime t = (WrittenTime) FieldRule.TIME.normalize(v);
        String utc = t.at().toString();
        out.add(
            f.name()
                + ": "
                + (t.written() == null || t.written().equals(utc)
                    ? utc
                    : Safe.oneLine(t.written()) + "  # " + utc));
      } else {
        out.add(f.name() + ": " + Safe.item(FieldRule.show(v)));
      }
    }
    return out;
  }
}
