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
      out.add(
          "conversation_starts_at: "
              + (c.conversationStartsAt() == null ? "null" : c.conversationStartsAt().toString()));
    }
    if (tags != null) {
      if (tags.isEmpty()) {
        out.add("tags: {}");
      } else {
        out.add("tags:");
        new TreeMap<>(tags).forEach((k, v) -> out.add("  " + k + ": " + (v == null ? "null" : v)));
      }
    }
    return out;
  }

  /** One line per line of text; a carriage return is shown, since it is a real difference. */
  private static void text(List<String> out, String key, String value) {
    String shown = value.replace("\r", "\\r");
    if (shown.indexOf('\n') < 0) {
      out.add(key + ": " + shown);
      return;
    }
    out.add(key + ": |");
    for (String line : shown.split("\n", -1)) {
      out.add("  " + line);
    }
  }
}
