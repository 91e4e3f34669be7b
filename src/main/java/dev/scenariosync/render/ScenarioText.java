package dev.scenariosync.render;

import dev.scenariosync.model.VersionContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A scenario's content and tags as YAML-like lines, the unit that plan diffs compare. */
final class ScenarioText {
  private ScenarioText() {}

  static List<String> lines(VersionContent c, Map<String, String> tags) {
    List<String> out = new ArrayList<>();
    if (c != null) {
      text(out, "objective", c.objective());
      text(out, "instructions", c.instructions());
      out.add("initial_message_type: " + c.initialMessageType().wire());
      out.add("conversation_starts_at: " + startsAt(c));
    }
    if (tags != null) {
      if (tags.isEmpty()) {
        out.add("tags: {}");
      } else {
        out.add("tags:");
        new TreeMap<>(tags)
            .forEach(
                (k, v) ->
                    out.add(
                        "  " + Safe.oneLine(k) + ": " + (v == null ? "null" : Safe.oneLine(v))));
      }
    }
    return out;
  }

  /**
   * The start time as the file spells it, with the UTC instant beside it when the two differ
   * ({@code 2026-12-01T17:30:00-05:00 # 2026-12-01T22:30:00Z}); the instant alone otherwise.
   */
  static String startsAt(VersionContent c) {
    if (c.conversationStartsAt() == null) {
      return "null";
    }
    String utc = c.conversationStartsAt().toString();
    String written = c.startsAtAsWritten();
    return written == null || written.equals(utc) ? utc : Safe.oneLine(written) + "  # " + utc;
  }

  /**
   * One line per line of text; a carriage return and every control character are shown escaped (a
   * carriage return is a real difference, and remote text never drives the terminal).
   */
  private static void text(List<String> out, String key, String value) {
    String shown = Safe.terminal(value);
    if (shown.indexOf('\n') < 0) {
      out.add(key + ": " + shown);
      return;
    }
    out.add(key + ": |");
    for (String line : shown.split("\n", -1)) {
      out.add("  " + line);
    }
  }

  /** The top-level key of the field a line belongs to ("instructions" for its text lines). */
  static String fieldAt(List<String> lines, int index) {
    for (int i = Math.min(index, lines.size() - 1); i >= 0; i--) {
      String l = lines.get(i);
      if (!l.startsWith(" ")) {
        int colon = l.indexOf(':');
        return colon < 0 ? l : l.substring(0, colon);
      }
    }
    return null;
  }
}
